#include "ingest/extract.h"

#include <simdjson.h>

#include "ingest/convert.h"
#include "ingest/tables.h"

namespace view360::ingest {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// The member at a dotted path below value; false when some step is absent or not an object.
bool Lookup(const element& value, std::string_view path, element* out) {
  element current = value;
  while (!path.empty()) {
    const size_t dot = path.find('.');
    const std::string_view name = path.substr(0, dot);
    simdjson::dom::object object;
    if (current.get_object().get(object) != simdjson::SUCCESS) return false;
    if (object.at_key(name).get(current) != simdjson::SUCCESS) return false;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  *out = current;
  return true;
}

bool IsEmptyContainer(const element& value) {
  simdjson::dom::array array;
  if (value.get_array().get(array) == simdjson::SUCCESS) return array.size() == 0;
  simdjson::dom::object object;
  if (value.get_object().get(object) == simdjson::SUCCESS) return object.size() == 0;
  return false;
}

class Extractor {
 public:
  Extractor(const element& root, const Catalog& catalog, const ExtractOptions& options,
            StagedDocument* out)
      : root_(root), catalog_(catalog), options_(options), out_(out) {
    out_->row_counts.assign(Tables().size(), 0);
  }

  void Run() {
    if (!root_.is_object()) {
      Fail("$",
           std::string("expected the document to be an object, got ") + JsonKindName(root_.type()));
      return;
    }
    for (const auto& section : RequiredSections()) {
      element value;
      const std::string path = "$." + std::string(section.key);
      if (!Lookup(root_, section.key, &value)) {
        Fail(path, "missing: the original receiver requires this section");
      } else if (section.kind == 'o' && !value.is_object() && !IsEmptyContainer(value)) {
        Fail(path, std::string("expected object, got ") + JsonKindName(value.type()));
      } else if (section.kind == 'a' && !value.is_array() && !IsEmptyContainer(value)) {
        Fail(path, std::string("expected array, got ") + JsonKindName(value.type()));
      }
    }
    if (!out_->issues.empty()) return;
    ResolveAccount();
    if (!out_->issues.empty()) return;
    ResolveLogTime();
    const auto& tables = Tables();
    for (size_t t = 0; t < tables.size() && !Full(); ++t) StageTable(static_cast<int>(t));
  }

 private:
  bool Full() const { return out_->issues.size() >= options_.max_issues; }

  void Fail(const std::string& path, std::string message) {
    if (!Full()) out_->issues.push_back({path, std::move(message)});
  }

  void ResolveAccount() {
    element account_id, region;
    // A default element has no tape: look at it only when Lookup found it.
    const bool found = Lookup(root_, "account.account_id", &account_id);
    if (!found || !account_id.is_string()) {
      Fail("$.account.account_id",
           !found || account_id.is_null()
               ? "missing: a document must name its account"
               : std::string("expected string, got ") + JsonKindName(account_id.type()));
      return;
    }
    out_->account_id = std::string(std::string_view(account_id));
    if (out_->account_id.empty())
      Fail("$.account.account_id", "empty: a document must name its account");
    if (Lookup(root_, "account.region", &region) && region.is_string()) {
      out_->region = std::string(std::string_view(region));
    }
  }

  // §f.10 with R9 fixed: the document's own time, so that loading it again updates its row.
  void ResolveLogTime() {
    element value;
    if (Lookup(root_, "logs.date_created", &value) && value.is_string()) {
      log_time_ = std::string(std::string_view(value));
    } else if (Lookup(root_, "view360.collected_at", &value) && value.is_string()) {
      log_time_ = std::string(std::string_view(value));
    } else {
      log_time_ = options_.fallback_time;
    }
  }

  // The section a spec reads; false (no rows) when absent, null or an empty container.
  bool Section(const TableSpec& spec, element* out) {
    if (!Lookup(root_, spec.path, out) || out->is_null() || IsEmptyContainer(*out)) return false;
    return true;
  }

  void StageTable(int t) {
    const TableSpec& spec = Tables()[t];
    const std::string path = "$." + std::string(spec.path);
    element section;
    if (spec.source == Source::kCustom) {
      if (spec.table == "products") StageProducts(t);
      if (spec.table == "log_messages") StageLogMessages(t);
      return;
    }
    if (!Section(spec, &section)) return;
    switch (spec.source) {
      case Source::kObject:
        if (!section.is_object())
          return Fail(path, std::string("expected object, got ") + JsonKindName(section.type()));
        StageRow(t, section, path, {}, ParentKey(spec, section, section));
        break;
      case Source::kArray:
      case Source::kNestedArray: {
        if (!section.is_array())
          return Fail(path, std::string("expected array, got ") + JsonKindName(section.type()));
        size_t i = 0;
        for (element item : section.get_array()) {
          const std::string item_path = path + "[" + std::to_string(i++) + "]";
          if (!item.is_object()) {
            Fail(item_path, std::string("expected object, got ") + JsonKindName(item.type()));
            continue;
          }
          if (spec.source == Source::kArray) {
            StageRow(t, item, item_path, {}, ParentKey(spec, item, item));
            continue;
          }
          element children;
          if (!Lookup(item, spec.child, &children) || children.is_null()) continue;
          const std::string child_path = item_path + "." + std::string(spec.child);
          if (!children.is_array()) {
            Fail(child_path, std::string("expected array, got ") + JsonKindName(children.type()));
            continue;
          }
          size_t j = 0;
          for (element child : children.get_array()) {
            const std::string path_j = child_path + "[" + std::to_string(j++) + "]";
            if (!child.is_object()) {
              Fail(path_j, std::string("expected object, got ") + JsonKindName(child.type()));
              continue;
            }
            StageRow(t, child, path_j, {}, ParentKey(spec, child, item));
          }
        }
        break;
      }
      case Source::kMembers:
        if (!section.is_object())
          return Fail(path, std::string("expected object, got ") + JsonKindName(section.type()));
        for (auto field : section.get_object()) {
          if (field.value.is_null()) continue;
          const std::string member_path = path + "." + std::string(field.key);
          if (!field.value.is_object()) {
            Fail(member_path,
                 std::string("expected object, got ") + JsonKindName(field.value.type()));
            continue;
          }
          StageRow(t, field.value, member_path, field.key, FieldValue{});
        }
        break;
      case Source::kCustom:
        break;
    }
  }

  // The natural key of the row this element hangs from (TableSpec::parent).
  FieldValue ParentKey(const TableSpec& spec, const element& item, const element& outer) {
    FieldValue key;
    element value;
    switch (spec.parent) {
      case Parent::kCostReport:
        key = cost_period_start_;
        break;
      case Parent::kConfigReport:
        key = config_date_from_;
        break;
      case Parent::kSecurity:
        if (Lookup(outer, "service", &value) && value.is_string()) {
          key = {false, std::string(std::string_view(value))};
        }
        break;
      case Parent::kInstance:
        if (Lookup(item, "instance_id", &value) && value.is_string()) {
          key = {false, std::string(std::string_view(value))};
        }
        break;
      case Parent::kLog:
        key = log_date_created_;
        break;
      default:
        break;
    }
    return key;
  }

  // Converts the spec's columns of one element and appends the staged row.
  void StageRow(int t, const element& item, const std::string& path, std::string_view member_name,
                const FieldValue& parent) {
    const TableSpec& spec = Tables()[t];
    std::vector<FieldValue> values(spec.columns.size());
    bool ok = true;
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      const ColumnMap& map = spec.columns[c];
      const ColumnType* column = catalog_.Find(std::string(spec.table), std::string(map.column));
      const std::string member_path = path + "." + std::string(map.member);
      if (column == nullptr) {
        Fail(path, "the warehouse has no column " + std::string(spec.table) + "." +
                       std::string(map.column) + ": run migrations");
        return;
      }
      std::string error;
      if (map.member.substr(0, 7) == "@const:") {
        error = ConvertText(map.member.substr(7), *column, &values[c]);
      } else if (map.member == "@name") {
        error = ConvertText(member_name, *column, &values[c]);
      } else if (map.member == "@date_created") {
        error = ConvertText(log_time_, *column, &values[c]);
        if (values[c].null && error.empty())
          error = ConvertText(options_.fallback_time, *column, &values[c]);
      } else {
        element value;
        const bool present = Lookup(item, map.member, &value);
        if ((!present || value.is_null()) && map.if_null.data() != nullptr) {
          std::string text(map.if_null);
          if (auto at = text.find("{account_id}"); at != std::string::npos) {
            text.replace(at, 12, out_->account_id);
          }
          error = ConvertText(text, *column, &values[c]);
        } else if (present && value.is_array() && map.column == "usage_types") {
          // §f.7.2: a list of usage types is stored joined with ",".
          std::string joined;
          for (element type : value.get_array()) {
            if (!joined.empty()) joined += ',';
            joined += type.is_string() ? std::string(std::string_view(type)) : PythonJson(type);
          }
          error = ConvertText(joined, *column, &values[c]);
        } else {
          error = ConvertValue(present ? &value : nullptr, *column, &values[c]);
        }
      }
      if (error.empty() && values[c].null && spec.enforced && IsKey(spec, map.column)) {
        error = "null, but it is part of the key of " + std::string(spec.table);
      }
      if (!error.empty()) {
        Fail(map.member[0] == '@' ? path : member_path,
             std::string(spec.table) + "." + std::string(map.column) + ": " + error);
        ok = false;
      }
    }
    if (!ok) return;
    if (spec.table == "contact_info") {
      bool any = false;
      for (const auto& v : values) any = any || !v.null;
      if (!any) return;  // §f.7.1: only when at least one member has a value.
    }
    RememberParent(spec, values);
    AppendRow(t, parent, values);
  }

  static bool IsKey(const TableSpec& spec, std::string_view column) {
    for (auto key : spec.key) {
      if (key == column) return true;
    }
    return false;
  }

  void RememberParent(const TableSpec& spec, const std::vector<FieldValue>& values) {
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      if (spec.table == "cost_reports" && spec.columns[c].column == "period_start") {
        cost_period_start_ = values[c];
      } else if (spec.table == "config_reports" && spec.columns[c].column == "date_from") {
        config_date_from_ = values[c];
      } else if (spec.table == "logs" && spec.columns[c].column == "date_created") {
        log_date_created_ = values[c];
      }
    }
  }

