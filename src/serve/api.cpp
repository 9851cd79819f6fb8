#include "serve/api.h"

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

Endpoint Make(std::string path, std::string sql_file, std::string summary, bool paged = false,
              std::vector<EndpointParam> params = {}) {
  return Endpoint{std::move(path), std::move(sql_file), std::move(summary), paged,
                  std::move(params)};
}

std::vector<Endpoint> BuildEndpoints() {
  return {
      Make("/api/v1/overview", "api/overview.sql",
           "Spend this month against last month and the forecast, open findings by severity, "
           "compliance score, accounts that need attention"),
      Make("/api/v1/accounts", "api/accounts.sql", "Accounts with spend, findings and compliance",
           true),
      Make("/api/v1/costs/daily", "api/costs_daily.sql", "Cost per day by service or account",
           false, GroupParams()),
      Make("/api/v1/costs/monthly", "api/costs_monthly.sql", "Cost per month by service or account",
           false, GroupParams()),
      Make("/api/v1/costs/movers", "api/costs_movers.sql",
           "Largest cost changes against the previous period of the same length", true,
           {GroupParams()[0]}),
      Make("/api/v1/costs/forecast", "api/costs_forecast.sql",
           "Cost Explorer forecast of the latest cost reports"),
      Make("/api/v1/security/summary", "api/security_summary.sql",
           "Open findings by severity, service and account"),
      Make("/api/v1/security/trend", "api/security_trend.sql",
           "Findings first seen per day, by severity"),
      Make("/api/v1/security/findings", "api/security_findings.sql", "Security Hub findings", true,
           {{"severity", "", kSeverities, "Only this severity"},
            {"status", "", {}, "Only this workflow status (NEW, NOTIFIED, RESOLVED, SUPPRESSED)"}}),
      Make("/api/v1/compliance", "api/compliance.sql",
           "AWS Config compliance score per account and its trend"),
      Make("/api/v1/compliance/resources", "api/compliance_resources.sql",
           "Non-compliant resources of the latest Config reports", true),
      Make("/api/v1/support-cases", "api/support_cases.sql", "AWS Support cases", true),
      Make("/api/v1/health-events", "api/health_events.sql", "AWS Health events", true),
      Make("/api/v1/resources", "api/resources.sql", "Inventoried resources", true,
           {{"service", "", {}, "Only this service"},
            {"type", "", {}, "Only this resource type"},
            {"region", "", {}, "Only this region"}}),
      Make("/api/v1/resources/summary", "api/resources_summary.sql",
           "Resources per service and type"),
      Make("/api/v1/operations/runs", "api/operations_runs.sql", "Ingest runs, newest first", true),
      Make("/api/v1/operations/documents", "api/operations_documents.sql",
           "Documents the receiver has seen, with the reasons of failed ones", true,
           {{"status", "", {"loaded", "failed", "pending"}, "Only documents in this state"}}),
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
  return out;
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
  auto lease = pool_.Acquire();
  if (!lease.ok()) return {503, ErrorJson("unavailable", lease.status().message())};
  auto parameters = Parameters(*endpoint, params, **lease);
  if (!parameters.ok()) {
    const bool bad = parameters.status().code() == StatusCode::kInvalidArgument;
    return {bad ? 400 : 503,
            ErrorJson(bad ? "invalid_argument" : "unavailable", parameters.status().message())};
  }
  auto result = (*lease)->QueryTextParams(sql->second, *parameters);
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
