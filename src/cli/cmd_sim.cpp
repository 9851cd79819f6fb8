// view360 sim: the AWS simulator on a local port, until Ctrl-C. Prints at start what a client
// needs (endpoint, keys, region) as an env snippet, or as one JSON object with --output json.
#include <signal.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "sim/server.h"

namespace view360::cli {
namespace {

struct SimCommandOptions {
  std::string scenario_file;
  std::string host = "127.0.0.1";
  int port = 0;
  int threads = 64;
  std::optional<int> accounts;
  std::optional<std::string> regions;  // Comma-separated.
  std::optional<uint64_t> seed;
  std::optional<std::string> today;
  std::optional<int> page_size;
  std::optional<double> throttle_scale;
  bool no_throttle = false;
  bool strict = false;
};

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// The scenario file, then the command line's options on top.
Result<sim::Scenario> BuildScenario(const SimCommandOptions& o) {
  sim::Scenario scenario;
  if (!o.scenario_file.empty()) {
    VIEW360_ASSIGN_OR_RETURN(scenario, sim::LoadScenario(o.scenario_file));
  }
  if (o.accounts) scenario.accounts = *o.accounts;
  if (o.regions) scenario.regions = SplitList(*o.regions);
  if (o.seed) scenario.seed = *o.seed;
  if (o.today) scenario.today = *o.today;
  if (o.page_size) scenario.page_size = *o.page_size;
  if (o.throttle_scale) scenario.throttle_scale = *o.throttle_scale;
  if (o.no_throttle) scenario.throttle = false;
  // Re-validate the merged result with the file's rules.
  std::ostringstream yaml;
  yaml << "accounts: " << scenario.accounts << "\npage_size: " << scenario.page_size
       << "\nregions: [";
  for (size_t i = 0; i < scenario.regions.size(); ++i) {
    yaml << (i ? ", " : "") << '"' << scenario.regions[i] << '"';
  }
  yaml << "]\n";
  if (!scenario.today.empty()) yaml << "today: \"" << scenario.today << "\"\n";
  VIEW360_RETURN_IF_ERROR(sim::ParseScenario(yaml.str()).status());
  return scenario;
}

Status RunSim(const Context& context, const SimCommandOptions& options) {
  VIEW360_ASSIGN_OR_RETURN(auto scenario, BuildScenario(options));
  // Ctrl-C and SIGTERM are taken by sigwait below, not by a handler: block them before any
  // server thread starts so every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  sim::SimulatorOptions simulator_options;
  simulator_options.strict = options.strict;
  sim::Simulator simulator(scenario, simulator_options);
  sim::ServerOptions server_options;
  server_options.host = options.host;
  server_options.port = options.port;
  server_options.threads = options.threads;
  sim::SimServer server(simulator, server_options);
  VIEW360_RETURN_IF_ERROR(server.Start());
  const auto& world = simulator.world();
  const auto credentials = simulator.authenticator().RootCredentials(world.management());
  const std::string region = scenario.regions.front();
  if (context.json()) {
    std::cout << nlohmann::json{{"endpoint_url", server.endpoint()},
                                {"access_key_id", credentials.access_key_id},
                                {"secret_access_key", credentials.secret_access_key},
                                {"region", region},
                                {"management_account", world.management().id},
                                {"accounts", scenario.accounts},
                                {"regions", scenario.regions},
                                {"today", sim::FormatDay(world.today())},
                                {"admin_url", server.endpoint() + "/_sim/stats"}}
                     .dump()
              << std::endl;
  } else {
    std::cout << "# view360 sim: " << scenario.accounts << " member accounts, "
              << scenario.regions.size() << " regions, seed " << scenario.seed << ", today "
              << sim::FormatDay(world.today()) << "\n"
              << "# management account " << world.management().id
              << "; admin: " << server.endpoint() << "/_sim/stats\n"
              << "export AWS_ENDPOINT_URL=" << server.endpoint() << "\n"
              << "export AWS_ACCESS_KEY_ID=" << credentials.access_key_id << "\n"
              << "export AWS_SECRET_ACCESS_KEY=" << credentials.secret_access_key << "\n"
              << "export AWS_DEFAULT_REGION=" << region << "\n"
              << "export AWS_REGION=" << region << "\n"
              << "# aws --endpoint-url " << server.endpoint() << " sts get-caller-identity"
              << std::endl;
  }
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server.Stop();
  return OkStatus();
}

}  // namespace

void RegisterSimCommand(CLI::App& app, Context& context, Action* action) {
  auto options = std::make_shared<SimCommandOptions>();
  auto* cmd = app.add_subcommand(
      "sim", "Serve a simulated AWS organisation over the real AWS protocols (until Ctrl-C)");
  cmd->add_option("--port", options->port, "Port on 127.0.0.1 (0: any free port)");
  cmd->add_option("--host", options->host, "Address to listen on (default 127.0.0.1)");
  cmd->add_option("--accounts", options->accounts, "Member accounts (default 25)");
  cmd->add_option("--regions", options->regions,
                  "Regions, comma-separated (default us-east-1,eu-west-1,ap-southeast-2)");
  cmd->add_option("--seed", options->seed, "Seed of the synthetic organisation (default 1)");
  cmd->add_option("--scenario", options->scenario_file,
                  "Scenario file (YAML); options given here override it")
      ->check(CLI::ExistingFile);
  cmd->add_option("--today", options->today, "The simulated current day, YYYY-MM-DD");
  cmd->add_option("--page-size", options->page_size, "Most items per page (default 5)");
  cmd->add_option("--throttle-scale", options->throttle_scale,
                  "Multiply AWS's rate limits (0.1: ten times stricter)");
  cmd->add_flag("--no-throttle", options->no_throttle, "Never throttle");
  cmd->add_option("--threads", options->threads,
                  "Server threads (default 64; one per open connection)");
  cmd->add_flag("--strict", options->strict,
                "Fail a response holding members the AWS model does not know (for tests)");
  cmd->callback([&context, options, action] {
    *action = [&context, options] { return RunSim(context, *options); };
  });
}

}  // namespace view360::cli