  void AppendRow(int t, const FieldValue& parent, const std::vector<FieldValue>& values) {
    std::string& line = out_->copy_rows;
    line += std::to_string(options_.doc_number);
    line += '\t';
    line += std::to_string(t);
    line += '\t';
    line += std::to_string(seq_++);
    line += '\t';
    AppendCopyField(line, parent);
    for (int c = 0; c < kStageColumns; ++c) {
      line += '\t';
      if (static_cast<size_t>(c) < values.size()) {
        AppendCopyField(line, values[c]);
      } else {
        line += "\\N";
      }
    }
    line += '\n';
    ++out_->row_counts[t];
  }

  // §f.7.1 with R2 fixed: "a, b" names two products; "None" and empty names are none.
  void StageProducts(int t) {
    element product;
    if (!Lookup(root_, "account.product", &product) || product.is_null()) return;
    if (!product.is_string()) {
      return Fail("$.account.product",
                  std::string("expected string, got ") + JsonKindName(product.type()));
    }
    const ColumnType* column = catalog_.Find("products", "name");
    std::string_view names(product);
    size_t start = 0;
    while (start <= names.size()) {
      size_t end = names.find(',', start);
      if (end == std::string_view::npos) end = names.size();
      std::string_view name = names.substr(start, end - start);
      while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
      while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
      start = end + 1;
      if (name.empty() || name == "None") continue;
      std::vector<FieldValue> values(1);
      if (std::string error = ConvertText(name, *column, &values[0]); !error.empty()) {
        Fail("$.account.product", "products.name: " + error);
        continue;
      }
      AppendRow(t, FieldValue{}, values);
    }
  }

