// The cost group's handlers (Cost Explorer, Savings Plans, EC2/RDS reservations) called directly:
// sums that must agree across granularities, groups and accounts, filters, determinism, the
// forecast's validation, and reservation utilisation.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "sim/handler.h"
#include "sim/recorder.h"
#include "sim/world.h"

namespace view360::sim {
namespace {

using nlohmann::json;
using Units = __int128;

// An amount string as Cost Explorer prints it, exactly, in 1e-10 units.
Units Exact(const std::string& text) {
  Units whole = 0, fraction = 0;
  int decimals = 0;
  bool after_point = false, negative = false;
  for (char c : text) {
    if (c == '-')
      negative = true;
    else if (c == '.')
      after_point = true;
    else if (after_point)
      fraction = fraction * 10 + (c - '0'), ++decimals;
    else
      whole = whole * 10 + (c - '0');
  }
  EXPECT_LE(decimals, 10) << text;
  for (; decimals < 10; ++decimals) fraction *= 10;
  const Units value = whole * 10'000'000'000LL + fraction;
  return negative ? -value : value;
}

class CostTest : public ::testing::Test {
 protected:
  static Scenario MakeScenario(int accounts) {
    Scenario scenario;
    scenario.seed = 42;
    scenario.accounts = accounts;
    scenario.today = "2025-09-20";
    return scenario;
  }

  CostTest() : world_(MakeScenario(30)) {}

  Reply Call(const World& world, int account_index, const std::string& service,
             const std::string& operation, const json& params,
             const std::string& region = "us-east-1") {
    const Account account = world.AccountAt(account_index);
    const Handler* handler = AllHandlers().Find(service, operation);
    EXPECT_NE(handler, nullptr) << service << ":" << operation;
    ApiCall call{world,      account, region,    service,
                 operation,  params,  recorder_, "arn:aws:iam::" + account.id + ":root",
                 account.id, nullptr};
    return (*handler)(call);
  }
  Reply Ce(int account_index, const std::string& operation, const json& params) {
    return Call(world_, account_index, "ce", operation, params);
  }

  static json Usage(const std::string& start, const std::string& end,
                    const std::string& granularity, json extra = json::object()) {
    json params = {{"TimePeriod", {{"Start", start}, {"End", end}}},
                   {"Granularity", granularity},
                   {"Metrics", {"UnblendedCost"}}};
    params.update(extra);
    return params;
  }

  // Sum of UnblendedCost over every period's Total (or, when grouped, every group).
  static Units SumOf(const Reply& reply, const std::string& metric = "UnblendedCost") {
    EXPECT_TRUE(reply.ok()) << reply.error_code << ": " << reply.error_message;
    Units sum = 0;
    for (const auto& result : reply.output["ResultsByTime"]) {
      if (result["Groups"].empty() && result["Total"].contains(metric)) {
        sum += Exact(result["Total"][metric]["Amount"]);
      }
      for (const auto& group : result["Groups"]) sum += Exact(group["Metrics"][metric]["Amount"]);
    }
    return sum;
  }

  // A member account holding EC2 reservations in its home region in `state` (any state when
  // empty), and all its reservations there.
  std::pair<int, json> AccountWithReservedInstances(const std::string& state) {
    for (int i = 1; i <= world_.member_count(); ++i) {
      const Account account = world_.AccountAt(i);
      const Reply reply = Call(world_, i, "ec2", "DescribeReservedInstances", json::object(),
                               account.regions.front());
      for (const auto& ri : reply.output["ReservedInstances"]) {
        if (state.empty() || ri["State"] == state) return {i, reply.output["ReservedInstances"]};
      }
    }
    ADD_FAILURE() << "no account holds " << state << " EC2 reservations";
    return {0, json::array()};
  }

