// The cost categories — service (§b.5), cost (§b.6), marketplace (§b.9), ri_sp_savings (§b.15) —
// against moto (Cost Explorer answers seeded per request) and the simulator (whose answers are
// sums of one cost model, so the collected figures are compared with its truth).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "collect/categories/cost_explorer.h"
#include "collect_fixture.h"
#include "support/moto_server.h"

namespace view360::testing {
namespace {

using collect::Day;
using collect::FormatDay;
using collect::Interval;
using collect::Window;
using collect::WindowFor;
using nlohmann::json;
using ojson = nlohmann::ordered_json;

// ---- Helpers ------------------------------------------------------------------------------------

std::vector<std::string> Keys(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : object.items()) keys.push_back(k);
  return keys;
}

// logs.message entries with `tag`.
std::vector<std::string> Messages(const nlohmann::ordered_json& logs, const std::string& tag) {
  std::vector<std::string> out;
  for (const auto& m : logs["message"]) {
    if (m.contains(tag)) out.push_back(m[tag].get<std::string>());
  }
  return out;
}

int64_t Calls(const CategoryRun& run, const std::string& op) {
  const auto it = run.collected.calls.find(op);
  return it == run.collected.calls.end() ? 0 : it->second;
}

// One Cost Explorer period as moto returns what it was seeded with.
json Period(const std::string& start, const std::string& end, const json& groups,
            const std::string& total = "") {
  json total_json = json::object();
  if (!total.empty()) total_json["UnblendedCost"] = {{"Amount", total}, {"Unit", "USD"}};
  return {{"TimePeriod", {{"Start", start}, {"End", end}}},
          {"Total", total_json},
          {"Groups", groups},
          {"Estimated", false}};
}

json Group(const std::string& key, const std::string& amount) {
  return {{"Keys", {key}}, {"Metrics", {{"UnblendedCost", {{"Amount", amount}, {"Unit", "USD"}}}}}};
}

json CeAnswer(const json& periods) {
  return {{"ResultsByTime", periods}, {"DimensionValueAttributes", json::array()}};
}

// ---- moto ---------------------------------------------------------------------------------------

TEST(ServiceCategory, MotoOneElementPerServiceHighestCostFirst) {
  ResetMoto();
  MotoSetup("cost.seed_cost_and_usage",
            {{"results", json::array({CeAnswer(json::array(
                             {Period("2025-09-14", "2025-09-15",
                                     {Group("Amazon Simple Storage Service", "1.5"),
                                      Group("Amazon Elastic Compute Cloud - Compute", "10.25"),
                                      Group("AWS Lambda", "0.0000001")})}))})}});
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("service", TargetFor(kMotoAccount), DailyWindow("2025-09-15"), *clients);

  EXPECT_EQ(run.status, "Pass") << run.logs.dump();
  ASSERT_EQ(run.section.size(), 3u) << run.section.dump();
  EXPECT_EQ(run.section[0]["service"], "Amazon Elastic Compute Cloud - Compute");
  EXPECT_EQ(run.section[0]["cost"], 10.25);
  EXPECT_EQ(run.section[1]["service"], "Amazon Simple Storage Service");
  EXPECT_EQ(run.section[2]["cost"], 1e-07);
  const auto& first = run.section[0];
  EXPECT_EQ(Keys(first),
            (std::vector<std::string>{"service", "usage_types", "date_from", "date_to", "cost",
                                      "currency", "utilization", "utilization_unit"}));
  EXPECT_EQ(first["usage_types"], "Aggregated");
  EXPECT_EQ(first["date_from"], "2025-09-14");
  EXPECT_EQ(first["date_to"], "2025-09-15");
  EXPECT_EQ(first["currency"], "USD");
  EXPECT_TRUE(first["utilization"].is_null());
  EXPECT_EQ(Calls(run, "ce:GetCostAndUsage"), 1);
}

TEST(CostCategory, MotoTotalsTopServicesAndAnUnavailableForecast) {
  ResetMoto();
  // In the order the collector asks: the window by SERVICE, then the previous day's total.
  json services = json::array();
  const std::pair<const char*, const char*> costs[] = {
      {"Tax", "0.5"},         {"Amazon Route 53", "0.25"}, {"AWS Lambda", "2"},
      {"Amazon EC2", "12.5"}, {"Amazon S3", "3"},          {"AWS Config", "1"}};
  for (const auto& [name, amount] : costs) services.push_back(Group(name, amount));
  MotoSetup("cost.seed_cost_and_usage",
            {{"results",
              json::array({CeAnswer(json::array({Period("2025-09-14", "2025-09-15", services)})),
                           CeAnswer(json::array(
                               {Period("2025-09-13", "2025-09-14", json::array(), "15.5")}))})}});
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("cost", TargetFor(kMotoAccount), DailyWindow("2025-09-15"), *clients);

  EXPECT_EQ(run.status, "Pass") << run.logs.dump();
  const auto& cost = run.section;
  EXPECT_EQ(Keys(cost),
            (std::vector<std::string>{"account_id", "current_period_cost", "previous_period_cost",
                                      "cost_difference", "cost_difference_percentage",
                                      "top_services", "period", "forecast"}));
  EXPECT_EQ(cost["account_id"], kMotoAccount);
  EXPECT_DOUBLE_EQ(cost["current_period_cost"].get<double>(), 19.25);
  EXPECT_DOUBLE_EQ(cost["previous_period_cost"].get<double>(), 15.5);
  EXPECT_DOUBLE_EQ(cost["cost_difference"].get<double>(), 3.75);
  EXPECT_DOUBLE_EQ(cost["cost_difference_percentage"].get<double>(), 3.75 / 15.5 * 100);
  ASSERT_EQ(cost["top_services"].size(), 5u);
  EXPECT_EQ(cost["top_services"][0], (ojson{{"service", "Amazon EC2"}, {"cost", 12.5}}));
  EXPECT_EQ(cost["top_services"][1]["service"], "Amazon S3");
  EXPECT_EQ(cost["top_services"][4]["service"], "Tax");
  EXPECT_EQ(cost["period"],
            (ojson{{"start", "2025-09-14"}, {"end", "2025-09-15"}, {"granularity", "DAILY"}}));
  // moto has no GetCostForecast: the forecast is empty, noted, and the category still passes.
  EXPECT_EQ(cost["forecast"], ojson::array());
  EXPECT_EQ(Messages(run.logs, "Forecast unavailable").size(), 1u) << run.logs.dump();
  EXPECT_EQ(Calls(run, "ce:GetCostAndUsage"), 2);
}

TEST(CostCategory, MotoNoPeriodsGiveIntegerZeros) {
  ResetMoto();  // Nothing seeded: moto answers with no periods.
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("cost", TargetFor(kMotoAccount), DailyWindow("2025-09-15"), *clients);
  EXPECT_EQ(run.status, "Pass") << run.logs.dump();
  EXPECT_TRUE(run.section["current_period_cost"].is_number_integer());
  EXPECT_TRUE(run.section["previous_period_cost"].is_number_integer());
  EXPECT_TRUE(run.section["cost_difference_percentage"].is_number_integer());
  EXPECT_EQ(run.section["top_services"], ojson::array());
}

TEST(MarketplaceCategory, MotoOneElementPerProductWithItsDays) {
  ResetMoto();
  // A WEEKLY window is asked for day by day.
  const Window week = WindowFor(Interval::kWeekly, *collect::ParseDay("2025-09-10"));
  ASSERT_EQ(FormatDay(week.start), "2025-09-08");
  MotoSetup("cost.seed_cost_and_usage",
            {{"results",
              json::array({CeAnswer(json::array(
                  {Period("2025-09-08", "2025-09-09",
                          json::array({Group("Acme Firewall (BYOL)", "4.5")})),
                   Period("2025-09-09", "2025-09-10", json::array()),
                   Period("2025-09-10", "2025-09-11",
                          {Group("Acme Firewall (BYOL)", "4"), Group("Datadog Pro", "20")})}))})}});
  auto clients = MotoClients();
  const CategoryRun run = RunCategory("marketplace", TargetFor(kMotoAccount), week, *clients);

  EXPECT_EQ(run.status, "Pass") << run.logs.dump();
  ASSERT_EQ(run.section.size(), 2u) << run.section.dump();
  const auto& datadog = run.section[0];
  EXPECT_EQ(Keys(datadog), (std::vector<std::string>{
                               "product_code", "product_name", "dimension", "customer_identifier",
                               "value", "expiration_date", "cost_consumed", "currency",
                               "period_start", "period_end", "daily_costs", "status"}));
  EXPECT_EQ(datadog["product_code"], "Datadog Pro");
  EXPECT_EQ(datadog["cost_consumed"], 20.0);
  EXPECT_EQ(datadog["status"], "CONSUMED");
  const auto& acme = run.section[1];
  EXPECT_EQ(acme["product_name"], "Acme Firewall (BYOL)");
  EXPECT_EQ(acme["cost_consumed"], 8.5);
  EXPECT_EQ(acme["currency"], "USD");
  EXPECT_EQ(acme["period_start"], "2025-09-08");
  EXPECT_EQ(acme["period_end"], "2025-09-15");
  EXPECT_EQ(acme["daily_costs"], (ojson{{{"date", "2025-09-08"}, {"cost", 4.5}},
                                        {{"date", "2025-09-10"}, {"cost", 4.0}}}));
  EXPECT_EQ(Calls(run, "ce:GetCostAndUsage"), 1);
}

// ---- Simulator ----------------------------------------------------------------------------------

// The simulator's "today" is the real one, since the forecast starts no earlier than today.
sim::Scenario CostScenario() {
  sim::Scenario scenario = SmallScenario();
  scenario.today = FormatDay(collect::TodayUtc());
  return scenario;
}

json Filter(const std::string& account) { return collect::cost_explorer::LinkedAccount(account); }

json Truth(SimFixture& sim, const std::string& operation, const json& params,
           const std::string& account, const std::string& region = "us-east-1") {
  auto truth = sim.simulator().Truth("ce", operation, params, account, region);
  EXPECT_TRUE(truth.ok()) << truth.status().message();
  return truth.ok() ? *truth : json::object();
}

// Cost per service over [start, end) in `granularity`, summed over the periods.
std::map<std::string, double> TruthByService(SimFixture& sim, const std::string& account, Day start,
                                             Day end, const std::string& granularity) {
  const json params = {{"TimePeriod", collect::cost_explorer::TimePeriod(start, end)},
                       {"Granularity", granularity},
                       {"Filter", Filter(account)},
                       {"Metrics", {"UnblendedCost"}},
                       {"GroupBy", {{{"Type", "DIMENSION"}, {"Key", "SERVICE"}}}}};
  std::map<std::string, double> out;
  for (const auto& g : collect::cost_explorer::SumGroups(
           Truth(sim, "GetCostAndUsage", params, account)["ResultsByTime"], "UnblendedCost")) {
    out[g.key] = g.cost;
  }
  return out;
}

double TruthTotal(SimFixture& sim, const std::string& account, Day start, Day end,
                  const std::string& granularity) {
  const json params = {{"TimePeriod", collect::cost_explorer::TimePeriod(start, end)},
                       {"Granularity", granularity},
                       {"Filter", Filter(account)},
                       {"Metrics", {"UnblendedCost"}}};
  double sum = 0;
  const json truth = Truth(sim, "GetCostAndUsage", params, account);
  for (const auto& r : truth["ResultsByTime"]) {
    sum += collect::cost_explorer::Amount(r["Total"]["UnblendedCost"]);
  }
  return sum;
}

// The service section and the cost section of `window` agree with the simulator's truth.
void ExpectCostsMatchTruth(SimFixture& sim, int index, const Window& window) {
  const std::string account = sim.AccountId(index);
  const std::string granularity(collect::CostGranularity(window.interval));
  auto clients = sim.Clients(index);
  const auto truth = TruthByService(sim, account, window.start, window.end, granularity);
  ASSERT_FALSE(truth.empty()) << "the account should have costs";

  const CategoryRun service = RunCategory("service", TargetFor(account), window, *clients);
  EXPECT_EQ(service.status, "Pass") << service.logs.dump();
  ASSERT_EQ(service.section.size(), truth.size());
  double previous = 1e300;
  for (const auto& element : service.section) {
    const std::string name = element["service"].get<std::string>();
    ASSERT_TRUE(truth.count(name)) << name;
    EXPECT_NEAR(element["cost"].get<double>(), truth.at(name), 1e-9) << name;
    EXPECT_LE(element["cost"].get<double>(), previous) << "highest cost first";
    previous = element["cost"].get<double>();
    EXPECT_EQ(element["date_from"], FormatDay(window.start));
    EXPECT_EQ(element["date_to"], FormatDay(window.end));
  }

  const CategoryRun cost = RunCategory("cost", TargetFor(account), window, *clients);
  EXPECT_EQ(cost.status, "Pass") << cost.logs.dump();
  const double current = TruthTotal(sim, account, window.start, window.end, granularity);
  const double before =
      TruthTotal(sim, account, window.previous_start, window.previous_end, granularity);
  EXPECT_NEAR(cost.section["current_period_cost"].get<double>(), current, 1e-6);
  EXPECT_NEAR(cost.section["previous_period_cost"].get<double>(), before, 1e-6);
  EXPECT_NEAR(cost.section["cost_difference"].get<double>(), current - before, 1e-6);
  ASSERT_GT(before, 0);
  EXPECT_NEAR(cost.section["cost_difference_percentage"].get<double>(),
              (current - before) / before * 100, 1e-6);
  std::vector<std::pair<std::string, double>> ranked(truth.begin(), truth.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  const auto& top = cost.section["top_services"];
  ASSERT_EQ(top.size(), std::min<size_t>(5, ranked.size()));
  for (size_t i = 0; i < top.size(); ++i) {
    EXPECT_EQ(top[i]["service"], ranked[i].first) << i;
    EXPECT_NEAR(top[i]["cost"].get<double>(), ranked[i].second, 1e-9);
  }
  EXPECT_EQ(cost.section["period"]["start"], FormatDay(window.start));
  EXPECT_EQ(cost.section["period"]["end"], FormatDay(window.end));
  EXPECT_EQ(cost.section["period"]["granularity"],
            std::string(collect::IntervalName(window.interval)));

  // The forecast: from the window's end, or today when that has passed, to today + 30 days.
  const Day today = collect::TodayUtc();
  const Day start = std::max(window.end, today);
  const json forecast_params = {
      {"TimePeriod", collect::cost_explorer::TimePeriod(start, today + std::chrono::days(30))},
      {"Metric", "UNBLENDED_COST"},
      {"Granularity", "MONTHLY"},
      {"Filter", Filter(account)}};
  const json expected = Truth(sim, "GetCostForecast", forecast_params, account);
  const auto& forecast = cost.section["forecast"];
  ASSERT_EQ(forecast.size(), expected["ForecastResultsByTime"].size()) << cost.logs.dump();
  ASSERT_FALSE(forecast.empty());
  EXPECT_EQ(forecast[0]["period"]["start"], FormatDay(start));
  for (size_t i = 0; i < forecast.size(); ++i) {
    const auto& want = expected["ForecastResultsByTime"][i];
    EXPECT_EQ(forecast[i]["period"]["start"], want["TimePeriod"]["Start"]);
    EXPECT_EQ(forecast[i]["period"]["end"], want["TimePeriod"]["End"]);
    EXPECT_NEAR(forecast[i]["amount"].get<double>(),
                collect::cost_explorer::Amount(want["MeanValue"]), 1e-9);
  }
  EXPECT_TRUE(Messages(cost.logs, "Forecast unavailable").empty()) << cost.logs.dump();
  // Three billed requests: the window by service, the previous total, the forecast.
  EXPECT_EQ(Calls(cost, "ce:GetCostAndUsage"), 2);
  EXPECT_EQ(Calls(cost, "ce:GetCostForecast"), 1);
}

TEST(CostCategories, SimulatorDailyWindowMatchesTheTruth) {
  SimFixture sim(CostScenario());
  ExpectCostsMatchTruth(sim, 1, WindowFor(Interval::kDaily, collect::TodayUtc()));
}

TEST(CostCategories, SimulatorWeeklyWindowSumsItsDays) {
  SimFixture sim(CostScenario());
  const Window week = WindowFor(Interval::kWeekly, collect::TodayUtc() - std::chrono::days(14));
  ASSERT_EQ((week.end - week.start).count(), 7);
  ExpectCostsMatchTruth(sim, 2, week);
}

TEST(CostCategories, SimulatorMonthlyWindowAgainstThePreviousMonth) {
  SimFixture sim(CostScenario());
  const Window month = WindowFor(Interval::kMonthly, collect::TodayUtc() - std::chrono::days(40));
  ExpectCostsMatchTruth(sim, 0, month);
}

TEST(MarketplaceCategory, SimulatorAcceptsTheRequestAndHasNoMarketplaceCharges) {
  // The simulator bills nothing through AWS Marketplace: the request is valid (it checks the
  // filter and the grouping) and the section is empty.
  SimFixture sim(CostScenario());
  auto clients = sim.Clients(1);
  const CategoryRun run = RunCategory("marketplace", TargetFor(sim.AccountId(1)),
                                      WindowFor(Interval::kDaily, collect::TodayUtc()), *clients);
  EXPECT_EQ(run.status, "Pass") << run.logs.dump();
  EXPECT_EQ(run.section, nlohmann::ordered_json::array());
  EXPECT_EQ(Calls(run, "ce:GetCostAndUsage"), 1);
}

// ---- ri_sp_savings against the simulator --------------------------------------------------------

std::set<std::string> Ids(const json& list, const std::string& key) {
  std::set<std::string> ids;
  for (const auto& item : list) ids.insert(item[key].get<std::string>());
  return ids;
}

TEST(RiSpSavingsCategory, SimulatorReservationsAndPlansWithTheirDays) {
  SimFixture sim(CostScenario());
  const std::string account = sim.AccountId(0);  // The management account holds commitments.
  const std::string region = "us-east-1";
  const Window week = WindowFor(Interval::kWeekly, collect::TodayUtc() - std::chrono::days(14));
  auto clients = sim.Clients(0);
  const CategoryRun run = RunCategory("ri_sp_savings", TargetFor(account, region), week, *clients);
  EXPECT_EQ(run.status, "Pass") << run.logs.dump();

  auto listing = [&](const std::string& service, const std::string& op, const json& params) {
    auto out = sim.simulator().Truth(service, op, params, account, region);
    EXPECT_TRUE(out.ok()) << out.status().message();
    return out.ok() ? *out : json::object();
  };
  const auto ec2 = listing("ec2", "DescribeReservedInstances",
                           {{"Filters", {{{"Name", "state"}, {"Values", {"active"}}}}}});
  const auto rds = listing("rds", "DescribeReservedDBInstances", json::object());
  const auto plans = listing("savingsplans", "DescribeSavingsPlans", {{"states", {"active"}}});
  const auto ec2_ids = Ids(ec2["ReservedInstances"], "ReservedInstancesId");
  const auto rds_ids = Ids(rds["ReservedDBInstances"], "ReservedDBInstanceId");
  const auto plan_ids = Ids(plans["savingsPlans"], "savingsPlanId");
  ASSERT_FALSE(ec2_ids.empty() && rds_ids.empty() && plan_ids.empty());

  std::map<std::string, std::vector<nlohmann::ordered_json>> rows;
  for (const auto& row : run.section)
    rows[row["subscription_id"].get<std::string>()].push_back(row);
  std::set<std::string> all = ec2_ids;
  all.insert(rds_ids.begin(), rds_ids.end());
  all.insert(plan_ids.begin(), plan_ids.end());
  std::set<std::string> collected;
  for (const auto& [id, list] : rows) collected.insert(id);
  EXPECT_EQ(collected, all);

  const json period = collect::cost_explorer::TimePeriod(week.start, week.end);
  int days_with_data = 0;
  for (const auto& [id, list] : rows) {
    const auto& first = list.front();
    const bool plan = first["reservation_type"] == "Savings Plan";
    // What Cost Explorer says about this one commitment alone, day by day.
    // DataUnavailableException (no day of the week in its term) means no days.
    const std::string key = plan ? "SAVINGS_PLAN_ARN" : "SUBSCRIPTION_ID";
    const std::string value = plan ? first["savings_plan_arn"].get<std::string>() : id;
    const auto out = sim.simulator().Truth(
        "ce", plan ? "GetSavingsPlansUtilization" : "GetReservationUtilization",
        {{"TimePeriod", period},
         {"Granularity", "DAILY"},
         {"Filter", {{"Dimensions", {{"Key", key}, {"Values", {value}}}}}}},
        account, region);
    if (!out.ok()) {
      EXPECT_EQ(out.status().reason(), "DataUnavailableException") << id;
    }
    const json truth = out.ok() ? *out : json::object();
    std::map<std::string, json> expected;  // day -> the four figures
    if (plan) {
      for (const auto& d : truth.value("SavingsPlansUtilizationsByTime", json::array())) {
        expected[d["TimePeriod"]["Start"].get<std::string>()] = {
            d["Utilization"]["UtilizationPercentage"], d["Savings"]["OnDemandCostEquivalent"],
            d["Utilization"]["UsedCommitment"], d["Savings"]["NetSavings"]};
      }
    } else {
      for (const auto& d : truth.value("UtilizationsByTime", json::array())) {
        const auto& t = d["Total"];
        if (collect::cost_explorer::Amount(t["UtilizationPercentage"]) <= 0) continue;
        expected[d["TimePeriod"]["Start"].get<std::string>()] = {
            t["UtilizationPercentage"], t["OnDemandCostOfRIHoursUsed"], t["TotalAmortizedFee"],
            t["NetRISavings"]};
      }
    }
    if (expected.empty()) {
      ASSERT_EQ(list.size(), 1u) << id;
      EXPECT_FALSE(first.contains("date"));
      EXPECT_EQ(first["date_from"], FormatDay(week.start));
      EXPECT_EQ(first["date_to"], FormatDay(week.end));
      for (const char* k :
           {"utilization_percentage", "on_demand_cost", "reservation_cost", "net_savings"}) {
        EXPECT_TRUE(first[k].is_number_integer() && first[k] == 0) << id << " " << k;
      }
      continue;
    }
    ASSERT_EQ(list.size(), expected.size()) << id;
    for (const auto& row : list) {
      const std::string day = row["date"].get<std::string>();
      ASSERT_TRUE(expected.count(day)) << id << " " << day;
      // One row per day, dated by that day (§g S10).
      EXPECT_EQ(row["date_from"], day);
      EXPECT_EQ(row["date_to"], FormatDay(*collect::ParseDay(day) + std::chrono::days(1)));
      const json& want = expected[day];
      const char* members[] = {"utilization_percentage", "on_demand_cost", "reservation_cost",
                               "net_savings"};
      for (size_t i = 0; i < 4; ++i) {
        const double figure = collect::cost_explorer::Amount(want[i]);
        EXPECT_NEAR(row[members[i]].get<double>(), std::round(figure * 100) / 100, 1e-9)
            << id << " " << day << " " << members[i];
      }
      ++days_with_data;
    }
  }
  EXPECT_GT(days_with_data, 0) << "some commitment should have been used that week";

  // Shapes: EC2 rows carry the document's region (not the Scope); member order per kind.
  for (const auto& row : run.section) {
    const std::string id = row["subscription_id"].get<std::string>();
    std::vector<std::string> keys = Keys(row);
    const std::vector<std::string> tail = {"date_from", "date_to", "reservation_type",
                                           "subscription_id"};
    if (ec2_ids.count(id)) {
      EXPECT_EQ(row["service"], "Amazon EC2");
      EXPECT_EQ(row["region"], region);
      EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + 23),
                (std::vector<std::string>{"service",
                                          "instance_type",
                                          "instance_count",
                                          "instance_tenancy",
                                          "offering_class",
                                          "offering_type",
                                          "product_types",
                                          "region",
                                          "currency",
                                          "commitment",
                                          "upfront_cost",
                                          "recurring_cost",
                                          "recurring_frequency",
                                          "usage_price",
                                          "start_date",
                                          "end_date",
                                          "duration_seconds",
                                          "state",
                                          "description",
                                          "date_from",
                                          "date_to",
                                          "reservation_type",
                                          "subscription_id"}));
      EXPECT_TRUE(row["start_date"].get<std::string>().ends_with("+00:00"));
      if (row["recurring_frequency"].is_null()) {
        EXPECT_EQ(row["recurring_cost"], 0.0) << "All Upfront: no recurring charge";
      }
    } else if (rds_ids.count(id)) {
      EXPECT_EQ(row["service"], "Amazon RDS");
      EXPECT_EQ(keys.front(), "service");
      EXPECT_FALSE(row.contains("region"));
      EXPECT_TRUE(row["offering_class"].is_null());
    } else {
      EXPECT_EQ(row["service"], "AWS Savings Plans");
      EXPECT_EQ(row["reservation_type"], "Savings Plan");
      EXPECT_TRUE(row["start_date"].get<std::string>().ends_with(".000Z")) << "API string";
      EXPECT_TRUE(row["commitment"].is_number_float());
    }
  }
  // Reservations: at most one utilisation request per kind; plans: one each.
  EXPECT_LE(Calls(run, "ce:GetReservationUtilization"),
            (ec2_ids.empty() ? 0 : 1) + (rds_ids.empty() ? 0 : 1));
  EXPECT_EQ(Calls(run, "ce:GetSavingsPlansUtilization"), static_cast<int64_t>(plan_ids.size()));
}

