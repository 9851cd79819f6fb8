// The REST API of `view360 serve` (docs/api.md) over HTTP, against a warehouse loaded by the
// receiver with a known organisation (api_fixture.h): every endpoint's numbers equal a query of
// the test's own against the tables, under each filter (account, customer, partner,
// environment, product, date range), with paging and sorting; bad parameters are 400 with the
// error JSON, unknown paths 404; /api/v1/openapi.json is a valid OpenAPI document listing every
// endpoint; /healthz and /metrics.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "api_fixture.h"
#include "common/process.h"

namespace view360::serve::testing {
namespace {

// The warehouse rows (accounts: one per account and region) a request's filters select, as a
// predicate on the row {a}. A row's product is the one its latest document named.
struct Filter {
  std::string query;
  std::string where;
};

std::string ProductIs(const std::string& name) {
  return "{a}.id IN (SELECT pa.account_id FROM product_accounts pa JOIN products p ON p.id = "
         "pa.product_id WHERE p.name = '" +
         name + "')";
}

const std::vector<Filter>& Filters() {
  static const std::vector<Filter> kFilters = {
      {"", "true"},
      {"customer=Acme", "{a}.customer_name = 'Acme'"},
      {"partner=Northwind", "{a}.partner_name = 'Northwind'"},
      {"environment=PRODUCTION", "{a}.account_type = 'PRODUCTION'"},
      {"product=Billing", ProductIs("Billing")},
      {"product=Search", ProductIs("Search")},
      {"product=Analytics", ProductIs("Analytics")},  // 990000000000's second region only.
      {"account=990000000003", "{a}.account_id = '990000000003'"},
      {"account=990000000000&account=990000000002",
       "{a}.account_id IN ('990000000000', '990000000002')"},
      {"account=990000000001,990000000003&environment=STAGING",
       "{a}.account_id IN ('990000000001', '990000000003') AND {a}.account_type = 'STAGING'"},
      {"customer=Acme&environment=STAGING", "false"},
  };
  return kFilters;
}

// An open Security Hub finding, as docs/api.md defines it.
constexpr char kOpen[] =
    "coalesce(f.workflow_state, 'NEW') NOT IN ('RESOLVED', 'SUPPRESSED') "
    "AND coalesce(f.record_state, 'ACTIVE') = 'ACTIVE'";

// Each row's latest Config report.
constexpr char kLatestReports[] =
    "(SELECT DISTINCT ON (c.account_id) c.* FROM config_reports c "
    "ORDER BY c.account_id, c.date_from DESC)";

std::string With(const std::string& path, const std::string& query) {
  if (query.empty()) return path;
  return path + (path.find('?') == std::string::npos ? "?" : "&") + query;
}

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    conninfo_ = new std::string(LoadWarehouse());
    conn_ = new warehouse::Connection(Connect(*conninfo_));
    ASSERT_TRUE(conn_->Execute("SET TIME ZONE 'UTC'").ok());
    server_ = StartServer(*conninfo_).release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete conn_;
    delete conninfo_;
  }

  // GET target: 200 and its JSON, or a failure.
  static json Get(const std::string& target) {
    const Answer answer = HttpGet(server_->port(), target);
    EXPECT_EQ(answer.status, 200) << target << ": " << answer.body.substr(0, 500);
    EXPECT_EQ(answer.Header("Content-Type"), "application/json") << target;
    EXPECT_FALSE(answer.value.is_discarded()) << target << ": not JSON";
    return answer.value;
  }

  // The JSON value of a one-value query, with {F} replaced by the filter's predicate on the
  // accounts row a, {FY} by the same on the row y.
  static json Sql(std::string sql, const Filter& filter = Filters()[0]) {
    auto on = [&filter](const std::string& alias) {
      std::string where = filter.where;
      for (size_t at = where.find("{a}"); at != std::string::npos; at = where.find("{a}", at)) {
        where.replace(at, 3, alias);
      }
      return "(" + where + ")";
    };
    for (const auto& [token, alias] : {std::pair{"{FY}", "y"}, std::pair{"{F}", "a"}}) {
      const std::string length = token;
      for (size_t at = sql.find(token); at != std::string::npos; at = sql.find(token, at)) {
        sql.replace(at, length.size(), on(alias));
      }
    }
    auto value = conn_->QueryValue("SELECT to_json((" + sql + "))::text");
    EXPECT_TRUE(value.ok()) << sql << "\n" << value.status().ToString();
    if (!value.ok() || !*value) return nullptr;
    return json::parse(**value);
  }

  static void ExpectMoney(const json& actual, const json& expected, const std::string& what) {
    ASSERT_TRUE(actual.is_number()) << what << ": " << actual.dump();
    ASSERT_TRUE(expected.is_number()) << what << ": expected " << expected.dump();
    EXPECT_NEAR(actual.get<double>(), expected.get<double>(), 0.005) << what;
  }

  // Every item of a list, in its order (one page of 500).
  static json All(const std::string& target) {
    const json page = Get(With(target, "limit=500"));
    EXPECT_EQ(page["total"].get<size_t>(), page["items"].size()) << target;
    return page["items"];
  }

  static std::vector<std::string> Column(const json& items, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& item : items) {
      out.push_back(item[name].is_string() ? item[name].get<std::string>() : item[name].dump());
    }
    return out;
  }

  static std::string* conninfo_;
  static warehouse::Connection* conn_;
  static DashboardServer* server_;
};

std::string* ApiTest::conninfo_ = nullptr;
warehouse::Connection* ApiTest::conn_ = nullptr;
DashboardServer* ApiTest::server_ = nullptr;

// ---------------------------------------------------------------------------------------------
// The loaded warehouse is the one the fixture describes.

TEST_F(ApiTest, TheWarehouseHoldsTheOrganisationAsGenerated) {
  int this_month = 0;
  std::map<std::string, int> open;
  for (size_t a = 0; a < Accounts().size(); ++a) {
    const int last = Accounts()[a].last_day;
    for (int d = 26; d <= last; ++d) {  // Day 26 is 1 October.
      for (size_t s = 0; s < Services().size(); ++s)
        this_month += CostCents(static_cast<int>(a), static_cast<int>(s), d);
    }
    std::vector<std::string> regions = {"us-east-1"};
    if (a == 0) regions.push_back(kSecondRegion);
    for (const auto& region : regions) {
      for (const auto& f : Findings(static_cast<int>(a), Accounts()[a].id, region)) {
        if (f.first_day > last) continue;
        const bool changed = !f.change_to.empty() && last >= f.change_day;
        if (!changed) ++open[f.severity];
      }
    }
  }
  const json overview = Get("/api/v1/overview");
  EXPECT_NEAR(overview["spend_this_month"].get<double>(), this_month / 100.0, 0.005);
  for (const auto& severity : Severities()) {
    EXPECT_EQ(overview["findings_by_severity"][severity].get<int>(), open[severity]) << severity;
    EXPECT_GT(open[severity], 0) << "the fixture makes open findings of every severity";
  }
  EXPECT_EQ(overview["accounts_total"], Accounts().size());
  EXPECT_EQ(Sql("SELECT count(*) FROM view360.ingest_ledger WHERE status = 'failed'"), 1);
  EXPECT_EQ(Sql("SELECT count(*) FROM view360.ingest_runs"), 2);
}

// ---------------------------------------------------------------------------------------------
// Overview and accounts

