// The subcommands: each file registers one with the CLI11 app. A command's action runs after
// parsing and returns a Status; Main turns it into an exit code.
#pragma once

#include <functional>

#include "cli/context.h"

namespace CLI {
class App;
}

namespace view360::cli {

using Action = std::function<Status()>;

// Each sets *action when its subcommand is chosen.
void RegisterAwsCommand(CLI::App& app, Context& context, Action* action);
void RegisterCollectCommand(CLI::App& app, Context& context, Action* action);
void RegisterDemoCommand(CLI::App& app, Context& context, Action* action);
void RegisterIamPolicyCommand(CLI::App& app, Context& context, Action* action);
void RegisterIngestCommand(CLI::App& app, Context& context, Action* action);
void RegisterServeCommand(CLI::App& app, Context& context, Action* action);
void RegisterSimCommand(CLI::App& app, Context& context, Action* action);
void RegisterVersionCommand(CLI::App& app, Context& context, Action* action);
void RegisterWarehouseCommand(CLI::App& app, Context& context, Action* action);

}  // namespace view360::cli