TEST(RiSpSavingsCategory, SimulatorSavingsPlansOnlyInTheHomeRegion) {
  SimFixture sim(CostScenario());
  const std::string account = sim.AccountId(0);
  auto clients = sim.Clients(0);
  collect::Target target = TargetFor(account, "eu-west-1");
  target.home_region = false;
  target.home = "us-east-1";
  const CategoryRun run = RunCategory("ri_sp_savings", target,
                                      WindowFor(Interval::kDaily, collect::TodayUtc()), *clients);
  EXPECT_EQ(run.status, "Pass") << run.logs.dump();
  EXPECT_EQ(Calls(run, "savingsplans:DescribeSavingsPlans"), 0);
  for (const auto& row : run.section) {
    EXPECT_EQ(row["reservation_type"], "Reserved Instance");
    if (row["service"] == "Amazon EC2") {
      EXPECT_EQ(row["region"], "eu-west-1");
    }
  }
}

// ---- Denied Cost Explorer -----------------------------------------------------------------------

TEST(CostCategories, SimulatorDeniedCostExplorerFailsOnlyTheCostCategories) {
  sim::Scenario scenario = CostScenario();
  const std::string account = sim::World(scenario).AccountAt(3).id;
  scenario.cost_explorer_disabled_accounts = {account};
  SimFixture sim(scenario);
  auto clients = sim.Clients(3);

  collect::DocumentRequest request;
  request.target = TargetFor(account);
  request.window = WindowFor(Interval::kDaily, collect::TodayUtc());
  request.categories = {"account", "service", "cost", "marketplace"};
  const auto collected = collect::CollectDocument(request, *clients);
  const auto document = nlohmann::ordered_json::parse(collected.body);
  const auto& logs = document["logs"];

  EXPECT_EQ(logs["cost_status"], "Fail");
  EXPECT_EQ(document["cost"], nlohmann::ordered_json::array());
  const auto cost_messages = Messages(logs, "cost_analysis");
  ASSERT_EQ(cost_messages.size(), 1u) << logs.dump();
  EXPECT_NE(cost_messages[0].find("not enabled for cost explorer"), std::string::npos);
  EXPECT_TRUE(Messages(logs, "Forecast unavailable").empty()) << "stopped before the forecast";
  EXPECT_EQ(logs["service_status"], "Fail");
  EXPECT_EQ(Messages(logs, "services_data").size(), 1u);
  EXPECT_EQ(logs["marketplace_status"], "Fail");
  // The other categories are unaffected.
  EXPECT_EQ(logs["account_status"], "Pass");
  EXPECT_EQ(document["account"]["account_id"], account);
  const bool recorded = std::any_of(
      collected.errors.begin(), collected.errors.end(),
      [](const auto& e) { return e.category == "cost" && e.code == "AccessDeniedException"; });
  EXPECT_TRUE(recorded);
}

}  // namespace
}  // namespace view360::testing