TEST_F(ApiTest, OverviewEqualsTheTablesUnderEveryFilter) {
  for (const Filter& f : Filters()) {
    SCOPED_TRACE(f.query);
    const json o = Get(With("/api/v1/overview", f.query));
    const std::string spend =
        "SELECT coalesce(sum(s.cost), 0) FROM services s JOIN accounts a ON a.id = s.account_id "
        "WHERE {F} AND s.date_from BETWEEN ";
    const json this_month = Sql(spend + "'2025-10-01' AND '2025-10-14'", f);
    EXPECT_EQ(o["currency"], "USD");
    EXPECT_EQ(o["latest_data_date"], kLatestDay);
    ExpectMoney(o["spend_this_month"], this_month, "spend_this_month");
    ExpectMoney(o["spend_last_month"], Sql(spend + "'2025-09-01' AND '2025-09-30'", f),
                "spend_last_month");
    ExpectMoney(o["spend_last_month_to_date"], Sql(spend + "'2025-09-01' AND '2025-09-14'", f),
                "spend_last_month_to_date");
    // This month's spend plus what each row's latest cost report forecasts for its rest.
    const json rest = Sql(
        "SELECT sum(fc.amount) FROM cost_forecasts fc JOIN cost_reports cr ON cr.id = "
        "fc.cost_report_id JOIN accounts a ON a.id = cr.account_id WHERE {F} AND "
        "cr.period_start = (SELECT max(c2.period_start) FROM cost_reports c2 WHERE c2.account_id "
        "= cr.account_id) AND fc.period_start BETWEEN '2025-10-01' AND '2025-10-31'",
        f);
    if (rest.is_null()) {
      EXPECT_TRUE(o["forecast_this_month"].is_null()) << o["forecast_this_month"];
    } else {
      ExpectMoney(o["forecast_this_month"], this_month.get<double>() + rest.get<double>(),
                  "forecast_this_month");
    }
    const json severities = Sql(std::string("SELECT json_object_agg(severity, n) FROM (SELECT "
                                            "f.severity, count(*) AS n FROM findings f JOIN "
                                            "security se ON se.id = f.security_id JOIN accounts "
                                            "a ON a.id = se.account_id WHERE {F} AND ") +
                                    kOpen + " GROUP BY f.severity) x",
                                f);
    for (const auto& severity : Severities()) {
      EXPECT_EQ(o["findings_by_severity"][severity],
                severities.is_null() ? json(0) : severities.value(severity, json(0)))
          << severity;
    }
    // An account's score is the average of its regions' latest reports; the overall score
    // the average of the accounts'.
    const json score = Sql(std::string("SELECT round(avg(score), 2) FROM (SELECT a.account_id, "
                                       "avg(l.compliance_score) AS score FROM ") +
                               kLatestReports +
                               " l JOIN accounts a ON a.id = l.account_id WHERE {F} GROUP BY "
                               "a.account_id) x",
                           f);
    if (score.is_null()) {
      EXPECT_TRUE(o["compliance_score"].is_null());
    } else {
      ExpectMoney(o["compliance_score"], score, "compliance_score");
    }
    EXPECT_EQ(o["accounts_total"], Sql("SELECT count(DISTINCT a.account_id) FROM accounts a "
                                       "WHERE {F}",
                                       f));
  }
}

TEST_F(ApiTest, AccountsThatNeedAttentionSayWhy) {
  // Per account: open critical findings, compliance score, the day of its latest document.
  const json accounts =
      Sql(std::string("SELECT json_agg(x ORDER BY x.account_id) FROM (SELECT "
                      "a.account_id, min(a.account_name) AS account_name, (SELECT "
                      "count(*) FROM findings f JOIN security se ON se.id = "
                      "f.security_id JOIN accounts y ON y.id = se.account_id WHERE "
                      "y.account_id = a.account_id AND f.severity = 'CRITICAL' AND ") +
          kOpen + ") AS critical, (SELECT avg(l.compliance_score) FROM " + kLatestReports +
          " l JOIN accounts y ON y.id = l.account_id WHERE y.account_id = "
          "a.account_id) AS score, (SELECT max(l.date_created)::date FROM logs "
          "l JOIN accounts y ON y.id = l.account_id WHERE y.account_id = "
          "a.account_id) AS last_day FROM accounts a GROUP BY a.account_id) x");
  struct Expected {
    std::string id, name;
    int critical;
    double score;
    std::vector<std::string> reasons;
  };
  std::vector<Expected> expected;
  const int today = DaysFromCivil(2025, 10, 14);
  for (const auto& a : accounts) {
    Expected e{
        a["account_id"], a["account_name"], a["critical"].get<int>(), a["score"].get<double>(), {}};
    if (e.critical > 0) {
      e.reasons.push_back(std::to_string(e.critical) +
                          (e.critical == 1 ? " critical finding" : " critical findings"));
    }
    if (e.score < 80) {
      e.reasons.push_back("compliance " + std::to_string(std::lround(e.score)) + "%");
    }
    const std::string last = a["last_day"];
    const int days =
        today - DaysFromCivil(std::stoi(last.substr(0, 4)), std::stoi(last.substr(5, 2)),
                              std::stoi(last.substr(8, 2)));
    if (days > 2) e.reasons.push_back("last document " + std::to_string(days) + " days ago");
    if (!e.reasons.empty()) expected.push_back(e);
  }
  std::sort(expected.begin(), expected.end(), [](const Expected& x, const Expected& y) {
    if (x.critical != y.critical) return x.critical > y.critical;
    if (x.score != y.score) return x.score < y.score;
    return x.id < y.id;
  });
  ASSERT_FALSE(expected.empty());
  EXPECT_TRUE(std::any_of(expected.begin(), expected.end(), [](const Expected& e) {
    return e.id == "990000000003";
  })) << "990000000003 stopped sending documents 5 days before the latest data";

  const json attention = Get("/api/v1/overview")["accounts_attention"];
  ASSERT_EQ(attention.size(), expected.size()) << attention.dump(1);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(attention[i]["account_id"], expected[i].id) << i;
    EXPECT_EQ(attention[i]["account_name"], expected[i].name) << i;
    EXPECT_EQ(attention[i]["reasons"], json(expected[i].reasons)) << expected[i].id;
  }
}

TEST_F(ApiTest, AccountsListEachAccountOnceWithItsFigures) {
  for (const Filter& f : Filters()) {
    SCOPED_TRACE(f.query);
    const json expected = Sql(
        std::string(
            "SELECT coalesce(json_agg(x ORDER BY x.account_id), '[]') FROM (SELECT "
            "a.account_id, min(a.account_name) AS account_name, min(a.account_status) AS status, "
            "array_agg(DISTINCT a.region) AS regions, min(a.customer_name) AS customer, "
            "min(a.partner_name) AS partner, min(a.account_type) AS environment, "
            "(SELECT coalesce(array_agg(DISTINCT p.name), '{}') FROM products p JOIN "
            "product_accounts pa ON pa.product_id = p.id JOIN accounts y ON y.id = pa.account_id "
            "WHERE y.account_id = a.account_id AND {FY}) AS products, "
            "(SELECT coalesce(sum(s.cost), 0) FROM services s JOIN accounts y ON y.id = "
            "s.account_id WHERE y.account_id = a.account_id AND {FY} AND s.date_from BETWEEN "
            "'2025-10-01' "
            "AND '2025-10-14') AS spend_this_month, "
            "(SELECT json_build_object('CRITICAL', count(*) FILTER (WHERE f.severity = "
            "'CRITICAL'), 'HIGH', count(*) FILTER (WHERE f.severity = 'HIGH')) FROM findings f "
            "JOIN security se ON se.id = f.security_id JOIN accounts y ON y.id = se.account_id "
            "WHERE y.account_id = a.account_id AND {FY} AND ") +
            kOpen + ") AS findings, (SELECT avg(l.compliance_score) FROM " + kLatestReports +
            " l JOIN accounts y ON y.id = l.account_id WHERE y.account_id = a.account_id AND {FY}) "
            "AS "
            "compliance_score, (SELECT max(l.date_created) FROM logs l JOIN accounts y ON y.id = "
            "l.account_id WHERE y.account_id = a.account_id AND {FY}) AS last_document_at "
            "FROM accounts a WHERE {F} GROUP BY a.account_id) x",
        f);
    const json page = Get(With("/api/v1/accounts", f.query));
    EXPECT_EQ(page["total"], expected.size());
    EXPECT_EQ(page["limit"], 50);
    EXPECT_EQ(page["offset"], 0);
    const json& items = page["items"];
    ASSERT_EQ(items.size(), expected.size());
    for (size_t i = 0; i < items.size(); ++i) {
      const json &item = items[i], &e = expected[i];
      SCOPED_TRACE(e["account_id"].get<std::string>());
      for (const char* key :
           {"account_id", "account_name", "status", "regions", "customer", "partner", "environment",
            "products", "findings", "last_document_at"}) {
        EXPECT_EQ(item[key], e[key]) << key;
      }
      ExpectMoney(item["spend_this_month"], e["spend_this_month"], "spend_this_month");
      ExpectMoney(item["compliance_score"], e["compliance_score"], "compliance_score");
    }
  }
}

