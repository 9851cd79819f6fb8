#include "cli/context.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>

namespace view360::cli {
namespace {

struct FileSettings {
  std::string db, data_dir, log_level, log_format, output;
};

Result<FileSettings> ReadConfigFile(const std::string& path) {
  FileSettings out;
  if (path.empty()) return out;
  std::ifstream probe(path);
  if (!probe) return InvalidArgumentError("cannot read config file '" + path + "'");
  try {
    YAML::Node root = YAML::LoadFile(path);
    if (!root || root.IsNull()) return out;
    if (!root.IsMap()) return InvalidArgumentError("config file '" + path + "' is not a YAML map");
    auto text = [&](YAML::Node node) {
      return node && node.IsScalar() ? node.as<std::string>() : "";
    };
    if (auto w = root["warehouse"]) {
      out.db = text(w["db"]);
      out.data_dir = text(w["data_dir"]);
    }
    if (auto l = root["log"]) {
      out.log_level = text(l["level"]);
      out.log_format = text(l["format"]);
    }
    out.output = text(root["output"]);
  } catch (const YAML::Exception& e) {
    return InvalidArgumentError("config file '" + path + "': " + e.what());
  }
  return out;
}

}  // namespace

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

Status Context::Resolve() {
  VIEW360_ASSIGN_OR_RETURN(auto file,
                           ReadConfigFile(FirstOf(flags.config_file, Env("VIEW360_CONFIG"))));
  settings.db = file.db;  // --db, VIEW360_DB and PG* come first: see Warehouse().
  settings.data_dir = FirstOf(Env("VIEW360_DATA_DIR"), file.data_dir);
  settings.log_level =
      FirstOf(flags.log_level, Env("VIEW360_LOG_LEVEL"), file.log_level, std::string("info"));
  settings.log_format =
      FirstOf(flags.log_format, Env("VIEW360_LOG_FORMAT"), file.log_format, std::string("text"));
  if (settings.log_format != "text" && settings.log_format != "json") {
    return InvalidArgumentError("log format must be text or json, not '" + settings.log_format +
                                "'");
  }
  std::string output =
      FirstOf(flags.output, Env("VIEW360_OUTPUT"), file.output, std::string("table"));
  if (output == "table") {
    settings.output = OutputFormat::kTable;
  } else if (output == "json") {
    settings.output = OutputFormat::kJson;
  } else {
    return InvalidArgumentError("output must be table or json, not '" + output + "'");
  }
  return OkStatus();
}

warehouse::WarehouseTarget Context::Warehouse() const {
  return warehouse::ResolveTarget(flags.db, settings.db, settings.data_dir);
}

void PrintTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size() && c < width.size(); ++c) {
      width[c] = std::max(width[c], row[c].size());
    }
  }
  auto print = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t c = 0; c < width.size(); ++c) {
      std::string cell = c < cells.size() ? cells[c] : "";
      line += cell;
      if (c + 1 < width.size()) line += std::string(width[c] - cell.size() + 2, ' ');
    }
    std::cout << line << '\n';
  };
  print(header);
  for (const auto& row : rows) print(row);
}

void PrintFields(const std::vector<std::pair<std::string, std::string>>& fields) {
  size_t width = 0;
  for (const auto& [key, value] : fields) width = std::max(width, key.size());
  for (const auto& [key, value] : fields) {
    std::cout << key << ':' << std::string(width - key.size() + 1, ' ') << value << '\n';
  }
}

}  // namespace view360::cli
