// view360 version: the program's version and the warehouse schema version it carries.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "warehouse/migrations.h"

namespace view360::cli {

void RegisterVersionCommand(CLI::App& app, Context& context, Action* action) {
  auto* cmd = app.add_subcommand("version", "Print the version of view360 and of its schema");
  cmd->callback([&context, action] {
    *action = [&context]() -> Status {
      const auto& migrations = warehouse::BundledMigrations();
      const int schema = migrations.empty() ? 0 : migrations.back().version;
      if (context.json()) {
        nlohmann::json out = {{"version", VIEW360_VERSION}, {"schema_version", schema}};
        std::cout << out.dump() << '\n';
      } else {
        std::cout << "view360 " << VIEW360_VERSION << " (warehouse schema " << schema << ")\n";
      }
      return OkStatus();
    };
  });
}

}  // namespace view360::cli
