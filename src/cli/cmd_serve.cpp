// view360 serve: the REST API and the web dashboard on one port, until Ctrl-C (docs/serve.md).
#include <yaml-cpp/yaml.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.h"
#include "serve/server.h"

namespace view360::cli {
namespace {

struct ServeFlags {
  std::string listen;  // ADDR:PORT
  int threads = 8;
  int cache_mb = -1;  // -1: serve.cache_mb from the config file, or 64.
};

std::atomic<bool> g_stop{false};

// The config file's serve.<key>, or "".
std::string ConfigValue(const std::string& path, const std::string& key) {
  if (path.empty()) return "";
  try {
    YAML::Node root = YAML::LoadFile(path);
    if (root && root["serve"] && root["serve"][key]) return root["serve"][key].as<std::string>();
  } catch (const YAML::Exception&) {
  }
  return "";
}

Result<std::pair<std::string, int>> ParseListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return InvalidArgumentError("--listen must be ADDR:PORT, e.g. 0.0.0.0:8360");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    port = -1;
  }
  if (port < 0 || port > 65535) return InvalidArgumentError("--listen: not a port: " + listen);
  return std::make_pair(host, port);
}

Status RunServe(const Context& context, const ServeFlags& flags) {
  serve::ServeOptions options;
  const std::string config_file = FirstOf(context.flags.config_file, Env("VIEW360_CONFIG"));
  const std::string listen =
      FirstOf(flags.listen, Env("VIEW360_LISTEN"), ConfigValue(config_file, "listen"),
              std::string("127.0.0.1:8360"));
  VIEW360_ASSIGN_OR_RETURN(auto address, ParseListen(listen));
  options.host = address.first;
  options.port = address.second;
  options.token = FirstOf(Env("VIEW360_API_TOKEN"), ConfigValue(config_file, "token"));
  options.threads = flags.threads;
  if (flags.cache_mb >= 0) {
    options.cache_mb = static_cast<size_t>(flags.cache_mb);
  } else if (const std::string value = ConfigValue(config_file, "cache_mb"); !value.empty()) {
    try {
      options.cache_mb = static_cast<size_t>(std::stoul(value));
    } catch (...) {
      return InvalidArgumentError("serve.cache_mb must be a number of MiB, not: " + value);
    }
  }
  // Before connecting: an exposed server without a token is refused at once.
  VIEW360_RETURN_IF_ERROR(serve::CheckExposure(options));
  const auto target = context.Warehouse();
  { VIEW360_ASSIGN_OR_RETURN(auto conn, warehouse::OpenWarehouse(target, /*migrate=*/true)); }
  serve::DashboardServer server(
      [target] { return warehouse::OpenWarehouse(target, /*migrate=*/false); }, options);
  VIEW360_RETURN_IF_ERROR(server.Start());
  if (context.json()) {
    std::cout << nlohmann::json{{"url", server.url()}, {"port", server.port()}}.dump() << std::endl;
  } else {
    std::cout << "View360 dashboard: " << server.url() << "  (API: " << server.url()
              << "api/v1/openapi.json; Ctrl-C stops)" << std::endl;
  }
  std::signal(SIGINT, [](int) { g_stop = true; });
  std::signal(SIGTERM, [](int) { g_stop = true; });
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  server.Stop();
  return OkStatus();
}

}  // namespace

void RegisterServeCommand(CLI::App& app, Context& context, Action* action) {
  auto flags = std::make_shared<ServeFlags>();
  auto* cmd = app.add_subcommand("serve", "Serve the REST API and the web dashboard");
  cmd->add_option("--listen", flags->listen,
                  "ADDR:PORT to listen on (default 127.0.0.1:8360, or VIEW360_LISTEN); any "
                  "non-loopback address requires a token (VIEW360_API_TOKEN or serve.token)");
  cmd->add_option("--threads", flags->threads, "Request threads (default 8)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--cache-mb", flags->cache_mb,
                  "MiB of API answers kept until the warehouse's data changes (default 64, or "
                  "serve.cache_mb; 0: none)")
      ->check(CLI::Range(0, 65536));
  cmd->callback([&context, action, flags] {
    *action = [&context, flags] { return RunServe(context, *flags); };
  });
}

}  // namespace view360::cli