TEST_F(ApiTest, TimesAreUtcWhateverTheWarehouseTimeZone) {
  EXPECT_EQ(Sql("SELECT setting FROM pg_settings WHERE name = 'TimeZone'"), "UTC");
  auto other = Connect(*conninfo_);
  auto zone = other.QueryValue("SHOW timezone");
  ASSERT_TRUE(zone.ok());
  EXPECT_EQ(**zone, "Pacific/Auckland") << "the fixture's database is not in UTC";
  const std::regex utc(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00)");
  for (const auto& target :
       {"/api/v1/accounts", "/api/v1/security/findings", "/api/v1/operations/runs",
        "/api/v1/support-cases", "/api/v1/health-events", "/api/v1/operations/documents"}) {
    const json answer = Get(target);  // Not Get(...)["items"]: that temporary dies first.
    for (const auto& item : answer["items"]) {
      for (const char* key : {"last_document_at", "updated_at", "started_at", "time_created",
                              "start_time", "loaded_at"}) {
        if (!item.contains(key) || item[key].is_null()) continue;
        EXPECT_TRUE(std::regex_match(item[key].get<std::string>(), utc))
            << target << " " << key << ": " << item[key];
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Costs

// The expected series of costs/daily or costs/monthly: bucket ("YYYY-MM-DD" or "YYYY-MM") ->
// cost per key, the top keys by total (ties by key) and the rest summed into "Other".
struct Series {
  std::string key, label;
  std::map<std::string, double> values;
  double total = 0;
};

std::vector<Series> TopSeries(const json& rows, size_t top) {
  std::map<std::string, Series> by_key;
  for (const auto& r : rows) {
    Series& s = by_key[r["key"]];
    s.key = r["key"];
    s.label = r["label"];
    s.values[r["bucket"]] += r["cost"].get<double>();
    s.total += r["cost"].get<double>();
  }
  std::vector<Series> ranked;
  for (auto& [key, s] : by_key) ranked.push_back(s);
  std::sort(ranked.begin(), ranked.end(), [](const Series& x, const Series& y) {
    return x.total != y.total ? x.total > y.total : x.key < y.key;
  });
  if (ranked.size() <= top) return ranked;
  Series other{"Other", "Other", {}, 0};
  for (size_t i = top; i < ranked.size(); ++i) {
    for (const auto& [bucket, v] : ranked[i].values) other.values[bucket] += v;
    other.total += ranked[i].total;
  }
  ranked.resize(top);
  ranked.push_back(other);
  return ranked;
}

TEST_F(ApiTest, DailyCostsPerServiceAndAccountWithTopAndOther) {
  struct Case {
    std::string query, from, to;
    std::string group_by;
    size_t top;
  };
  const std::vector<Case> cases = {
      {"", "2025-09-15", kLatestDay, "service", 10},  // The default: 30 days up to the latest.
      {"group_by=service&top=3", "2025-09-15", kLatestDay, "service", 3},
      {"group_by=account&top=2&from=2025-09-20&to=2025-10-05", "2025-09-20", "2025-10-05",
       "account", 2},
      {"top=1&from=2025-09-01&to=2025-09-10", "2025-09-01", "2025-09-10", "service", 1},
      {"group_by=account&top=50&from=2025-10-10&to=2025-10-20", "2025-10-10", "2025-10-20",
       "account", 50},
  };
  for (const Filter& f : Filters()) {
    for (const Case& c : cases) {
      SCOPED_TRACE(f.query + " " + c.query);
      const json answer = Get(With(With("/api/v1/costs/daily", c.query), f.query));
      const std::string key = c.group_by == "account" ? "a.account_id" : "s.service";
      const std::string label =
          c.group_by == "account" ? "a.account_id || ' ' || a.account_name" : "s.service";
      const json rows =
          Sql("SELECT coalesce(json_agg(x), '[]') FROM (SELECT " + key + " AS key, min(" + label +
                  ") AS label, s.date_from::text AS bucket, sum(s.cost) AS cost "
                  "FROM services s JOIN accounts a ON a.id = s.account_id WHERE "
                  "{F} AND s.date_from BETWEEN '" +
                  c.from + "' AND '" + c.to + "' GROUP BY 1, 3) x",
              f);
      const std::vector<Series> expected = TopSeries(rows, c.top);
      std::vector<std::string> dates;
      for (int d = DaysFromCivil(std::stoi(c.from.substr(0, 4)), std::stoi(c.from.substr(5, 2)),
                                 std::stoi(c.from.substr(8, 2)));
           CivilFromDays(d) <= c.to; ++d) {
        dates.push_back(CivilFromDays(d));
      }
      EXPECT_EQ(answer["currency"], "USD");
      EXPECT_EQ(answer["dates"], json(dates));
      ASSERT_EQ(answer["series"].size(), expected.size()) << answer["series"].dump();
      double total = 0;
      for (size_t i = 0; i < expected.size(); ++i) {
        const json& s = answer["series"][i];
        EXPECT_EQ(s["key"], expected[i].key) << i;
        EXPECT_EQ(s["label"], expected[i].label) << i;
        ASSERT_EQ(s["values"].size(), dates.size());
        for (size_t d = 0; d < dates.size(); ++d) {
          auto v = expected[i].values.find(dates[d]);
          EXPECT_NEAR(s["values"][d].get<double>(), v == expected[i].values.end() ? 0 : v->second,
                      0.005)
              << expected[i].key << " " << dates[d];
        }
        total += expected[i].total;
      }
      EXPECT_NEAR(answer["total"].get<double>(), total, 0.005);
    }
  }
}

TEST_F(ApiTest, MonthlyCostsCoverTheWholeMonthsTheRangeTouches) {
  struct Case {
    std::string query;
    std::vector<std::string> months;
    std::string group_by;
    size_t top;
  };
  const std::vector<Case> cases = {
      {"from=2025-09-10&to=2025-10-03", {"2025-09", "2025-10"}, "service", 10},
      {"from=2025-08-20&to=2025-09-03&group_by=account&top=1",
       {"2025-08", "2025-09"},
       "account",
       1},
      {"top=4", {"2025-09", "2025-10"}, "service", 4},  // The default range: 15 Sep to 14 Oct.
  };
  for (const Filter& f : Filters()) {
    for (const Case& c : cases) {
      SCOPED_TRACE(f.query + " " + c.query);
      const json answer = Get(With(With("/api/v1/costs/monthly", c.query), f.query));
      const std::string key = c.group_by == "account" ? "a.account_id" : "s.service";
      const std::string label =
          c.group_by == "account" ? "a.account_id || ' ' || a.account_name" : "s.service";
      const json rows =
          Sql("SELECT coalesce(json_agg(x), '[]') FROM (SELECT " + key + " AS key, min(" + label +
                  ") AS label, to_char(s.date_from, 'YYYY-MM') AS bucket, "
                  "sum(s.cost) AS cost FROM services s JOIN accounts a ON a.id = "
                  "s.account_id WHERE {F} AND to_char(s.date_from, 'YYYY-MM') IN ('" +
                  c.months.front() + "', '" + c.months.back() + "') GROUP BY 1, 3) x",
              f);
      const std::vector<Series> expected = TopSeries(rows, c.top);
      EXPECT_EQ(answer["months"], json(c.months));
      ASSERT_EQ(answer["series"].size(), expected.size()) << answer["series"].dump();
      for (size_t i = 0; i < expected.size(); ++i) {
        const json& s = answer["series"][i];
        EXPECT_EQ(s["key"], expected[i].key);
        EXPECT_EQ(s["label"], expected[i].label);
        for (size_t m = 0; m < c.months.size(); ++m) {
          auto v = expected[i].values.find(c.months[m]);
          EXPECT_NEAR(s["values"][m].get<double>(), v == expected[i].values.end() ? 0 : v->second,
                      0.005)
              << expected[i].key << " " << c.months[m];
        }
      }
    }
  }
}

TEST_F(ApiTest, MoversCompareWithThePeriodJustBefore) {
  // 1 to 14 October against 17 to 30 September.
  for (const Filter& f : Filters()) {
    for (const std::string group_by : {"service", "account"}) {
      SCOPED_TRACE(f.query + " " + group_by);
      const std::string key = group_by == "account" ? "a.account_id" : "s.service";
      const std::string label =
          group_by == "account" ? "a.account_id || ' ' || a.account_name" : "s.service";
      const json expected = Sql(
          "SELECT coalesce(json_agg(x ORDER BY abs(x.change) DESC, x.key), '[]') FROM (SELECT "
          "key, label, round(cur, 2) AS current, round(prev, 2) AS previous, round(cur - prev, 2) "
          "AS change, CASE WHEN prev > 0 THEN round(100 * (cur - prev) / prev, 2) END AS "
          "change_pct FROM (SELECT " +
              key + " AS key, min(" + label +
              ") AS label, coalesce(sum(s.cost) FILTER (WHERE s.date_from >= '2025-10-01'), 0) AS "
              "cur, coalesce(sum(s.cost) FILTER (WHERE s.date_from < '2025-10-01'), 0) AS prev "
              "FROM services s JOIN accounts a ON a.id = s.account_id WHERE {F} AND s.date_from "
              "BETWEEN '2025-09-17' AND '2025-10-14' GROUP BY 1) y) x",
          f);
      const json page = Get(
          With("/api/v1/costs/movers?from=2025-10-01&to=2025-10-14&group_by=" + group_by, f.query));
      EXPECT_EQ(page["total"], expected.size());
      ASSERT_EQ(page["items"].size(), std::min<size_t>(expected.size(), 50));
      for (size_t i = 0; i < page["items"].size(); ++i) {
        const json &item = page["items"][i], &e = expected[i];
        EXPECT_EQ(item["key"], e["key"]) << i;
        EXPECT_EQ(item["label"], e["label"]) << i;
        for (const char* n : {"current", "previous", "change"}) ExpectMoney(item[n], e[n], n);
        if (e["change_pct"].is_null()) {
          EXPECT_TRUE(item["change_pct"].is_null());
        } else {
          ExpectMoney(item["change_pct"], e["change_pct"], "change_pct");
        }
      }
    }
  }
}

TEST_F(ApiTest, ForecastSumsTheLatestReportOfEachAccount) {
  for (const Filter& f : Filters()) {
    SCOPED_TRACE(f.query);
    const json expected = Sql(
        "SELECT coalesce(json_agg(x ORDER BY x.period_start), '[]') FROM (SELECT fc.period_start, "
        "fc.period_end, sum(fc.amount) AS amount FROM cost_forecasts fc JOIN cost_reports cr ON "
        "cr.id = fc.cost_report_id JOIN accounts a ON a.id = cr.account_id WHERE {F} AND "
        "cr.period_start = (SELECT max(c2.period_start) FROM cost_reports c2 WHERE c2.account_id "
        "= cr.account_id) GROUP BY 1, 2) x",
        f);
    const json items = Get(With("/api/v1/costs/forecast", f.query))["items"];
    ASSERT_EQ(items.size(), expected.size()) << items.dump();
    for (size_t i = 0; i < items.size(); ++i) {
      EXPECT_EQ(items[i]["period_start"], expected[i]["period_start"]);
      EXPECT_EQ(items[i]["period_end"], expected[i]["period_end"]);
      ExpectMoney(items[i]["amount"], expected[i]["amount"], "amount");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Security

TEST_F(ApiTest, SecuritySummaryCountsOpenFindings) {
  const std::string open = std::string(
                               " FROM findings f JOIN security se ON se.id = "
                               "f.security_id JOIN accounts a ON a.id = se.account_id "
                               "WHERE {F} AND ") +
                           kOpen;
  for (const Filter& f : Filters()) {
    SCOPED_TRACE(f.query);
    const json answer = Get(With("/api/v1/security/summary", f.query));
    for (const auto& severity : Severities()) {
      EXPECT_EQ(answer["by_severity"][severity],
                Sql("SELECT count(*)" + open + " AND f.severity = '" + severity + "'", f))
          << severity;
    }
    EXPECT_EQ(answer["by_service"],
              Sql("SELECT coalesce(json_agg(json_build_object('service', service, 'count', n) "
                  "ORDER BY n DESC, service), '[]') FROM (SELECT f.service, count(*) AS n" +
                      open + " GROUP BY f.service) x",
                  f));
    EXPECT_EQ(answer["by_account"],
              Sql("SELECT coalesce(json_agg(json_build_object('account_id', account_id, "
                  "'account_name', account_name, 'CRITICAL', c, 'HIGH', h, 'MEDIUM', m, 'LOW', l, "
                  "'INFORMATIONAL', i) ORDER BY c DESC, h DESC, account_id), '[]') FROM (SELECT "
                  "a.account_id, min(a.account_name) AS account_name, count(*) FILTER (WHERE "
                  "f.severity = 'CRITICAL') AS c, count(*) FILTER (WHERE f.severity = 'HIGH') AS "
                  "h, count(*) FILTER (WHERE f.severity = 'MEDIUM') AS m, count(*) FILTER (WHERE "
                  "f.severity = 'LOW') AS l, count(*) FILTER (WHERE f.severity = "
                  "'INFORMATIONAL') AS i" +
                      open + " GROUP BY a.account_id) x",
                  f));
  }
}

TEST_F(ApiTest, SecurityTrendCountsFindingsOpenOnEachUtcDay) {
  // Open on day d: first seen on or before d, and open now or closed (its last update) after d.
  const std::string open =
      "(coalesce(f.workflow_state, 'NEW') NOT IN ('RESOLVED', 'SUPPRESSED') AND "
      "coalesce(f.record_state, 'ACTIVE') = 'ACTIVE')";
  // Both kinds must be in the range for the test to tell the definitions apart: findings open
  // now, and findings closed inside it after being open some days.
  ASSERT_GT(Sql("SELECT count(*) FROM findings f WHERE " + open).get<int>(), 0);
  ASSERT_GT(Sql("SELECT count(*) FROM findings f WHERE NOT " + open +
                " AND f.updated_at::date > f.created_at::date AND f.updated_at::date BETWEEN "
                "'2025-09-21' AND '2025-10-05'")
                .get<int>(),
            0);
  for (const Filter& f : Filters()) {
    SCOPED_TRACE(f.query);
    const json answer = Get(With("/api/v1/security/trend?from=2025-09-20&to=2025-10-05", f.query));
    const json dates =
        Sql("SELECT json_agg(d::date ORDER BY d) FROM generate_series('2025-09-20'::date, "
            "'2025-10-05'::date, interval '1 day') d");
    EXPECT_EQ(answer["dates"], dates);
    for (const auto& severity : Severities()) {
      // The test's session is in UTC: created_at::date is the UTC day.
      const json counts =
          Sql("SELECT json_agg((SELECT count(*) FROM findings f JOIN security se ON se.id = "
              "f.security_id JOIN accounts a ON a.id = se.account_id WHERE {F} AND f.severity = '" +
                  severity + "' AND f.created_at::date <= d::date AND (" + open +
                  " OR f.updated_at::date > d::date)) ORDER BY d) FROM "
                  "generate_series('2025-09-20'::date, '2025-10-05'::date, interval '1 day') d",
              f);
      EXPECT_EQ(answer["series"][severity], counts) << severity;
    }
  }
}

// Without a filter, the costs by service, the trend and the overview's spend and open findings
// come from the all-accounts rollups of migration 0006; with one, from the rows (or the
// per-account rollups). A filter that selects every account must then give
// the same bytes, with the rollups compacted (the receiver compacts at the end of its run) and
// with deltas written since.
TEST_F(ApiTest, AllAccountsAnswersFromTheRollupsEqualThoseFromTheRows) {
  const std::string every =
      "account=" +
      Sql("SELECT string_agg(DISTINCT account_id, ',') FROM accounts").get<std::string>();
  const std::vector<std::string> targets = {
      "/api/v1/costs/daily",
      "/api/v1/costs/daily?top=3&from=2025-09-01&to=2025-10-14",
      "/api/v1/costs/daily?from=2025-10-10&to=2025-10-20",
      "/api/v1/costs/monthly",
      "/api/v1/costs/monthly?top=2&from=2025-08-20&to=2025-10-02",
      "/api/v1/costs/movers",
      "/api/v1/costs/movers?from=2025-10-01&to=2025-10-14&sort=-change_pct",
      "/api/v1/costs/movers?from=2025-09-10&to=2025-09-10&limit=2&offset=1",
      "/api/v1/security/trend",
      "/api/v1/security/trend?from=2025-08-01&to=2025-10-20",
      "/api/v1/security/trend?from=2025-10-01&to=2025-10-01",
      "/api/v1/overview",
      "/api/v1/overview?to=2025-09-30",
      "/api/v1/security/summary",
  };
  auto expect_same = [&](const std::string& when) {
    for (const auto& target : targets) {
      const Answer rollup = HttpGet(server_->port(), target);
      const Answer rows = HttpGet(server_->port(), With(target, every));
      EXPECT_EQ(rollup.status, 200) << target;
      EXPECT_EQ(rollup.body, rows.body) << when << ": " << target;
    }
  };
  // Each write is heard by the server before the next question (its kept answers go).
  auto run = [](const std::string& sql) { WriteAndWaitUntilHeard(*conn_, server_->port(), sql); };
  auto deltas = [] {
    return Sql("SELECT (SELECT count(*) FROM view360.cost_service_day_delta) + "
               "(SELECT count(*) FROM view360.findings_open_delta)")
        .get<int>();
  };
  ASSERT_EQ(deltas(), 0);
  expect_same("compacted");

  // Rows written since the last run (a cost changed, rows moved to another day, findings closed
  // and reopened), then undone.
  ASSERT_TRUE(conn_
                  ->Execute("CREATE TEMP TABLE saved_services AS SELECT id, cost, date_from, "
                            "usage_types FROM services WHERE id % 5 = 0; "
                            "CREATE TEMP TABLE saved_findings AS SELECT id, updated_at, "
                            "workflow_state FROM findings WHERE id % 3 = 0")
                  .ok());
  run("UPDATE services SET cost = cost + 1.25 WHERE id % 10 = 0; "
      "UPDATE services SET date_from = date_from - 1, usage_types = usage_types || ' (moved)' "
      "WHERE id % 10 = 5; "
      "UPDATE findings SET workflow_state = CASE WHEN workflow_state = 'RESOLVED' THEN 'NEW' "
      "ELSE 'RESOLVED' END, updated_at = updated_at + interval '2 days' WHERE id % 3 = 0");
  EXPECT_GT(deltas(), 0);
  expect_same("with deltas");
  run("UPDATE services s SET cost = v.cost, date_from = v.date_from, usage_types = v.usage_types "
      "FROM saved_services v "
      "WHERE v.id = s.id; "
      "UPDATE findings f SET updated_at = v.updated_at, workflow_state = v.workflow_state "
      "FROM saved_findings v WHERE v.id = f.id; "
      "DROP TABLE saved_services, saved_findings");
  expect_same("undone, with deltas");
  EXPECT_EQ(Sql("SELECT view360.compact_rollups() > 0").get<bool>(), true);
  EXPECT_EQ(deltas(), 0);
  expect_same("compacted again");
}

TEST_F(ApiTest, FindingsListFiltersBySeverityAndStatus) {
  const std::string from =
      " FROM findings f JOIN security se ON se.id = f.security_id JOIN accounts a ON a.id = "
      "se.account_id WHERE {F}";
  const std::string order =
      " ORDER BY array_position(ARRAY['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'], "
      "f.severity::text), f.updated_at DESC, f.finding_id";
  for (const Filter& f : Filters()) {
    for (const std::string extra :
         {"", "severity=HIGH", "status=RESOLVED", "status=SUPPRESSED", "severity=LOW&status=NEW"}) {
      SCOPED_TRACE(f.query + " " + extra);
      std::string where;
      if (extra.find("severity=HIGH") != std::string::npos) where += " AND f.severity = 'HIGH'";
      if (extra.find("severity=LOW") != std::string::npos) where += " AND f.severity = 'LOW'";
      const size_t status = extra.find("status=");
      if (status != std::string::npos) {
        where += " AND coalesce(f.workflow_state, f.status) = '" + extra.substr(status + 7) + "'";
      }
      const json ids =
          Sql("SELECT coalesce(json_agg(f.finding_id" + order + "), '[]')" + from + where, f);
      const json items = All(With(With("/api/v1/security/findings", extra), f.query));
      EXPECT_EQ(json(Column(items, "finding_id")), ids);
    }
  }
  // One item in full.
  const json item = Get("/api/v1/security/findings?limit=1")["items"][0];
  const json expected = Sql(
      "SELECT json_build_object('finding_id', f.finding_id, 'account_id', a.account_id, 'title', "
      "f.title, 'severity', f.severity, 'status', coalesce(f.workflow_state, f.status), "
      "'service', f.service, 'resource_type', f.resource_type, 'resource_id', f.resource_id, "
      "'region', f.region, 'updated_at', f.updated_at)" +
      from + order + " LIMIT 1");
  EXPECT_EQ(item, expected);
}

// ---------------------------------------------------------------------------------------------
// Compliance

TEST_F(ApiTest, ComplianceListsEachAccountOnceAndItsTrend) {
  for (const Filter& f : Filters()) {
    SCOPED_TRACE(f.query);
    const json answer = Get(With("/api/v1/compliance?from=2025-10-01&to=2025-10-14", f.query));
    // Per account: its regions' latest reports, rules summed and scores averaged.
    const json accounts = Sql(
        std::string("SELECT coalesce(json_agg(x ORDER BY x.score, x.account_id), "
                    "'[]') FROM (SELECT a.account_id, min(a.account_name) AS account_name, "
                    "max(l.date_from) AS date, avg(l.compliance_score) AS score, "
                    "round(avg(l.compliance_score), 2) AS compliance_score, sum(l.total_rules) AS "
                    "total_rules, sum(l.compliant_rules) "
                    "AS compliant_rules, sum(l.non_compliant_rules) AS non_compliant_rules FROM ") +
            kLatestReports +
            " l JOIN accounts a ON a.id = l.account_id WHERE {F} GROUP BY "
            "a.account_id) x",
        f);
    ASSERT_EQ(answer["accounts"].size(), accounts.size()) << answer["accounts"].dump(1);
    for (size_t i = 0; i < accounts.size(); ++i) {
      const json &item = answer["accounts"][i], &e = accounts[i];
      for (const char* key : {"account_id", "account_name", "date", "total_rules",
                              "compliant_rules", "non_compliant_rules"}) {
        EXPECT_EQ(item[key], e[key]) << key << " " << e["account_id"];
      }
      ExpectMoney(item["compliance_score"], e["compliance_score"], "compliance_score");
    }
    const json score = Sql(std::string("SELECT round(avg(s), 2) FROM (SELECT "
                                       "avg(l.compliance_score) AS s FROM ") +
                               kLatestReports +
                               " l JOIN accounts a ON a.id = l.account_id WHERE {F} GROUP BY "
                               "a.account_id) x",
                           f);
    if (score.is_null()) {
      EXPECT_TRUE(answer["score"].is_null());
    } else {
      ExpectMoney(answer["score"], score, "score");
    }
    // The trend: each day's reports, averaged per account, then over the accounts.
    const json trend = Sql(
        "SELECT json_build_object('dates', coalesce(json_agg(day ORDER BY day), '[]'), 'scores', "
        "coalesce(json_agg(score ORDER BY day), '[]')) FROM (SELECT day, round(avg(s), 2) AS "
        "score FROM (SELECT c.date_from AS day, avg(c.compliance_score) AS s FROM config_reports "
        "c JOIN accounts a ON a.id = c.account_id WHERE {F} AND c.date_from BETWEEN '2025-10-01' "
        "AND '2025-10-14' GROUP BY c.date_from, a.account_id) x GROUP BY day) y",
        f);
    EXPECT_EQ(answer["trend"]["dates"], trend["dates"]);
    ASSERT_EQ(answer["trend"]["scores"].size(), trend["scores"].size());
    for (size_t i = 0; i < trend["scores"].size(); ++i) {
      ExpectMoney(answer["trend"]["scores"][i], trend["scores"][i], "trend score");
    }
  }
}

TEST_F(ApiTest, NonCompliantResourcesOfTheLatestReports) {
  for (const Filter& f : Filters()) {
    SCOPED_TRACE(f.query);
    const json expected = Sql(
        std::string("SELECT coalesce(json_agg(json_build_object('account_id', a.account_id, "
                    "'rule_name', n.rule_name, 'resource_type', n.resource_type, 'resource_id', "
                    "n.resource_id, 'compliance_type', n.compliance_type, 'annotation', "
                    "n.annotation, 'date', l.date_from) ORDER BY a.account_id, n.rule_name, "
                    "n.resource_id, n.id), '[]') FROM non_compliant_resources n JOIN ") +
            kLatestReports +
            " l ON l.id = n.config_report_id JOIN accounts a ON a.id = l.account_id WHERE {F} "
            "AND n.compliance_type <> 'COMPLIANT'",
        f);
    EXPECT_EQ(All(With("/api/v1/compliance/resources", f.query)), expected);
  }
}

// ---------------------------------------------------------------------------------------------
// Support, Health, resources

TEST_F(ApiTest, SupportCasesNewestFirst) {
  for (const Filter& f : Filters()) {
    SCOPED_TRACE(f.query);
    const json expected = Sql(
        "SELECT coalesce(json_agg(json_build_object('case_id', t.case_id, 'display_id', "
        "t.display_id, 'account_id', a.account_id, 'subject', t.subject, 'status', t.status, "
        "'severity_code', t.severity_code, 'service_code', t.service_code, 'time_created', "
        "t.time_created) ORDER BY t.time_created DESC, t.case_id), '[]') FROM support_tickets t "
        "JOIN accounts a ON a.id = t.account_id WHERE {F}",
        f);
    EXPECT_EQ(All(With("/api/v1/support-cases", f.query)), expected);
  }
}

TEST_F(ApiTest, CollectionRunsListFailedCategoriesAndMessagesNewestFirst) {
  // The categories in the logs table's column order, as named by the API.
  const std::string failed =
      "ARRAY(SELECT c FROM unnest(ARRAY['account', 'cost', 'service', 'security', 'config', "
      "'inventory', 'marketplace', 'trusted_advisor', 'health', 'application', "
      "'resilience_hub'], ARRAY[l.account_status, l.cost_status, l.service_status, "
      "l.security_status, l.config_status, l.inventory_status, l.marketplace_status, "
      "l.trusted_advisor_status, l.health_status, l.application_status, "
      "l.resilience_hub_status]) WITH ORDINALITY AS x(c, s, n) WHERE s <> 'Pass' ORDER BY n)";
  ASSERT_GT(Sql("SELECT count(*) FROM logs l WHERE cardinality(" + failed + ") > 0").get<int>(), 0);
  for (const Filter& f : Filters()) {
    for (const std::string extra : {"", "status=failed", "status=passed"}) {
      SCOPED_TRACE(f.query + " " + extra);
      const std::string where = extra == "status=failed"   ? " AND cardinality(" + failed + ") > 0"
                                : extra == "status=passed" ? " AND cardinality(" + failed + ") = 0"
                                                           : "";
      const json expected = Sql(
          "SELECT coalesce(json_agg(json_build_object('log_id', l.id, 'account_id', a.account_id, "
          "'account_name', a.account_name, 'collected_at', l.date_created, 'failed', " +
              failed + ", 'failed_count', cardinality(" + failed +
              "), 'messages', coalesce((SELECT json_agg(json_build_object('type', m.message_type, "
              "'message', m.message) ORDER BY m.id) FROM log_messages m WHERE m.log_id = l.id), "
              "'[]')) ORDER BY l.date_created DESC, l.id), '[]') FROM logs l JOIN accounts a ON "
              "a.id = l.account_id WHERE {F} AND l.date_created >= '2025-09-01' AND "
              "l.date_created < '2025-10-31'" +
              where,
          f);
      const json items = All(With(
          With("/api/v1/operations/collections?from=2025-09-01&to=2025-10-30", extra), f.query));
      EXPECT_EQ(items, expected);
      if (extra == "status=failed" && f.query.empty()) {
        ASSERT_FALSE(items.empty());
        EXPECT_EQ(items[0]["failed"], json({"security", "trusted_advisor"}));
        EXPECT_EQ(items[0]["messages"].size(), 3u) << items[0];  // The forecast's note too.
      }
    }
  }
}

TEST_F(ApiTest, HealthEventsNewestFirst) {
  for (const Filter& f : Filters()) {
    SCOPED_TRACE(f.query);
    const json expected = Sql(
        "SELECT coalesce(json_agg(json_build_object('arn', h.arn, 'account_id', a.account_id, "
        "'service', h.service, 'event_type_code', h.event_type_code, 'region', h.region, "
        "'status_code', h.status_code, 'start_time', h.start_time, 'end_time', h.end_time) ORDER "
        "BY h.start_time DESC, h.arn), '[]') FROM health_events h JOIN accounts a ON a.id = "
        "h.account_id WHERE {F}",
        f);
    EXPECT_EQ(All(With("/api/v1/health-events", f.query)), expected);
  }
}

TEST_F(ApiTest, ResourcesByServiceTypeAndRegion) {
  for (const Filter& f : Filters()) {
    for (const std::string extra : {"", "service=EC2", "type=Instance", "region=eu-west-1",
                                    "service=EC2&region=us-east-1", "service=Nothing"}) {
      SCOPED_TRACE(f.query + " " + extra);
      std::string where;
      if (extra.find("service=EC2") != std::string::npos) where += " AND r.service_name = 'EC2'";
      if (extra.find("service=Nothing") != std::string::npos) where += " AND false";
      if (extra.find("type=Instance") != std::string::npos)
        where += " AND r.resource_type = 'Instance'";
      const size_t region = extra.find("region=");
      if (region != std::string::npos) {
        where += " AND r.region = '" + extra.substr(region + 7) + "'";
      }
      const std::string from =
          " FROM service_resources r JOIN accounts a ON a.id = r.account_id WHERE {F}" + where;
      const json expected =
          Sql("SELECT coalesce(json_agg(json_build_object('account_id', a.account_id, "
              "'service_name', r.service_name, 'resource_type', r.resource_type, 'resource_id', "
              "r.resource_id, 'resource_name', r.resource_name, 'region', r.region, 'state', "
              "r.state, 'instance_type', r.instance_type) ORDER BY a.account_id, r.service_name, "
              "r.resource_id, r.id), '[]')" +
                  from,
              f);
      EXPECT_EQ(All(With(With("/api/v1/resources", extra), f.query)), expected);
      const json summary =
          Sql("SELECT coalesce(json_agg(json_build_object('service_name', s, 'resource_type', t, "
              "'count', n) ORDER BY n DESC, s, t), '[]') FROM (SELECT r.service_name AS s, "
              "r.resource_type AS t, count(*) AS n" +
                  from + " GROUP BY 1, 2) x",
              f);
      EXPECT_EQ(Get(With(With("/api/v1/resources/summary", extra), f.query))["by_type"], summary);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Operations

TEST_F(ApiTest, IngestRunsNewestFirst) {
  const json expected =
      Sql("SELECT json_agg(json_build_object('id', id, 'source', source, 'host', host, "
          "'started_at', started_at, 'finished_at', finished_at, 'documents_loaded', "
          "documents_loaded, 'documents_skipped', documents_skipped, 'documents_failed', "
          "documents_failed, 'rows_created', rows_created, 'rows_updated', rows_updated, "
          "'rows_unchanged', rows_unchanged) ORDER BY id DESC) FROM view360.ingest_runs");
  ASSERT_EQ(expected.size(), 2u);
  EXPECT_EQ(expected[1]["documents_failed"], 1) << "the first run failed one document";
  EXPECT_EQ(All("/api/v1/operations/runs"), expected);
  const json page = Get("/api/v1/operations/runs?limit=1&offset=1");
  EXPECT_EQ(page["total"], 2);
  EXPECT_EQ(page["items"], json::array({expected[1]}));
}

TEST_F(ApiTest, FailedDocumentsSayWhy) {
  const json failed = Get("/api/v1/operations/documents?status=failed");
  ASSERT_EQ(failed["total"], 1);
  const json& item = failed["items"][0];
  EXPECT_EQ(item["object_key"], DocumentKey(kFailedAccount, "us-east-1", 3));
  EXPECT_EQ(item["status"], "failed");
  EXPECT_EQ(item["account_id"], kFailedAccount) << "the account of its key";
  EXPECT_EQ(item["region"], "us-east-1");
  EXPECT_FALSE(item["failed_at"].is_null());
  EXPECT_TRUE(item["loaded_at"].is_null());
  EXPECT_GE(item["attempts"].get<int>(), 1);
  const json errors = Sql("SELECT error FROM view360.ingest_ledger WHERE status = 'failed'");
  EXPECT_EQ(item["error"], json({{"errors", errors}}));
  std::set<std::string> paths;
  for (const auto& e : item["error"]["errors"]) {
    paths.insert(e["path"]);
    EXPECT_FALSE(e["message"].get<std::string>().empty());
  }
  EXPECT_EQ(paths, (std::set<std::string>{"$.logs", "$.health"}));

  const json all = Get("/api/v1/operations/documents?limit=1");
  EXPECT_EQ(all["total"], Sql("SELECT count(*) FROM view360.ingest_ledger"));
  EXPECT_EQ(Get("/api/v1/operations/documents?status=loaded&limit=1")["total"],
            Sql("SELECT count(*) FROM view360.ingest_ledger WHERE status = 'loaded'"));
  EXPECT_EQ(Get("/api/v1/operations/documents?status=pending")["total"], 0);
  EXPECT_EQ(Get(std::string("/api/v1/operations/documents?account=") + kFailedAccount)["total"], 1);
  EXPECT_EQ(Get("/api/v1/operations/documents?account=990000000003")["total"],
            Sql("SELECT count(*) FROM view360.ingest_ledger WHERE account_id = '990000000003'"));
  // Newest event first, then by key.
  const json keys =
      Sql("SELECT json_agg(object_key ORDER BY greatest(loaded_at, failed_at, first_seen_at) DESC, "
          "object_key) FROM view360.ingest_ledger");
  EXPECT_EQ(json(Column(All("/api/v1/operations/documents"), "object_key")), keys);
}

// ---------------------------------------------------------------------------------------------
// Sorting and paging of every list

// The query that gives each list content.
std::string ListTarget(const Endpoint& e) {
  if (e.path == "/api/v1/costs/movers") return e.path + "?from=2025-10-01&to=2025-10-14";
  return e.path;
}

// The visible column that identifies an item, or "" when it is not part of the answer.
std::string UniqueColumn(const Endpoint& e) {
  if (e.unique == "row_id") return "";
  return e.unique.substr(0, e.unique.find(','));
}

int Level(const json& severity) {
  const auto& s = Severities();
  return static_cast<int>(s.end() - std::find(s.begin(), s.end(), severity.get<std::string>()));
}

// <0, 0, >0 as x sorts before, with, after y ascending; NULLs are handled by the caller.
int Compare(const json& x, const json& y, bool severity) {
  if (severity) return Level(x) - Level(y);
  if (x.is_number() && y.is_number()) {
    const double a = x.get<double>(), b = y.get<double>();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (x.is_string() && y.is_string()) return x.get<std::string>().compare(y.get<std::string>());
  ADD_FAILURE() << "cannot compare " << x << " with " << y;
  return 0;
}

TEST_F(ApiTest, EveryListSortsByEachOfItsColumnsThenByItsUniqueColumn) {
  for (const Endpoint& e : Endpoints()) {
    if (!e.paged) continue;
    ASSERT_FALSE(e.sort.empty()) << e.path;
    const std::string target = ListTarget(e);
    const json unsorted = All(target);
    EXPECT_GT(unsorted.size(), 1u) << target << ": the fixture gives every list items";
    const std::string unique = UniqueColumn(e);
    for (const SortColumn& column : e.sort) {
      for (const bool descending : {false, true}) {
        const std::string sort = (descending ? "-" : "") + column.name;
        SCOPED_TRACE(target + " sort=" + sort);
        const json items = All(With(target, "sort=" + sort));
        ASSERT_EQ(items.size(), unsorted.size());
        if (!unique.empty()) {
          std::vector<std::string> a = Column(items, unique), b = Column(unsorted, unique);
          std::sort(a.begin(), a.end());
          std::sort(b.begin(), b.end());
          EXPECT_EQ(a, b) << "the same items";
        }
        for (size_t i = 1; i < items.size(); ++i) {
          const json &x = items[i - 1][column.name], &y = items[i][column.name];
          if (y.is_null()) continue;  // NULLs last either way.
          ASSERT_FALSE(x.is_null()) << "a NULL before " << y << " at " << i;
          int c = Compare(x, y, column.name == "severity");
          if (descending) c = -c;
          ASSERT_LE(c, 0) << x << " before " << y << " at " << i;
          if (c == 0 && !unique.empty() && unique != column.name) {
            ASSERT_LT(Compare(items[i - 1][unique], items[i][unique], false), 0)
                << "ties by " << unique << " at " << i;
          }
        }
      }
    }
  }
}

TEST_F(ApiTest, PagesOfEveryListAddUpToTheWholeList) {
  for (const Endpoint& e : Endpoints()) {
    if (!e.paged) continue;
    // The default order, and a column with many ties.
    for (const std::string& sort :
         {std::string(), "-" + e.sort[std::min<size_t>(3, e.sort.size() - 1)].name}) {
      const std::string target = sort.empty() ? ListTarget(e) : With(ListTarget(e), "sort=" + sort);
      SCOPED_TRACE(target);
      const json whole = All(target);
      json pages = json::array();
      for (size_t offset = 0; offset < whole.size() + 3; offset += 3) {
        const json page = Get(With(target, "limit=3&offset=" + std::to_string(offset)));
        EXPECT_EQ(page["total"], whole.size());
        EXPECT_EQ(page["limit"], 3);
        EXPECT_EQ(page["offset"], offset);
        EXPECT_LE(page["items"].size(), 3u);
        for (const auto& item : page["items"]) pages.push_back(item);
      }
      EXPECT_EQ(pages, whole);
    }
  }
}

TEST_F(ApiTest, WhatTheDashboardAsksForIsAnswered) {
  // The sorts web/src sends (web/README.md), each with the dashboard's page sizes.
  for (const std::string target :
       {"/api/v1/accounts?sort=account_name&limit=25&offset=0",
        "/api/v1/accounts?limit=500&offset=0&sort=account_name",
        "/api/v1/accounts?sort=-spend_this_month&limit=25",
        "/api/v1/accounts?sort=-compliance_score",
        "/api/v1/accounts?sort=last_document_at",
        "/api/v1/accounts?sort=customer",
        "/api/v1/accounts?sort=environment",
        "/api/v1/accounts?sort=-status",
        "/api/v1/security/findings?sort=-updated_at&limit=25&offset=0",
        "/api/v1/security/findings?sort=severity&severity=HIGH&status=NEW",
        "/api/v1/security/findings?sort=-title",
        "/api/v1/security/findings?sort=account_id",
        "/api/v1/security/findings?sort=service",
        "/api/v1/security/findings?sort=resource_id",
        "/api/v1/security/findings?sort=status",
        "/api/v1/health-events?sort=-start_time&limit=25&offset=0",
        "/api/v1/health-events?sort=end_time",
        "/api/v1/health-events?sort=status_code",
        "/api/v1/health-events?sort=service",
        "/api/v1/health-events?sort=event_type_code",
        "/api/v1/health-events?sort=account_id",
        "/api/v1/health-events?sort=region",
        "/api/v1/support-cases?sort=-time_created&limit=25&offset=0",
        "/api/v1/support-cases?sort=display_id",
        "/api/v1/support-cases?sort=subject",
        "/api/v1/support-cases?sort=status",
        "/api/v1/support-cases?sort=severity_code",
        "/api/v1/support-cases?sort=service_code",
        "/api/v1/support-cases?sort=account_id",
        "/api/v1/costs/movers?group_by=account&limit=10&sort=label",
        "/api/v1/costs/movers?group_by=service&limit=10&sort=-previous",
        "/api/v1/costs/movers?sort=current",
        "/api/v1/costs/movers?sort=-change",
        "/api/v1/costs/movers?sort=change_pct",
        "/api/v1/resources?sort=account_id&limit=25&service=EC2&type=Instance&region=us-east-1",
        "/api/v1/resources?sort=service_name",
        "/api/v1/resources?sort=resource_type",
        "/api/v1/resources?sort=resource_id",
        "/api/v1/resources?sort=resource_name",
        "/api/v1/resources?sort=region",
        "/api/v1/resources?sort=state",
        "/api/v1/resources?sort=instance_type",
        "/api/v1/compliance/resources?sort=account_id",
        "/api/v1/compliance/resources?sort=rule_name",
        "/api/v1/compliance/resources?sort=date",
        "/api/v1/compliance/resources?sort=resource_type",
        "/api/v1/compliance/resources?sort=-resource_id",
        "/api/v1/operations/runs?limit=10&offset=0",
        "/api/v1/operations/documents?status=failed&limit=25&offset=0",
        "/api/v1/costs/daily?group_by=account&top=20",
        "/api/v1/costs/monthly?group_by=service&top=5"}) {
    SCOPED_TRACE(target);
    Get(target);
  }
  const json findings = All("/api/v1/security/findings?sort=-severity");
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings[0]["severity"], "CRITICAL") << "-severity: the most severe first";
  EXPECT_EQ(findings.back()["severity"], "INFORMATIONAL");
  // Several columns: by severity, then newest first.
  const json two = All("/api/v1/security/findings?sort=-severity,-updated_at");
  EXPECT_EQ(two, All("/api/v1/security/findings"));
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST_F(ApiTest, BadParametersAreRefusedWithTheErrorJson) {
  for (const std::string& target : std::vector<std::string>{
           "/api/v1/overview?account=123",
           "/api/v1/overview?account=99000000000x",
           "/api/v1/overview?from=2025-13-01",
           "/api/v1/overview?to=yesterday",
           "/api/v1/costs/daily?from=2025-10-10&to=2025-10-01",
           "/api/v1/costs/daily?from=2000-01-01&to=2025-10-01",
           "/api/v1/costs/daily?group_by=region",
           "/api/v1/costs/daily?top=0",
           "/api/v1/costs/daily?top=51",
           "/api/v1/costs/monthly?top=ten",
           "/api/v1/accounts?limit=0",
           "/api/v1/accounts?limit=501",
           "/api/v1/accounts?limit=-1",
           "/api/v1/accounts?offset=-1",
           "/api/v1/accounts?offset=x",
           "/api/v1/accounts?sort=nope",
           "/api/v1/accounts?sort=-nope",
           "/api/v1/accounts?sort=--account_id",
           "/api/v1/accounts?sort=account_id;DROP%20TABLE%20accounts",
           "/api/v1/accounts?sort=ids",
           "/api/v1/accounts?sort=account_id,-account_id",
           "/api/v1/accounts?sort=account_id,status,customer,partner",
           "/api/v1/security/findings?sort=severity_level",
           "/api/v1/resources?sort=row_id",
           "/api/v1/operations/documents?sort=at",
           "/api/v1/overview?sort=account_id",
           "/api/v1/costs/daily?sort=key",
           "/api/v1/security/findings?severity=BAD",
           "/api/v1/operations/documents?status=done",
           "/api/v1/operations/collections?status=broken",
           "/api/v1/operations/collections?sort=log_id",
           "/api/v1/overview?customer=" + std::string(256, 'x'),
       }) {
    SCOPED_TRACE(target);
    const Answer answer = HttpGet(server_->port(), target);
    EXPECT_EQ(answer.status, 400) << answer.body;
    EXPECT_EQ(answer.Header("Content-Type"), "application/json");
    ASSERT_TRUE(answer.value.is_object()) << answer.body;
    EXPECT_EQ(answer.value["error"]["code"], "invalid_argument");
    EXPECT_FALSE(answer.value["error"]["message"].get<std::string>().empty());
  }
  const Answer sort = HttpGet(server_->port(), "/api/v1/support-cases?sort=colour");
  EXPECT_EQ(sort.value["error"]["message"],
            "sort: expected one of case_id, display_id, account_id, subject, status, "
            "severity_code, service_code, time_created (optionally with a '-' prefix), got "
            "'colour'");
  EXPECT_EQ(Sql("SELECT count(*) FROM accounts"), 5) << "the table is still there";
}

TEST_F(ApiTest, UnknownPathsAreNotFound) {
  for (const std::string target : {"/api/v1/nothing", "/api/v1/costs", "/api/v2/overview",
                                   "/api/v1/overview/extra", "/api/v1/", "/api/"}) {
    SCOPED_TRACE(target);
    const Answer answer = HttpGet(server_->port(), target);
    EXPECT_EQ(answer.status, 404);
    ASSERT_TRUE(answer.value.is_object()) << answer.body;
    EXPECT_EQ(answer.value["error"]["code"], "not_found");
  }
  EXPECT_EQ(HttpGet(server_->port(), "/no-such-file.js").status, 404);
}

// ---------------------------------------------------------------------------------------------
// OpenAPI, health, metrics

TEST_F(ApiTest, OpenApiDocumentListsEveryEndpointAndIsValid) {
  const Answer answer = HttpGet(server_->port(), "/api/v1/openapi.json");
  ASSERT_EQ(answer.status, 200);
  const json& doc = answer.value;
  ASSERT_TRUE(doc.is_object()) << answer.body.substr(0, 200);
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  EXPECT_TRUE(doc["info"].contains("title"));
  EXPECT_TRUE(doc["components"]["securitySchemes"].contains("bearer"));
  for (const Endpoint& e : Endpoints()) {
    SCOPED_TRACE(e.path);
    ASSERT_TRUE(doc["paths"].contains(e.path));
    const json& get = doc["paths"][e.path]["get"];
    EXPECT_FALSE(get["summary"].get<std::string>().empty());
    EXPECT_TRUE(get["responses"].contains("200"));
    EXPECT_TRUE(get["responses"].contains("400"));
    std::set<std::string> names;
    for (const auto& p : get["parameters"]) names.insert(p["name"]);
    for (const char* common :
         {"account", "customer", "partner", "environment", "product", "from", "to"}) {
      EXPECT_TRUE(names.count(common)) << common;
    }
    for (const char* list : {"limit", "offset", "sort"}) EXPECT_EQ(names.count(list), e.paged);
    for (const auto& p : e.params) EXPECT_TRUE(names.count(p.name)) << p.name;
    // What the document lists is served.
    EXPECT_EQ(HttpGet(server_->port(), ListTarget(e)).status, 200);
  }
  EXPECT_TRUE(doc["paths"].contains("/healthz"));
  EXPECT_TRUE(doc["paths"].contains("/api/v1/openapi.json"));
  EXPECT_TRUE(doc["paths"].contains("/metrics"));

  // Python's json parses it, and openapi-spec-validator accepts it when the machine has it.
  const std::string file = view360::testing::MakeTempDir("serve-openapi") + "/openapi.json";
  view360::testing::WriteFile(file, answer.body);
  auto parsed =
      RunProcess({"python3", "-c",
                  "import json, sys\n"
                  "doc = json.load(open(sys.argv[1]))\n"
                  "try:\n"
                  "    from openapi_spec_validator import validate\n"
                  "except ImportError:\n"
                  "    print('no openapi-spec-validator: structure checked only'); sys.exit(0)\n"
                  "validate(doc)\n"
                  "print('valid')\n",
                  file});
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->exit_code, 0) << parsed->output;
  std::cout << "openapi.json: " << parsed->output;
}

TEST_F(ApiTest, HealthzSaysTheWarehouseIsReachable) {
  const Answer ok = HttpGet(server_->port(), "/healthz");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.value, json({{"status", "ok"}, {"warehouse", "ok"}}));

  // A server whose warehouse is gone: /healthz 503, the API 503 with the error JSON.
  auto down = StartServer("host=127.0.0.1 port=1 dbname=none connect_timeout=2");
  const Answer health = HttpGet(down->port(), "/healthz");
  EXPECT_EQ(health.status, 503);
  EXPECT_EQ(health.value["warehouse"], "unreachable");
  const Answer api = HttpGet(down->port(), "/api/v1/overview");
  EXPECT_EQ(api.status, 503);
  EXPECT_EQ(api.value["error"]["code"], "unavailable");
  EXPECT_EQ(HttpGet(down->port(), "/metrics").status, 200) << "metrics without the warehouse";
}

TEST_F(ApiTest, MetricsArePrometheusTextWithApiLatencyAndIngestSeries) {
  Get("/api/v1/overview");
  Get("/api/v1/accounts?sort=-spend_this_month");
  HttpGet(server_->port(), "/api/v1/accounts?sort=nope");
  const Answer answer = HttpGet(server_->port(), "/metrics");
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.Header("Content-Type"), "text/plain; version=0.0.4");
  // Every line is a comment (HELP or TYPE of a family) or a sample of a declared family.
  const std::regex help(R"(# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+)");
  const std::regex type(R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary))");
  const std::regex sample(
      R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*")*)?\})? (-?[0-9.e+-]+|\+Inf|NaN))");
  std::map<std::string, std::string> types;
  std::map<std::string, double> samples;
  std::istringstream lines(answer.body);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, help)) continue;
    if (std::regex_match(line, m, type)) {
      EXPECT_EQ(types.count(m[1]), 0u) << "declared twice: " << line;
      types[m[1]] = m[2];
      continue;
    }
    ASSERT_TRUE(std::regex_match(line, m, sample)) << "not a sample: " << line;
    std::string family = m[1];
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      const std::string s = suffix;
      if (!types.count(family) && family.size() > s.size() &&
          family.compare(family.size() - s.size(), s.size(), s) == 0) {
        family = family.substr(0, family.size() - s.size());
      }
    }
    EXPECT_TRUE(types.count(family)) << "no TYPE before " << line;
    samples[m[1].str() + m[2].str()] = std::stod(m[5].str() == "+Inf" ? "inf" : m[5].str());
  }
  EXPECT_EQ(types["view360_api_request_duration_seconds"], "histogram");
  EXPECT_EQ(types["view360_api_requests_total"], "counter");
  // The overview's histogram: cumulative buckets, +Inf equal to the count.
  const std::string label = "{endpoint=\"/api/v1/overview\"";
  double previous = 0;
  for (const char* le : {"0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
                         "1", "2.5", "5", "+Inf"}) {
    const std::string key =
        "view360_api_request_duration_seconds_bucket" + label + ",le=\"" + le + "\"}";
    ASSERT_TRUE(samples.count(key)) << key;
    EXPECT_GE(samples[key], previous) << key;
    previous = samples[key];
  }
  EXPECT_EQ(previous, samples["view360_api_request_duration_seconds_count" + label + "}"]);
  EXPECT_GE(previous, 1);
  EXPECT_GE(samples["view360_api_requests_total{endpoint=\"/api/v1/accounts\",status=\"400\"}"], 1);
  // The receiver's series, from the warehouse.
  EXPECT_EQ(samples["view360_documents{status=\"failed\"}"], 1);
  EXPECT_EQ(
      samples["view360_documents{status=\"loaded\"}"],
      Sql("SELECT count(*) FROM view360.ingest_ledger WHERE status = 'loaded'").get<double>());
  EXPECT_EQ(samples["view360_ingest_runs_total"], 2);
  EXPECT_EQ(samples["view360_ingest_documents_loaded_total"],
            Sql("SELECT sum(documents_loaded) FROM view360.ingest_runs").get<double>());
  EXPECT_EQ(samples["view360_ingest_documents_failed_total"], 1);
  EXPECT_GT(samples["view360_ingest_duration_seconds_total"], 0);
}

}  // namespace
}  // namespace view360::serve::testing
