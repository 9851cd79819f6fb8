// view360 warehouse start|stop|status|init|migrate|psql: the warehouse's life cycle.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "common/process.h"
#include "warehouse/embedded_cluster.h"
#include "warehouse/migrations.h"

namespace view360::cli {
namespace {

using warehouse::EmbeddedCluster;

EmbeddedCluster ClusterFor(const warehouse::WarehouseTarget& target) {
  return EmbeddedCluster(warehouse::ClusterPathsFor(
      target.embedded_root.empty() ? warehouse::DefaultClusterRoot() : target.embedded_root));
}

Status RequireEmbedded(const warehouse::WarehouseTarget& target, const char* verb) {
  if (!target.external()) return OkStatus();
  return FailedPreconditionError(std::string("the warehouse is an external server (") +
                                 target.Describe() + "); view360 can only " + verb +
                                 " its embedded PostgreSQL");
}

Status Start(const Context& context) {
  auto target = context.Warehouse();
  VIEW360_RETURN_IF_ERROR(RequireEmbedded(target, "start"));
  auto cluster = ClusterFor(target);
  VIEW360_ASSIGN_OR_RETURN(bool started, cluster.Start());
  auto state = cluster.State();
  if (context.json()) {
    std::cout << nlohmann::json{{"started", started},
                                {"running", state.running},
                                {"pid", state.pid},
                                {"data_dir", cluster.paths().data_dir}}
                     .dump()
              << '\n';
  } else {
    std::cout << (started ? "started" : "already running") << " (pid " << state.pid << ", "
              << cluster.paths().root << ")\n";
  }
  return OkStatus();
}

Status Stop(const Context& context) {
  auto target = context.Warehouse();
  VIEW360_RETURN_IF_ERROR(RequireEmbedded(target, "stop"));
  auto cluster = ClusterFor(target);
  const bool was_running = cluster.State().running;
  VIEW360_RETURN_IF_ERROR(cluster.Stop());
  if (context.json()) {
    std::cout << nlohmann::json{{"stopped", was_running}, {"running", false}}.dump() << '\n';
  } else {
    std::cout << (was_running ? "stopped" : "not running") << '\n';
  }
  return OkStatus();
}

// Prints where the warehouse is, whether it runs, and its schema version and object counts.
Status PrintStatus(const Context& context) {
  auto target = context.Warehouse();
  nlohmann::json out = {{"warehouse", target.external() ? "external" : "embedded"},
                        {"target", target.Describe()}};
  bool reachable = true;
  if (!target.external()) {
    auto cluster = ClusterFor(target);
    auto state = cluster.State();
    out["data_dir"] = cluster.paths().data_dir;
    out["initialized"] = state.initialized;
    out["running"] = state.running;
    out["pid"] = state.pid;
    out["postgresql_version"] = state.version;
    reachable = state.running;
  }
  if (reachable) {
    VIEW360_ASSIGN_OR_RETURN(auto conn, warehouse::OpenWarehouse(target, /*migrate=*/false));
    VIEW360_ASSIGN_OR_RETURN(auto info, warehouse::DescribeSchema(conn));
    out["running"] = true;
    out["schema_version"] = info.version;
    out["bundled_schema_version"] = info.bundled_version;
    out["tables"] = info.v2_tables;
    out["view360_tables"] = info.own_tables;
    out["views"] = info.views;
  }
  if (context.json()) {
    std::cout << out.dump() << '\n';
    return OkStatus();
  }
  std::vector<std::pair<std::string, std::string>> fields = {
      {"warehouse", out["warehouse"].get<std::string>()}, {"target", target.Describe()}};
  if (!target.external()) {
    fields.emplace_back("initialized", out["initialized"].get<bool>() ? "yes" : "no");
    fields.emplace_back("running", out["running"].get<bool>()
                                       ? "yes (pid " + std::to_string(out["pid"].get<int>()) + ")"
                                       : "no");
  }
  if (out.contains("schema_version")) {
    fields.emplace_back("schema version",
                        std::to_string(out["schema_version"].get<int>()) +
                            " (this view360 carries " +
                            std::to_string(out["bundled_schema_version"].get<int>()) + ")");
    fields.emplace_back("tables", std::to_string(out["tables"].get<int>()) + " View360 v2 + " +
                                      std::to_string(out["view360_tables"].get<int>()) +
                                      " view360");
    fields.emplace_back("views", std::to_string(out["views"].get<int>()));
  }
  PrintFields(fields);
  return OkStatus();
}

Status MigrateCommand(const Context& context, bool print_status) {
  VIEW360_ASSIGN_OR_RETURN(auto conn, warehouse::OpenWarehouse(context.Warehouse(), false));
  VIEW360_ASSIGN_OR_RETURN(auto report, warehouse::Migrate(conn));
  if (print_status) return PrintStatus(context);
  if (context.json()) {
    std::cout << nlohmann::json{{"from_version", report.from_version},
                                {"to_version", report.to_version},
                                {"applied", report.applied},
                                {"views_recreated", report.views_recreated}}
                     .dump()
              << '\n';
  } else if (report.applied.empty() && !report.views_recreated) {
    std::cout << "schema is up to date (version " << report.to_version << ")\n";
  } else {
    for (const auto& name : report.applied) std::cout << "applied " << name << '\n';
    if (report.views_recreated) std::cout << "recreated the views\n";
    std::cout << "schema version " << report.to_version << '\n';
  }
  return OkStatus();
}

Status Psql(const Context& context, const std::vector<std::string>& extra) {
  auto target = context.Warehouse();
  std::string conninfo = target.conninfo;
  if (!target.external()) {
    auto cluster = ClusterFor(target);
    VIEW360_RETURN_IF_ERROR(cluster.Start().status());
    conninfo = cluster.ConnInfo();
  }
  std::vector<std::string> argv = {"psql", conninfo};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return ExecReplace(argv).WithContext(
      "is the PostgreSQL client installed (apt-get install "
      "postgresql-client)?");
}

}  // namespace

void RegisterWarehouseCommand(CLI::App& app, Context& context, Action* action) {
  auto* cmd = app.add_subcommand(
      "warehouse",
      "Manage the warehouse: the embedded PostgreSQL (default) or the server given by --db");
  cmd->require_subcommand(1);
  auto on = [&context, action](CLI::App* sub, std::function<Status(const Context&)> fn) {
    sub->callback([&context, action, fn] { *action = [&context, fn] { return fn(context); }; });
  };
  on(cmd->add_subcommand("start", "Start the embedded PostgreSQL (initialising it if needed)"),
     Start);
  on(cmd->add_subcommand("stop", "Stop the embedded PostgreSQL"), Stop);
  on(cmd->add_subcommand("status",
                         "Show where the warehouse is, whether it runs, its schema "
                         "version and its tables and views"),
     PrintStatus);
  on(cmd->add_subcommand("init",
                         "Create and start the warehouse if needed, bring its schema up "
                         "to date, and show its status"),
     [](const Context& c) { return MigrateCommand(c, /*print_status=*/true); });
  on(cmd->add_subcommand("migrate", "Apply the schema migrations and views this view360 carries"),
     [](const Context& c) { return MigrateCommand(c, /*print_status=*/false); });
  auto* psql =
      cmd->add_subcommand("psql", "Open psql on the warehouse (arguments after -- go to psql)");
  static std::vector<std::string> psql_args;
  psql->add_option("args", psql_args, "Arguments passed to psql");
  on(psql, [](const Context& c) { return Psql(c, psql_args); });
}

}  // namespace view360::cli
