#include "cli/main_app.h"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "common/log.h"

namespace view360::cli {

int Main(int argc, char** argv) {
  CLI::App app{"View360: cost, security, compliance and inventory across many AWS accounts."};
  app.require_subcommand(1);
  app.fallthrough();  // Global options may follow the subcommand: view360 warehouse status --output
                      // json
  app.set_version_flag("--version", [] { return std::string("view360 ") + VIEW360_VERSION; });

  Context context;
  app.add_option("--config", context.flags.config_file, "YAML config file (also VIEW360_CONFIG)");
  app.add_option("--db", context.flags.db,
                 "Warehouse: libpq conninfo or postgresql:// URL (also VIEW360_DB; libpq's PG* "
                 "variables are honoured). Default: the embedded PostgreSQL");
  app.add_option("--log-level", context.flags.log_level,
                 "trace, debug, info, warn, error, critical or off (default info)");
  app.add_option("--log-format", context.flags.log_format, "text or json (default text)")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--output", context.flags.output, "table or json (default table)")
      ->check(CLI::IsMember({"table", "json"}));

  Action action;
  RegisterAwsCommand(app, context, &action);
  RegisterCollectCommand(app, context, &action);
  RegisterDemoCommand(app, context, &action);
  RegisterIamPolicyCommand(app, context, &action);
  RegisterIngestCommand(app, context, &action);
  RegisterServeCommand(app, context, &action);
  RegisterSimCommand(app, context, &action);
  RegisterVersionCommand(app, context, &action);
  RegisterWarehouseCommand(app, context, &action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version.
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  if (Status s = context.Resolve(); !s.ok()) {
    std::cerr << "view360: " << s.message() << '\n';
    return kExitUsage;
  }
  const LogFormat format =
      context.settings.log_format == "json" ? LogFormat::kJson : LogFormat::kText;
  if (Status s = InitLogging(context.settings.log_level, format); !s.ok()) {
    std::cerr << "view360: " << s.message() << '\n';
    return kExitUsage;
  }
  if (!action) return kExitUsage;
  Status status = action();
  if (!status.ok()) {
    spdlog::error("{}", Redact(status.message()));
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace view360::cli