  World world_;
  Recorder recorder_;
};

// ---- GetCostAndUsage ----------------------------------------------------------------------------

TEST_F(CostTest, MonthlyTotalsEqualTheSumOfDailyTotals) {
  const Reply daily = Ce(0, "GetCostAndUsage", Usage("2025-06-14", "2025-09-20", "DAILY"));
  const Reply monthly = Ce(0, "GetCostAndUsage", Usage("2025-06-14", "2025-09-20", "MONTHLY"));
  ASSERT_EQ(daily.output["ResultsByTime"].size(), 98u);
  ASSERT_EQ(monthly.output["ResultsByTime"].size(), 4u);  // Jun (part), Jul, Aug, Sep (part).
  EXPECT_EQ(monthly.output["ResultsByTime"][0]["TimePeriod"],
            json({{"Start", "2025-06-14"}, {"End", "2025-07-01"}}));
  EXPECT_GT(SumOf(daily), 0);
  EXPECT_TRUE(SumOf(daily) == SumOf(monthly));
  // Month by month too: August = the sum of its 31 days.
  Units august = 0;
  for (const auto& day : daily.output["ResultsByTime"]) {
    if (day["TimePeriod"]["Start"].get<std::string>().starts_with("2025-08")) {
      august += Exact(day["Total"]["UnblendedCost"]["Amount"]);
    }
  }
  EXPECT_TRUE(august ==
              Exact(monthly.output["ResultsByTime"][2]["Total"]["UnblendedCost"]["Amount"]));
}

TEST_F(CostTest, GroupsAddUpToTheTotalForEveryGrouping) {
  const json span = Usage("2025-08-01", "2025-09-20", "MONTHLY");
  const Units total = SumOf(Ce(0, "GetCostAndUsage", span));
  for (const json& group_by :
       {json{{{"Type", "DIMENSION"}, {"Key", "SERVICE"}}},
        json{{{"Type", "DIMENSION"}, {"Key", "LINKED_ACCOUNT"}},
             {{"Type", "DIMENSION"}, {"Key", "SERVICE"}}},
        json{{{"Type", "DIMENSION"}, {"Key", "REGION"}}, {{"Type", "TAG"}, {"Key", "Environment"}}},
        json{{{"Type", "DIMENSION"}, {"Key", "USAGE_TYPE"}},
             {{"Type", "DIMENSION"}, {"Key", "RECORD_TYPE"}}}}) {
    json params = span;
    params["GroupBy"] = group_by;
    const Reply grouped = Ce(0, "GetCostAndUsage", params);
    EXPECT_TRUE(SumOf(grouped) == total) << group_by.dump();
    EXPECT_EQ(grouped.output["GroupDefinitions"], group_by);
    EXPECT_TRUE(grouped.output["ResultsByTime"][0]["Total"].empty());
  }
}

TEST_F(CostTest, ServiceGroupsAreRealisticCostExplorerNames) {
  json params = Usage("2025-09-01", "2025-09-20", "MONTHLY");
  params["GroupBy"] = {{{"Type", "DIMENSION"}, {"Key", "SERVICE"}}};
  const Reply reply = Ce(0, "GetCostAndUsage", params);
  std::set<std::string> services;
  for (const auto& group : reply.output["ResultsByTime"][0]["Groups"]) {
    services.insert(group["Keys"][0]);
    EXPECT_EQ(group["Metrics"]["UnblendedCost"]["Unit"], "USD");
  }
  EXPECT_GE(services.size(), 14u);
  for (const char* name : {"Amazon Elastic Compute Cloud - Compute", "EC2 - Other", "Tax",
                           "Amazon Simple Storage Service", "AWS Lambda", "Amazon CloudWatch"}) {
    EXPECT_TRUE(services.count(name)) << name;
  }
}

TEST_F(CostTest, ManagementSeesTheSumOfEveryAccountAndMembersOnlyTheirOwn) {
  const json span = Usage("2025-09-01", "2025-09-20", "DAILY");
  const Units organisation = SumOf(Ce(0, "GetCostAndUsage", span));
  Units accounts = 0;
  for (int i = 0; i <= world_.member_count(); ++i) {
    // The sender's own-account filter: a member sees the figure the management account sees.
    json filtered = span;
    filtered["Filter"] = {
        {"Dimensions", {{"Key", "LINKED_ACCOUNT"}, {"Values", {world_.AccountAt(i).id}}}}};
    const Units own = SumOf(Ce(i, "GetCostAndUsage", filtered));
    accounts += own;
    if (i > 0) {
      EXPECT_TRUE(SumOf(Ce(0, "GetCostAndUsage", filtered)) == own) << i;
      EXPECT_TRUE(SumOf(Ce(i, "GetCostAndUsage", span)) == own) << i;
    }
  }
  EXPECT_TRUE(organisation == accounts);

  json by_account = span;
  by_account["GroupBy"] = {{{"Type", "DIMENSION"}, {"Key", "LINKED_ACCOUNT"}}};
  const Reply member = Ce(3, "GetCostAndUsage", by_account);
  const std::string member_id = world_.AccountAt(3).id;
  for (const auto& result : member.output["ResultsByTime"]) {
    for (const auto& group : result["Groups"]) EXPECT_EQ(group["Keys"][0], member_id);
  }
  ASSERT_EQ(member.output["DimensionValueAttributes"].size(), 1u);
  EXPECT_EQ(member.output["DimensionValueAttributes"][0]["Attributes"]["description"],
            world_.AccountAt(3).name);
  // A member asking for another account's costs gets nothing.
  json other = span;
  other["Filter"] = {
      {"Dimensions", {{"Key", "LINKED_ACCOUNT"}, {"Values", {world_.AccountAt(4).id}}}}};
  EXPECT_TRUE(SumOf(Ce(3, "GetCostAndUsage", other)) == 0);
}

TEST_F(CostTest, FiltersSelectTheMatchingLinesOnly) {
  const json span = Usage("2025-09-01", "2025-09-20", "MONTHLY");
  const Units total = SumOf(Ce(0, "GetCostAndUsage", span));
  const json compute = {
      {"Dimensions", {{"Key", "SERVICE"}, {"Values", {"Amazon Elastic Compute Cloud - Compute"}}}}};
  json only = span;
  only["Filter"] = compute;
  only["GroupBy"] = {{{"Type", "DIMENSION"}, {"Key", "SERVICE"}}};
  const Reply filtered = Ce(0, "GetCostAndUsage", only);
  ASSERT_EQ(filtered.output["ResultsByTime"][0]["Groups"].size(), 1u);
  EXPECT_EQ(filtered.output["ResultsByTime"][0]["Groups"][0]["Keys"][0],
            "Amazon Elastic Compute Cloud - Compute");
  json rest = span;
  rest["Filter"] = {{"Not", compute}};
  EXPECT_TRUE(SumOf(filtered) + SumOf(Ce(0, "GetCostAndUsage", rest)) == total);
  EXPECT_GT(SumOf(filtered), 0);
  EXPECT_LT(SumOf(filtered), total);

  // And/Or, tags and match options.
  json prefix = span;
  prefix["Filter"] = {{"And",
                       {{{"Dimensions",
                          {{"Key", "USAGE_TYPE"},
                           {"Values", {"boxusage"}},
                           {"MatchOptions", {"CONTAINS", "CASE_INSENSITIVE"}}}}},
                        {{"Tags", {{"Key", "Environment"}, {"Values", {"production"}}}}}}}};
  EXPECT_GT(SumOf(Ce(0, "GetCostAndUsage", prefix)), 0);
  EXPECT_LT(SumOf(Ce(0, "GetCostAndUsage", prefix)), SumOf(filtered));
}

TEST_F(CostTest, UsageTypeWildcardOfTheConnectivityProbeMatchesEverything) {
  json probe = Usage("2025-08-21", "2025-09-20", "MONTHLY");
  probe["Filter"] = {{"Dimensions", {{"Key", "USAGE_TYPE"}, {"Values", {"*"}}}}};
  const Units everything =
      SumOf(Ce(0, "GetCostAndUsage", Usage("2025-08-21", "2025-09-20", "MONTHLY")));
  EXPECT_TRUE(SumOf(Ce(5, "GetCostAndUsage", probe)) > 0);
  EXPECT_TRUE(SumOf(Ce(0, "GetCostAndUsage", probe)) == everything);
}

TEST_F(CostTest, TodayAndLaterHaveNoCostYetAndAreEstimated) {
  const Reply reply = Ce(0, "GetCostAndUsage", Usage("2025-09-18", "2025-09-23", "DAILY"));
  const auto& days = reply.output["ResultsByTime"];
  ASSERT_EQ(days.size(), 5u);
  EXPECT_NE(days[1]["Total"]["UnblendedCost"]["Amount"], "0");  // 09-19: yesterday.
  for (size_t i = 2; i < 5; ++i) {
    EXPECT_EQ(days[i]["Total"]["UnblendedCost"]["Amount"], "0") << i;
    EXPECT_EQ(days[i]["Estimated"], true);
  }
  const Reply closed = Ce(0, "GetCostAndUsage", Usage("2025-07-01", "2025-08-01", "MONTHLY"));
  EXPECT_EQ(closed.output["ResultsByTime"][0]["Estimated"], false);
}

TEST_F(CostTest, CostsChangeFromDayToDayAndAreDeterministic) {
  const json span = Usage("2025-09-01", "2025-09-15", "DAILY");
  const Reply first = Ce(7, "GetCostAndUsage", span);
  World again(MakeScenario(30));
  const Reply second = Call(again, 7, "ce", "GetCostAndUsage", span);
  EXPECT_EQ(first.output, second.output);
  std::set<std::string> amounts;
  for (const auto& day : first.output["ResultsByTime"]) {
    amounts.insert(day["Total"]["UnblendedCost"]["Amount"]);
  }
  EXPECT_EQ(amounts.size(), 14u);
}

TEST_F(CostTest, AllMetricsCarryTheirUnits) {
  json params = Usage("2025-09-01", "2025-09-10", "MONTHLY");
  params["Metrics"] = {"UnblendedCost",        "BlendedCost",      "AmortizedCost",
                       "NetUnblendedCost",     "NetAmortizedCost", "UsageQuantity",
                       "NormalizedUsageAmount"};
  params["GroupBy"] = {{{"Type", "DIMENSION"}, {"Key", "USAGE_TYPE"}}};
  const Reply reply = Ce(1, "GetCostAndUsage", params);
  ASSERT_TRUE(reply.ok()) << reply.error_message;
  bool saw_hours = false;
  for (const auto& group : reply.output["ResultsByTime"][0]["Groups"]) {
    const auto& m = group["Metrics"];
    EXPECT_EQ(m["UnblendedCost"], m["BlendedCost"]);
    EXPECT_LE(Exact(m["NetUnblendedCost"]["Amount"]), Exact(m["UnblendedCost"]["Amount"]));
    if (group["Keys"][0].get<std::string>().find("BoxUsage") != std::string::npos) {
      EXPECT_EQ(m["UsageQuantity"]["Unit"], "Hrs");
      EXPECT_GT(Exact(m["NormalizedUsageAmount"]["Amount"]), 0);
      saw_hours = true;
    }
  }
  EXPECT_TRUE(saw_hours);
}

TEST_F(CostTest, InvalidRequestsAreValidationErrors) {
  const auto expect_error = [&](const json& params, const std::string& message) {
    const Reply reply = Ce(0, "GetCostAndUsage", params);
    EXPECT_EQ(reply.error_code, "ValidationException") << params.dump();
    EXPECT_EQ(reply.http_status, 400);
    EXPECT_NE(reply.error_message.find(message), std::string::npos) << reply.error_message;
  };
  expect_error(Usage("2025-09-10", "2025-09-10", "DAILY"),
               "Start date (and hour) should be before end date (and hour)");
  expect_error(Usage("2025-09-10", "2025-09-01", "DAILY"), "should be before end date");
  expect_error(Usage("2025-02-30", "2025-03-05", "DAILY"), "Start date is invalid");
  expect_error(Usage("2025-09-01", "2025-09-05", "HOURLY"), "Hourly");
  expect_error(Usage("2025-09-01", "2025-09-05", "WEEKLY"), "granularity");
  json three = Usage("2025-09-01", "2025-09-05", "DAILY");
  three["GroupBy"] = {{{"Type", "DIMENSION"}, {"Key", "SERVICE"}},
                      {{"Type", "DIMENSION"}, {"Key", "REGION"}},
                      {{"Type", "TAG"}, {"Key", "Environment"}}};
  expect_error(three, "up to two");
  json bad_filter = Usage("2025-09-01", "2025-09-05", "DAILY");
  bad_filter["Filter"] = {{"Dimensions", {{"Key", "SERVICE"}, {"Values", {"x"}}}},
                          {"Tags", {{"Key", "Environment"}, {"Values", {"x"}}}}};
  expect_error(bad_filter, "more than one root");
}

// Its speed is measured by bench/sim_bench.cpp, not here: a timed assertion fails on a loaded
// machine.
TEST_F(CostTest, WholeOrganisationOfTenThousandAccountsAnswers) {
  World large(MakeScenario(10000));
  const Reply reply =
      Call(large, 0, "ce", "GetCostAndUsage", Usage("2025-08-21", "2025-09-20", "MONTHLY"));
  EXPECT_GT(SumOf(reply), 0);
}

// ---- GetCostForecast ----------------------------------------------------------------------------

json Forecast(const std::string& start, const std::string& end, const std::string& granularity) {
  return {{"TimePeriod", {{"Start", start}, {"End", end}}},
          {"Metric", "UNBLENDED_COST"},
          {"Granularity", granularity}};
}

TEST_F(CostTest, ForecastRefusesAPastStartAndAnEmptyPeriod) {
  Reply past = Ce(1, "GetCostForecast", Forecast("2025-09-19", "2025-10-19", "MONTHLY"));
  EXPECT_EQ(past.error_code, "ValidationException");
  EXPECT_TRUE(past.error_message.starts_with("Start date must be")) << past.error_message;
  Reply empty = Ce(1, "GetCostForecast", Forecast("2025-09-20", "2025-09-20", "MONTHLY"));
  EXPECT_EQ(empty.error_code, "ValidationException");
  EXPECT_EQ(empty.error_message,
            "Requested Start: 2025-09-20 must be before requested End: "
            "2025-09-20");
}

TEST_F(CostTest, ForecastFollowsTheRecentTrendAndItsTotalAddsUp) {
  const int member = 2;
  const Reply forecast =
      Ce(member, "GetCostForecast", Forecast("2025-09-20", "2025-10-20", "MONTHLY"));
  ASSERT_TRUE(forecast.ok()) << forecast.error_message;
  const auto& periods = forecast.output["ForecastResultsByTime"];
  ASSERT_EQ(periods.size(), 2u);  // The rest of September, then October up to the 20th.
  Units sum = 0;
  for (const auto& p : periods) {
    const Units mean = Exact(p["MeanValue"]);
    sum += mean;
    EXPECT_LE(Exact(p["PredictionIntervalLowerBound"]), mean);
    EXPECT_GE(Exact(p["PredictionIntervalUpperBound"]), mean);
  }
  EXPECT_TRUE(sum == Exact(forecast.output["Total"]["Amount"]));
  EXPECT_EQ(forecast.output["Total"]["Unit"], "USD");
  // The next 30 days cost about what the last 30 did.
  const double past = static_cast<double>(
      SumOf(Ce(member, "GetCostAndUsage", Usage("2025-08-21", "2025-09-20", "MONTHLY"))));
  const double next = static_cast<double>(sum);
  EXPECT_GT(next, past * 0.8);
  EXPECT_LT(next, past * 1.25);
}

// ---- Reservations and Savings Plans -------------------------------------------------------------

TEST_F(CostTest, ReservedInstancesFilterByStateAndHaveDailyUtilisation) {
  const auto [index, all] = AccountWithReservedInstances("active");
  const Account account = world_.AccountAt(index);
  const json active_only = {{"Filters", {{{"Name", "state"}, {"Values", {"active"}}}}}};
  const Reply active =
      Call(world_, index, "ec2", "DescribeReservedInstances", active_only, account.regions.front());
  for (const auto& ri : active.output["ReservedInstances"]) EXPECT_EQ(ri["State"], "active");
  for (const auto& ri : all) {
    EXPECT_FALSE(ri["ReservedInstancesId"].get<std::string>().empty());
    EXPECT_GT(ri["InstanceCount"].get<int>(), 0);
    EXPECT_TRUE(ri["Duration"] == 31536000 || ri["Duration"] == 94608000);
  }
  ASSERT_FALSE(active.output["ReservedInstances"].empty());
  EXPECT_LE(active.output["ReservedInstances"].size(), all.size());

  const std::string id = active.output["ReservedInstances"][0]["ReservedInstancesId"];
  const json params = {
      {"TimePeriod", {{"Start", "2025-09-13"}, {"End", "2025-09-20"}}},
      {"Granularity", "DAILY"},
      {"Filter", {{"Dimensions", {{"Key", "SUBSCRIPTION_ID"}, {"Values", {id}}}}}}};
  const Reply utilisation = Ce(index, "GetReservationUtilization", params);
  ASSERT_TRUE(utilisation.ok()) << utilisation.error_message;
  const auto& days = utilisation.output["UtilizationsByTime"];
  EXPECT_GE(days.size(), 1u);
  EXPECT_LE(days.size(), 7u);
  Units on_demand = 0;
  for (const auto& day : days) {
    const double percent = std::stod(day["Total"]["UtilizationPercentage"].get<std::string>());
    EXPECT_GE(percent, 0);
    EXPECT_LE(percent, 100);
    on_demand += Exact(day["Total"]["OnDemandCostOfRIHoursUsed"]);
    EXPECT_TRUE(Exact(day["Total"]["NetRISavings"]) ==
                Exact(day["Total"]["OnDemandCostOfRIHoursUsed"]) -
                    Exact(day["Total"]["TotalAmortizedFee"]));
  }
  EXPECT_TRUE(on_demand == Exact(utilisation.output["Total"]["OnDemandCostOfRIHoursUsed"]));
  // The management account sees the member's reservation too.
  EXPECT_EQ(Ce(0, "GetReservationUtilization", params).output, utilisation.output);

  json unknown = params;
  unknown["Filter"]["Dimensions"]["Values"] = {"00000000-0000-0000-0000-000000000000"};
  EXPECT_EQ(Ce(index, "GetReservationUtilization", unknown).error_code, "DataUnavailableException");
  // Another member does not see it.
  EXPECT_EQ(Ce(index == 1 ? 2 : 1, "GetReservationUtilization", params).error_code,
            "DataUnavailableException");
}

TEST_F(CostTest, ReservationsHaveNoUtilisationOutsideTheirTerm) {
  const auto [index, all] = AccountWithReservedInstances("retired");
  for (const auto& ri : all) {
    const std::string end = ri["End"].get<std::string>().substr(0, 10);
    if (end > "2025-09-20") continue;  // Still running.
    const json after = {
        {"TimePeriod", {{"Start", "2025-09-19"}, {"End", "2025-09-20"}}},
        {"Granularity", "DAILY"},
        {"Filter",
         {{"Dimensions", {{"Key", "SUBSCRIPTION_ID"}, {"Values", {ri["ReservedInstancesId"]}}}}}}};
    EXPECT_EQ(ri["State"], "retired");
    EXPECT_EQ(Ce(index, "GetReservationUtilization", after).error_code, "DataUnavailableException");
    return;
  }
  FAIL() << "no retired reservation";
}

TEST_F(CostTest, UnknownReservedDbInstanceIsNotFound) {
  const Reply reply = Call(world_, 1, "rds", "DescribeReservedDBInstances",
                           {{"ReservedDBInstanceId", "ri-does-not-exist"}});
  EXPECT_EQ(reply.error_code, "ReservedDBInstanceNotFound");
  EXPECT_EQ(reply.http_status, 404);
}

TEST_F(CostTest, ListingsRefuseUnknownFiltersAndStatesAndAreEmptyInDisabledRegions) {
  const Reply filter = Call(world_, 0, "ec2", "DescribeReservedInstances",
                            {{"Filters", {{{"Name", "colour"}, {"Values", {"red"}}}}}});
  EXPECT_EQ(filter.error_code, "InvalidParameterValue");
  const Reply state =
      Call(world_, 0, "savingsplans", "DescribeSavingsPlans", {{"states", {"sleeping"}}});
  EXPECT_EQ(state.error_code, "ValidationException");
  for (int i = 1; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    for (const auto& region : world_.scenario().regions) {
      if (world_.RegionEnabled(account, region)) continue;
      const Reply reply =
          Call(world_, i, "ec2", "DescribeReservedInstances", json::object(), region);
      ASSERT_TRUE(reply.ok());
      EXPECT_TRUE(reply.output["ReservedInstances"].empty());
      return;
    }
  }
  FAIL() << "every account has every region enabled";
}

TEST_F(CostTest, SavingsPlansFilterByStateAndReportDailyUtilisation) {
  for (int i = 1; i <= world_.member_count(); ++i) {
    const Reply all = Call(world_, i, "savingsplans", "DescribeSavingsPlans", json::object());
    const Reply active =
        Call(world_, i, "savingsplans", "DescribeSavingsPlans", {{"states", {"active"}}});
    for (const auto& plan : active.output["savingsPlans"]) EXPECT_EQ(plan["state"], "active");
    if (active.output["savingsPlans"].empty()) continue;
    EXPECT_GE(all.output["savingsPlans"].size(), active.output["savingsPlans"].size());
    const auto& plan = active.output["savingsPlans"][0];
    EXPECT_TRUE(plan["start"].get<std::string>().ends_with(".000Z"));
    const json params = {
        {"TimePeriod", {{"Start", "2025-09-13"}, {"End", "2025-09-20"}}},
        {"Granularity", "DAILY"},
        {"Filter",
         {{"Dimensions", {{"Key", "SAVINGS_PLAN_ARN"}, {"Values", {plan["savingsPlanArn"]}}}}}}};
    const Reply utilisation = Ce(i, "GetSavingsPlansUtilization", params);
    ASSERT_TRUE(utilisation.ok()) << utilisation.error_message;
    Units used = 0;
    for (const auto& day : utilisation.output["SavingsPlansUtilizationsByTime"]) {
      used += Exact(day["Utilization"]["UsedCommitment"]);
      EXPECT_FALSE(day["Savings"]["OnDemandCostEquivalent"].get<std::string>().empty());
    }
    EXPECT_TRUE(used == Exact(utilisation.output["Total"]["Utilization"]["UsedCommitment"]));
    json unknown = params;
    unknown["Filter"]["Dimensions"]["Values"] = {"arn:aws:savingsplans::1:savingsplan/none"};
    EXPECT_EQ(Ce(i, "GetSavingsPlansUtilization", unknown).error_code, "DataUnavailableException");
    return;
  }
  FAIL() << "no account holds an active Savings Plan";
}

}  // namespace
}  // namespace view360::sim
