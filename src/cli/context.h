// What every subcommand gets: the global options, merged with the config file and the
// environment, and the helpers to print results.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "warehouse/warehouse.h"

namespace view360::cli {

// Exit codes, documented in docs/cli.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

enum class OutputFormat { kTable, kJson };

// The global options as given on the command line (empty = not given).
struct GlobalOptions {
  std::string config_file;
  std::string db;
  std::string log_level;
  std::string log_format;
  std::string output;
};

// Settings after merging flags > environment > config file > defaults.
struct Settings {
  std::string db;        // warehouse.db of the config file
  std::string data_dir;  // warehouse.data_dir
  std::string log_level = "info";
  std::string log_format = "text";
  OutputFormat output = OutputFormat::kTable;
};

class Context {
 public:
  GlobalOptions flags;
  Settings settings;

  // Reads the config file (if any) and merges everything into settings. InvalidArgument for
  // a config file that cannot be read or has a wrong value.
  Status Resolve();

  warehouse::WarehouseTarget Warehouse() const;
  bool json() const { return settings.output == OutputFormat::kJson; }
};

// The environment variable's value, or "" when it is unset.
std::string Env(const char* name);

// The first non-empty of the arguments: how a flag, an environment variable, a config file key
// and a default are merged.
template <typename... T>
std::string FirstOf(const T&... values) {
  std::string out;
  ((out.empty() ? (void)(out = values) : (void)0), ...);
  return out;
}

// Prints rows as an aligned text table with a header line, to stdout.
void PrintTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);

// Prints key/value pairs aligned, one per line, to stdout.
void PrintFields(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace view360::cli
