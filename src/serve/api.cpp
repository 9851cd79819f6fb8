#include "serve/api.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "common/embedded_files.h"

namespace view360::sql_files {
const std::vector<view360::EmbeddedFile>& Files();  // Generated from sql/.
}

namespace view360::serve {
namespace {

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 500;
constexpr int kDefaultDays = 30;
constexpr int kMaxDays = 3700;
constexpr size_t kParameterCount = 12;  // $1..$12.

const std::vector<std::string> kSeverities = {"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"};

std::vector<EndpointParam> GroupParams() {
  return {{"group_by", "service", {"service", "account"}, "One series per service or account"},
          {"top", "10", {}, "Series shown; the rest is summed into \"Other\" (1-50)"}};
}

std::vector<EndpointParam> ResourceParams() {
  return {{"service", "", {}, "Only this service"},
          {"type", "", {}, "Only this resource type"},
          {"region", "", {}, "Only this region"}};
}

Endpoint Make(std::string path, std::string sql_file, std::string summary,
              std::vector<EndpointParam> params = {}) {
  return Endpoint{std::move(path),
                  std::move(sql_file),
                  std::move(summary),
                  false,
                  std::move(params),
                  {},
                  {},
                  "",
                  ""};
}

Endpoint WithFixed(Endpoint e, std::vector<std::string> fixed) {
  e.fixed = std::move(fixed);
  return e;
}

// A paged list sorted by `sort` over columns (each "name" or "name=SQL expression"), by
// default_order (SQL) without it, and always by unique (SQL) last.
Endpoint List(std::string path, std::string sql_file, std::string summary,
              std::vector<EndpointParam> params, const std::vector<std::string>& columns,
              std::string default_order, std::string unique) {
  Endpoint e = Make(std::move(path), std::move(sql_file), std::move(summary), std::move(params));
  e.paged = true;
  for (const auto& column : columns) {
    const size_t eq = column.find('=');
    e.sort.push_back(eq == std::string::npos
                         ? SortColumn{column, ""}
                         : SortColumn{column.substr(0, eq), column.substr(eq + 1)});
  }
  e.default_order = std::move(default_order);
  e.unique = std::move(unique);
  return e;
}

std::vector<Endpoint> BuildEndpoints() {
  return {
      Make("/api/v1/overview", "api/overview.sql",
           "Spend this month against last month and the forecast, open findings by severity, "
           "compliance score, accounts that need attention"),
      List("/api/v1/accounts", "api/accounts.sql", "Accounts with spend, findings and compliance",
           {},
           {"account_id", "account_name", "status", "customer", "partner", "environment",
            "spend_this_month", "compliance_score", "last_document_at"},
           "", "account_id"),
      WithFixed(Make("/api/v1/costs/daily", "api/costs_series.sql",
                     "Cost per day by service or account", GroupParams()),
                {"day"}),
      WithFixed(Make("/api/v1/costs/monthly", "api/costs_series.sql",
                     "Cost per month by service or account", GroupParams()),
                {"month"}),
      List("/api/v1/costs/movers", "api/costs_movers.sql",
           "Largest cost changes against the previous period of the same length",
           {GroupParams()[0]}, {"key", "label", "current", "previous", "change", "change_pct"},
           "abs(change) DESC", "key"),
      Make("/api/v1/costs/forecast", "api/costs_forecast.sql",
           "Cost Explorer forecast of the latest cost reports"),
      Make("/api/v1/security/summary", "api/security_summary.sql",
           "Open findings by severity, service and account"),
      Make("/api/v1/security/trend", "api/security_trend.sql",
           "Findings open on each day, by severity"),
      List("/api/v1/security/findings", "api/security_findings.sql",
           "Security Hub findings, most severe and newest first",
           {{"severity", "", kSeverities, "Only this severity"},
            {"status", "", {}, "Only this workflow status (NEW, NOTIFIED, RESOLVED, SUPPRESSED)"}},
           {"finding_id", "account_id", "title", "severity=severity_level", "status", "service",
            "resource_type", "resource_id", "region", "updated_at"},
           "severity_level DESC NULLS LAST, updated_at DESC", "finding_id"),
      Make("/api/v1/compliance", "api/compliance.sql",
           "AWS Config compliance score per account and its trend"),
      List("/api/v1/compliance/resources", "api/compliance_resources.sql",
           "Non-compliant resources of the latest Config reports", {},
           {"account_id", "rule_name", "resource_type", "resource_id", "compliance_type",
            "annotation", "date"},
           "account_id, rule_name, resource_id", "row_id"),
      List("/api/v1/support-cases", "api/support_cases.sql", "AWS Support cases, newest first", {},
           {"case_id", "display_id", "account_id", "subject", "status", "severity_code",
            "service_code", "time_created"},
           "time_created DESC", "case_id"),
      List("/api/v1/health-events", "api/health_events.sql", "AWS Health events, newest first", {},
           {"arn", "account_id", "service", "event_type_code", "region", "status_code",
            "start_time", "end_time"},
           "start_time DESC NULLS LAST", "arn"),
      List("/api/v1/resources", "api/resources.sql", "Inventoried resources", ResourceParams(),
           {"account_id", "service_name", "resource_type", "resource_id", "resource_name", "region",
            "state", "instance_type"},
           "account_id, service_name, resource_id", "row_id"),
      Make("/api/v1/resources/summary", "api/resources_summary.sql",
           "Resources per service and type", ResourceParams()),
      List("/api/v1/operations/collections", "api/operations_collections.sql",
           "Collection runs (one per document loaded) with the categories that failed and the "
           "collector's messages, newest first",
           {{"status", "", {"failed", "passed"}, "Only runs where some category failed, or none"}},
           {"account_id", "account_name", "collected_at", "failed_count"}, "collected_at DESC",
           "log_id"),
      List("/api/v1/operations/runs", "api/operations_runs.sql", "Ingest runs, newest first", {},
           {"id", "source", "host", "started_at", "finished_at", "documents_loaded",
            "documents_skipped", "documents_failed", "rows_created", "rows_updated",
            "rows_unchanged"},
           "id DESC", "id"),
      List("/api/v1/operations/documents", "api/operations_documents.sql",
           "Documents the receiver has seen, newest event first, with the reasons of failed ones",
           {{"status", "", {"loaded", "failed", "pending"}, "Only documents in this state"}},
           {"object_key", "status", "account_id", "region", "size", "loaded_at", "failed_at",
            "attempts"},
           "at DESC", "object_key, source"),
  };
}

// Expands the placeholders of docs in api.h.
std::string ExpandSql(const std::string& sql) {
  static const std::regex kFilters(R"(/\*filters (\w+)\*/)");
  static const std::regex kOpen(R"(/\*open (\w+)\*/)");
  std::string out = std::regex_replace(sql, kFilters,
                                       "(($$1::text[] IS NULL OR $1.account = ANY ($$1::text[])) "
                                       "AND ($$2::text IS NULL OR $1.account_customer = $$2) "
                                       "AND ($$3::text IS NULL OR $1.account_partner = $$3) "
                                       "AND ($$4::text IS NULL OR $1.account_type = $$4) "
                                       "AND ($$5::text IS NULL OR $1.project_product_name = $$5))");
  return std::regex_replace(out, kOpen,
                            "(coalesce($1.workflow_state, 'NEW') NOT IN ('RESOLVED', "
                            "'SUPPRESSED') AND coalesce($1.record_state, 'ACTIVE') = 'ACTIVE')");
}

bool IsDate(const std::string& text) {
  static const std::regex kDate(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  return std::regex_match(text, kDate);
}

int DaysFromCivil(int y, unsigned m, unsigned d) {  // Howard Hinnant's algorithm.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

int DayNumber(const std::string& date) {
  return DaysFromCivil(std::stoi(date.substr(0, 4)), std::stoul(date.substr(5, 2)),
                       std::stoul(date.substr(8, 2)));
}

std::string CivilFromDays(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp + (mp < 10 ? 3 : -9);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", y + (m <= 2), m, d);
  return buffer;
}

// All values of a parameter, comma lists split.
std::vector<std::string> Values(const QueryParams& params, const std::string& name) {
  std::vector<std::string> out;
  auto range = params.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) {
    size_t start = 0;
    const std::string& text = it->second;
    while (start <= text.size()) {
      size_t end = text.find(',', start);
      if (end == std::string::npos) end = text.size();
      if (end > start) out.push_back(text.substr(start, end - start));
      start = end + 1;
    }
  }
  return out;
}

std::string Single(const QueryParams& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

Result<int> Integer(const std::string& name, const std::string& text, int min, int max) {
  static const std::regex kInteger(R"(\d{1,9})");
  if (!std::regex_match(text, kInteger) || std::stoi(text) < min || std::stoi(text) > max) {
    return InvalidArgumentError(name + " must be an integer from " + std::to_string(min) + " to " +
                                std::to_string(max));
  }
  return std::stoi(text);
}

// The request's $1..$12, or a 400-worthy error.
Result<std::vector<warehouse::SqlValue>> Parameters(const Endpoint& endpoint,
                                                    const QueryParams& params,
                                                    warehouse::Connection& connection) {
  std::vector<warehouse::SqlValue> out(kParameterCount);
  static const std::regex kAccount(R"(\d{12})");
  std::vector<std::string> accounts = Values(params, "account");
  if (!accounts.empty()) {
    std::string array = "{";
    for (const auto& account : accounts) {
      if (!std::regex_match(account, kAccount)) {
        return InvalidArgumentError("account must be a 12-digit account id: " +
                                    account.substr(0, 40));
      }
      array += (array.size() > 1 ? "," : "") + account;
    }
    out[0] = array + "}";
  }
  const char* tags[] = {"customer", "partner", "environment", "product"};
  for (int i = 0; i < 4; ++i) {
    std::string value = Single(params, tags[i]);
    if (value.size() > 255) return InvalidArgumentError(std::string(tags[i]) + " is too long");
    if (value.find('\0') != std::string::npos) {
      return InvalidArgumentError(std::string(tags[i]) + " contains a NUL character");
    }
    if (!value.empty()) out[1 + i] = value;
  }
  std::string from = Single(params, "from"), to = Single(params, "to");
  for (const auto* date : {&from, &to}) {
    if (!date->empty() && !IsDate(*date)) {
      return InvalidArgumentError("from and to must be dates (YYYY-MM-DD)");
    }
  }
  if (to.empty()) {
    // The latest day with cost data: the "today" of the warehouse.
    VIEW360_ASSIGN_OR_RETURN(
        auto latest, connection.QueryValue("SELECT coalesce(max(date_from), current_date)::text "
                                           "FROM services"));
    to = latest.value_or("");
  }
  if (from.empty()) from = CivilFromDays(DayNumber(to) - (kDefaultDays - 1));
  if (DayNumber(from) > DayNumber(to)) return InvalidArgumentError("from is after to");
  if (DayNumber(to) - DayNumber(from) > kMaxDays) {
    return InvalidArgumentError("the date range is longer than " + std::to_string(kMaxDays) +
                                " days");
  }
  out[5] = from;
  out[6] = to;
  int limit = kDefaultLimit, offset = 0;
  if (std::string v = Single(params, "limit"); !v.empty()) {
    VIEW360_ASSIGN_OR_RETURN(limit, Integer("limit", v, 1, kMaxLimit));
  }
  if (std::string v = Single(params, "offset"); !v.empty()) {
    VIEW360_ASSIGN_OR_RETURN(offset, Integer("offset", v, 0, 1000000000));
  }
  out[7] = std::to_string(limit);
  out[8] = std::to_string(offset);
  for (size_t i = 0; i < endpoint.params.size() && 9 + i < kParameterCount; ++i) {
    const EndpointParam& p = endpoint.params[i];
    std::string value = Single(params, p.name);
    if (value.empty()) value = p.default_value;
    if (p.name == "top" && !value.empty()) {
      VIEW360_ASSIGN_OR_RETURN(int top, Integer("top", value, 1, 50));
      value = std::to_string(top);
    }
    if (!value.empty() && !p.allowed.empty() &&
        std::find(p.allowed.begin(), p.allowed.end(), value) == p.allowed.end()) {
      std::string allowed;
      for (const auto& a : p.allowed) allowed += (allowed.empty() ? "" : ", ") + a;
      return InvalidArgumentError(p.name + " must be one of " + allowed);
    }
    if (value.size() > 255) return InvalidArgumentError(p.name + " is too long");
    if (!value.empty()) out[9 + i] = value;
  }
  for (size_t i = 0; i < endpoint.fixed.size(); ++i) {
    const size_t at = 9 + endpoint.params.size() + i;
    if (at < kParameterCount) out[at] = endpoint.fixed[i];
  }
  return out;
}

// The ORDER BY list that replaces /*sort*/: the keys of `sort` (each a whitelisted column,
// "-" for descending, NULLs last either way) or the endpoint's default order, then the list's
// unique columns, so that equal keys still page in one order. Only whitelisted SQL is emitted.
Result<std::string> OrderBy(const Endpoint& endpoint, const QueryParams& params) {
  const std::vector<std::string> keys = Values(params, "sort");
  if (!endpoint.paged) {
    if (!keys.empty()) return InvalidArgumentError("sort: " + endpoint.path + " is not a list");
    return std::string();
  }
  std::string expected;
  for (const auto& column : endpoint.sort) expected += (expected.empty() ? "" : ", ") + column.name;
  if (keys.size() > kMaxSortKeys) {
    return InvalidArgumentError("sort: at most " + std::to_string(kMaxSortKeys) + " columns");
  }
  std::string order;
  std::vector<std::string> used;
  for (const auto& key : keys) {
    const bool descending = key[0] == '-';
    const std::string name = descending ? key.substr(1) : key;
    auto column = std::find_if(endpoint.sort.begin(), endpoint.sort.end(),
                               [&](const SortColumn& c) { return c.name == name; });
    if (column == endpoint.sort.end()) {
      return InvalidArgumentError("sort: expected one of " + expected +
                                  " (optionally with a '-' prefix), got '" + key.substr(0, 60) +
                                  "'");
    }
    if (std::find(used.begin(), used.end(), name) != used.end()) {
      return InvalidArgumentError("sort: " + name + " is named twice");
    }
    used.push_back(name);
    order += (order.empty() ? "" : ", ") +
             (column->expression.empty() ? column->name : column->expression) +
             (descending ? " DESC NULLS LAST" : " ASC NULLS LAST");
  }
  if (keys.empty()) order = endpoint.default_order;
  // The unique columns last, unless the keys already start with them (sort=id).
  if (used.empty() || used[0] != endpoint.unique) {
    order += (order.empty() ? "" : ", ") + endpoint.unique;
  }
  return order;
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

const std::vector<Endpoint>& Endpoints() {
  static const std::vector<Endpoint> kEndpoints = BuildEndpoints();
  return kEndpoints;
}

std::string ErrorJson(const std::string& code, const std::string& message) {
  return nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
}

Api::Api(ConnectionPool& pool) : pool_(pool) {
  for (const auto& endpoint : Endpoints()) {
    for (const auto& file : sql_files::Files()) {
      if (file.path == endpoint.sql_file)
        sql_[endpoint.path] = ExpandSql(std::string(file.contents));
    }
  }
}

ApiResponse Api::Handle(const std::string& path, const QueryParams& params) {
  const Endpoint* endpoint = nullptr;
  for (const auto& e : Endpoints()) {
    if (e.path == path) endpoint = &e;
  }
  auto sql = sql_.find(path);
  if (endpoint == nullptr || sql == sql_.end()) {
    return {404, ErrorJson("not_found", "no such endpoint: " + path.substr(0, 200))};
  }
  auto order = OrderBy(*endpoint, params);
  if (!order.ok()) return {400, ErrorJson("invalid_argument", order.status().message())};
  auto lease = pool_.Acquire();
  if (!lease.ok()) return {503, ErrorJson("unavailable", lease.status().message())};
  auto parameters = Parameters(*endpoint, params, **lease);
  if (!parameters.ok()) {
    const bool bad = parameters.status().code() == StatusCode::kInvalidArgument;
    return {bad ? 400 : 503,
            ErrorJson(bad ? "invalid_argument" : "unavailable", parameters.status().message())};
  }
  std::string text = sql->second;
  ReplaceAll(text, "/*sort*/", *order);
  auto result = (*lease)->QueryTextParams(text, *parameters);
  if (!result.ok()) {
    const bool down = result.status().code() == StatusCode::kUnavailable;
    return {down ? 503 : 500,
            ErrorJson(down ? "unavailable" : "internal", result.status().message())};
  }
  if (result->rows.empty() || !result->rows[0][0]) return {200, "null"};
  return {200, *result->rows[0][0]};
}

std::string Api::OpenApiJson() {
  using nlohmann::json;
  auto string_param = [](const std::string& name, const std::string& description) {
    return json{{"name", name},
                {"in", "query"},
                {"required", false},
                {"description", description},
                {"schema", {{"type", "string"}}}};
  };
  json common = json::array(
      {{{"name", "account"},
        {"in", "query"},
        {"description", "12-digit account ids (repeatable or comma-separated)"},
        {"style", "form"},
        {"explode", true},
        {"schema",
         {{"type", "array"}, {"items", {{"type", "string"}, {"pattern", "^[0-9]{12}$"}}}}}},
       string_param("customer", "Accounts of this customer (accounts.customer_name)"),
       string_param("partner", "Accounts of this partner (accounts.partner_name)"),
       string_param("environment", "Accounts of this environment (accounts.account_type)"),
       string_param("product", "Accounts of this product"),
       {{"name", "from"},
        {"in", "query"},
        {"description", "First day (default: 29 days before `to`)"},
        {"schema", {{"type", "string"}, {"format", "date"}}}},
       {{"name", "to"},
        {"in", "query"},
        {"description", "Last day (default: the latest day with cost data)"},
        {"schema", {{"type", "string"}, {"format", "date"}}}}});
  json paging = json::array({{{"name", "limit"},
                              {"in", "query"},
                              {"schema",
                               {{"type", "integer"},
                                {"minimum", 1},
                                {"maximum", kMaxLimit},
                                {"default", kDefaultLimit}}}},
                             {{"name", "offset"},
                              {"in", "query"},
                              {"schema", {{"type", "integer"}, {"minimum", 0}, {"default", 0}}}}});
  json error_response = {
      {"description", "Error"},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  json paths = json::object();
  for (const auto& e : Endpoints()) {
    json parameters = common;
    if (e.paged) {
      for (const auto& p : paging) parameters.push_back(p);
      std::string columns;
      for (const auto& c : e.sort) columns += (columns.empty() ? "" : ", ") + c.name;
      parameters.push_back(
          {{"name", "sort"},
           {"in", "query"},
           {"description",
            "Order of the items: a column (" + columns + "), '-' first for descending; up to " +
                std::to_string(kMaxSortKeys) + " comma-separated. NULLs come last either way."},
           {"schema", {{"type", "string"}}}});
    }
    for (const auto& p : e.params) {
      json schema = {{"type", "string"}};
      if (!p.allowed.empty()) schema["enum"] = p.allowed;
      if (!p.default_value.empty()) schema["default"] = p.default_value;
      parameters.push_back(
          {{"name", p.name}, {"in", "query"}, {"description", p.description}, {"schema", schema}});
    }
    json ok_schema =
        e.paged ? json{{"$ref", "#/components/schemas/Page"}} : json{{"type", "object"}};
    paths[e.path]["get"] = {
        {"summary", e.summary},
        {"parameters", parameters},
        {"responses",
         {{"200",
           {{"description", "OK"}, {"content", {{"application/json", {{"schema", ok_schema}}}}}}},
          {"400", error_response},
          {"401", error_response},
          {"503", error_response}}}};
  }
  paths["/api/v1/openapi.json"]["get"] = {
      {"summary", "This document"},
      {"responses", {{"200", {{"description", "The OpenAPI document"}}}, {"401", error_response}}}};
  paths["/metrics"]["get"] = {
      {"summary",
       "Prometheus text: API requests and latency per endpoint, the receiver's documents and runs"},
      {"responses",
       {{"200",
         {{"description", "Prometheus text exposition format 0.0.4"},
          {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}},
        {"401", error_response}}}};
  paths["/healthz"]["get"] = {
      {"summary", "Liveness and warehouse reachability"},
      {"security", json::array()},
      {"responses",
       {{"200", {{"description", "OK"}}}, {"503", {{"description", "Warehouse unreachable"}}}}}};
  json doc = {
      {"openapi", "3.1.0"},
      {"info", {{"title", "View360 API"}, {"version", "1"}, {"description", "docs/api.md"}}},
      {"servers", json::array({{{"url", "/"}}})},
      {"security", json::array({{{"bearer", json::array()}}})},
      {"paths", paths},
      {"components",
       {{"securitySchemes",
         {{"bearer",
           {{"type", "http"},
            {"scheme", "bearer"},
            {"description", "Required when the server listens on a non-loopback address"}}}}},
        {"schemas",
         {{"Error",
           {{"type", "object"},
            {"properties",
             {{"error",
               {{"type", "object"},
                {"properties",
                 {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}},
          {"Page",
           {{"type", "object"},
            {"required", {"items", "total", "limit", "offset"}},
            {"properties",
             {{"items", {{"type", "array"}, {"items", {{"type", "object"}}}}},
              {"total", {{"type", "integer"}}},
              {"limit", {{"type", "integer"}}},
              {"offset", {{"type", "integer"}}}}}}}}}}}};
  return doc.dump(2);
}

}  // namespace view360::serve