  // §f.10 with R9 fixed: an object message gives one row per member (type = its name), any
  // other value one "INFO" row; every message is kept.
  void StageLogMessages(int t) {
    element messages;
    if (!Lookup(root_, "logs.message", &messages) || messages.is_null()) return;
    const ColumnType* type_column = catalog_.Find("log_messages", "message_type");
    const ColumnType* text_column = catalog_.Find("log_messages", "message");
    auto stage = [&](std::string_view type, const element& value, const std::string& path) {
      std::vector<FieldValue> values(2);
      const std::string text =
          value.is_string() ? std::string(std::string_view(value)) : PythonJson(value);
      std::string error = ConvertText(type, *type_column, &values[0]);
      if (error.empty()) error = ConvertText(text, *text_column, &values[1]);
      if (!error.empty()) return Fail(path, "log_messages: " + error);
      AppendRow(t, log_date_created_, values);
    };
    auto stage_item = [&](const element& item, const std::string& path) {
      if (item.is_object()) {
        for (auto field : item.get_object()) {
          stage(field.key, field.value, path + "." + std::string(field.key));
        }
      } else {
        stage("INFO", item, path);
      }
    };
    if (messages.is_array()) {
      size_t i = 0;
      for (element item : messages.get_array()) {
        stage_item(item, "$.logs.message[" + std::to_string(i++) + "]");
      }
    } else {
      stage_item(messages, "$.logs.message");
    }
  }

  const element& root_;
  const Catalog& catalog_;
  const ExtractOptions& options_;
  StagedDocument* out_;
  int64_t seq_ = 0;
  std::string log_time_;
  FieldValue cost_period_start_, config_date_from_, log_date_created_;
};

}  // namespace

StagedDocument Extract(std::string_view json, const Catalog& catalog,
                       const ExtractOptions& options) {
  StagedDocument out;
  thread_local simdjson::dom::parser parser;
  if (parser.max_depth() != kMaxDepth) {
    if (auto error = parser.allocate(std::max<size_t>(json.size(), 4096), kMaxDepth); error) {
      out.issues.push_back({"$", std::string("cannot parse: ") + simdjson::error_message(error)});
      return out;
    }
  }
  element root;
  simdjson::padded_string padded(json);
  if (auto error = parser.parse(padded).get(root); error) {
    std::string reason = simdjson::error_message(error);
    if (error == simdjson::DEPTH_ERROR) {
      reason = "nested deeper than " + std::to_string(kMaxDepth) + " levels";
    }
    out.issues.push_back({"$", "not valid JSON: " + reason});
    return out;
  }
  Extractor(root, catalog, options, &out).Run();
  if (!out.ok()) {
    out.copy_rows.clear();
    out.row_counts.assign(out.row_counts.size(), 0);
  }
  return out;
}

}  // namespace view360::ingest
