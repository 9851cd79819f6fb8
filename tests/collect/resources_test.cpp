// The service_resources (§b.13), compute_optimizer (§b.14) and config_inventory (§b.9)
// categories against moto and the simulator, with the fixes of §g S4, S6 and S9.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "aws/session.h"
#include "collect_fixture.h"
#include "support/moto_server.h"

namespace view360::testing {
namespace {

using nlohmann::json;

const std::vector<std::string> kResourceMembers = {
    "service_name",  "resource_type",  "resource_id",
    "resource_name", "region",         "availability_zone",
    "state",         "instance_type",  "vpc_id",
    "engine",        "instance_class", "multi_az",
    "size_gb",       "volume_type",    "creation_date",
    "type",          "scheme",         "instance_count",
    "min_size",      "max_size",       "available_ip_count"};

const std::vector<std::string> kOptimizerMembers = {"account_id",
                                                    "resource_type",
                                                    "resource_arn",
                                                    "resource_name",
                                                    "finding",
                                                    "current_instance_type",
                                                    "current_memory_size",
                                                    "current_volume_type",
                                                    "current_volume_size",
                                                    "recommended_instance_type",
                                                    "recommended_memory_size",
                                                    "recommended_volume_type",
                                                    "recommended_volume_size",
                                                    "savings_opportunity_percentage",
                                                    "estimated_monthly_savings_usd",
                                                    "performance_risk",
                                                    "cpu_utilization_max",
                                                    "memory_utilization_avg",
                                                    "migration_effort"};

std::vector<std::string> Keys(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : object.items()) keys.push_back(k);
  return keys;
}

// resource ids per service_name.
std::map<std::string, std::set<std::string>> IdsByService(const nlohmann::ordered_json& section) {
  std::map<std::string, std::set<std::string>> ids;
  for (const auto& e : section)
    ids[e["service_name"].get<std::string>()].insert(e["resource_id"].get<std::string>());
  return ids;
}

const nlohmann::ordered_json* Find(const nlohmann::ordered_json& section,
                                   const std::string& service, const std::string& id) {
  for (const auto& e : section) {
    if (e["service_name"] == service && e["resource_id"] == id) return &e;
  }
  return nullptr;
}

std::set<std::string> Strings(const json& list, const std::string& key = "") {
  std::set<std::string> out;
  for (const auto& item : list) {
    out.insert(key.empty() ? item.get<std::string>() : item[key].get<std::string>());
  }
  return out;
}

// ---- service_resources against moto -------------------------------------------------------------

class ServiceResourcesMoto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ResetMoto();
    world_ = new json(MotoSetup("resources.world"));
  }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }
  static const json& world() { return *world_; }

 private:
  static json* world_;
};
json* ServiceResourcesMoto::world_ = nullptr;

TEST_F(ServiceResourcesMoto, EveryKindWithItsTwentyOneMembersInOrder) {
  auto clients = MotoClients();
  const CategoryRun run = RunCategory("service_resources", TargetFor(kMotoAccount),
                                      DailyWindow("2025-09-15"), *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  EXPECT_EQ(run.logs["service_resources_status"], "Pass");
  ASSERT_TRUE(run.section.is_array());

  for (const auto& element : run.section) {
    EXPECT_EQ(Keys(element), kResourceMembers) << element.dump();
  }
  // Every resource moto holds, of every kind, and nothing else.
  const auto ids = IdsByService(run.section);
  for (const auto& [service, expected] : world()["ids"].items()) {
    EXPECT_EQ(ids.count(service) ? ids.at(service) : std::set<std::string>{}, Strings(expected))
        << service;
  }
  EXPECT_EQ(ids.size(), world()["ids"].size());
  // What was created, member by member.
  for (const auto& expected : world()["expected"]) {
    const auto* element = Find(run.section, expected["service_name"].get<std::string>(),
                               expected["resource_id"].get<std::string>());
    ASSERT_NE(element, nullptr) << expected.dump();
    EXPECT_EQ(json(*element), expected)
        << "ours:     " << element->dump() << "\nexpected: " << expected.dump();
  }
  // Lambda's size_gb stays a fraction (MemorySize / 1024, §b.13), written as Python would.
  EXPECT_NE(run.collected.body.find("\"size_gb\": 0.125"), std::string::npos);
  EXPECT_NE(run.collected.body.find("\"size_gb\": 1.5"), std::string::npos);
}

TEST_F(ServiceResourcesMoto, BucketsAreListedOnlyInTheHomeRegionDocumentWithTheirOwnRegion) {
  auto clients = MotoClients();
  collect::Target west = TargetFor(kMotoAccount, "eu-west-1");
  west.home_region = false;
  west.home = "us-east-1";
  const CategoryRun run =
      RunCategory("service_resources", west, DailyWindow("2025-09-15"), *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  const auto ids = IdsByService(run.section);
  EXPECT_EQ(ids.count("S3"), 0u) << "buckets are account-wide: the home region's document has them";
  EXPECT_EQ(ids.count("EC2"), 0u) << "nothing was created in eu-west-1";
  ASSERT_EQ(ids.count("VPC"), 1u);
  EXPECT_EQ(ids.at("VPC"), Strings(world()["west_subnets"]));
  for (const auto& element : run.section) EXPECT_EQ(element["region"], "eu-west-1");

  // The same region as the home region: both buckets, each in its own region.
  const CategoryRun home = RunCategory("service_resources", TargetFor(kMotoAccount, "eu-west-1"),
                                       DailyWindow("2025-09-15"), *clients);
  const auto* east = Find(home.section, "S3", "res-east-bucket");
  const auto* west_bucket = Find(home.section, "S3", "res-west-bucket");
  ASSERT_NE(east, nullptr);
  ASSERT_NE(west_bucket, nullptr);
  EXPECT_EQ((*east)["region"], "us-east-1");
  EXPECT_EQ((*west_bucket)["region"], "eu-west-1");
}

// ---- service_resources against the simulator -----------------------------------------------

// The account (1..6) with the most EC2 instances in us-east-1, so pages are many.
int BusiestAccount(SimFixture& sim) {
  int best = 1;
  size_t most = 0;
  for (int i = 1; i <= 6; ++i) {
    auto truth = sim.simulator().Truth("ec2", "DescribeInstances", json::object(), sim.AccountId(i),
                                       "us-east-1");
    if (!truth.ok()) continue;
    size_t n = 0;
    for (const auto& r : (*truth)["Reservations"]) n += r["Instances"].size();
    if (n > most) {
      most = n;
      best = i;
    }
  }
  return best;
}

struct Listing {
  std::string service_name, service, operation, list_key, id_key;
};

const std::vector<Listing> kListings = {
    {"RDS", "rds", "DescribeDBInstances", "DBInstances", "DBInstanceIdentifier"},
    {"EBS", "ec2", "DescribeVolumes", "Volumes", "VolumeId"},
    {"S3", "s3", "ListBuckets", "Buckets", "Name"},
    {"ELB", "elbv2", "DescribeLoadBalancers", "LoadBalancers", "LoadBalancerName"},
    {"AutoScaling", "autoscaling", "DescribeAutoScalingGroups", "AutoScalingGroups",
     "AutoScalingGroupName"},
    {"VPC", "ec2", "DescribeSubnets", "Subnets", "SubnetId"},
    {"Lambda", "lambda", "ListFunctions", "Functions", "FunctionArn"},
};

std::map<std::string, std::set<std::string>> TruthIds(SimFixture& sim, int account,
                                                      const std::string& region) {
  std::map<std::string, std::set<std::string>> ids;
  auto instances = sim.simulator().Truth("ec2", "DescribeInstances", json::object(),
                                         sim.AccountId(account), region);
  EXPECT_TRUE(instances.ok()) << instances.status().message();
  for (const auto& r : (*instances)["Reservations"]) {
    for (const auto& i : r["Instances"]) ids["EC2"].insert(i["InstanceId"].get<std::string>());
  }
  for (const auto& l : kListings) {
    auto truth = sim.simulator().Truth(l.service, l.operation, json::object(),
                                       sim.AccountId(account), region);
    EXPECT_TRUE(truth.ok()) << l.operation << ": " << truth.status().message();
    for (const auto& item : (*truth)[l.list_key]) {
      ids[l.service_name].insert(item[l.id_key].get<std::string>());
    }
  }
  for (auto it = ids.begin(); it != ids.end();) it = it->second.empty() ? ids.erase(it) : ++it;
  return ids;
}

TEST(ServiceResourcesSimulator, EveryPageOfEveryKindMatchesTheTruth) {
  SimFixture sim(SmallScenario());
  const int account = BusiestAccount(sim);
  auto clients = sim.Clients(account);
  const CategoryRun run = RunCategory("service_resources", TargetFor(sim.AccountId(account)),
                                      DailyWindow("2025-09-20"), *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();

  const auto truth = TruthIds(sim, account, "us-east-1");
  EXPECT_EQ(IdsByService(run.section), truth);
  ASSERT_GT(truth.at("EC2").size(), 5u) << "the simulator's pages hold 5: several pages";
  EXPECT_GT(run.collected.calls.at("ec2:DescribeInstances"), 1);
  size_t total = 0;
  for (const auto& [service, ids] : truth) total += ids.size();
  EXPECT_EQ(run.section.size(), total) << "no element twice";

  // Buckets carry ListBuckets' BucketRegion, not the document's region.
  auto buckets = sim.simulator().Truth("s3", "ListBuckets", json::object(), sim.AccountId(account),
                                       "us-east-1");
  ASSERT_TRUE(buckets.ok());
  for (const auto& bucket : (*buckets)["Buckets"]) {
    const auto* element = Find(run.section, "S3", bucket["Name"].get<std::string>());
    ASSERT_NE(element, nullptr);
    EXPECT_EQ((*element)["region"], bucket["BucketRegion"]);
    EXPECT_TRUE((*element)["creation_date"].get<std::string>().ends_with("+00:00"));
  }
  EXPECT_EQ(run.collected.calls.count("s3:GetBucketLocation"), 0u)
      << "BucketRegion makes a location call per bucket unnecessary";
  for (const auto& element : run.section) EXPECT_EQ(Keys(element), kResourceMembers);
}

// Answers every request signed for `service` with AWS's AccessDenied, as an IAM policy without
// that service's grants would; the rest goes to the simulator.
class DenyService : public aws::Transport {
 public:
  DenyService(aws::Transport& next, std::string service)
      : next_(next), scope_("/" + std::move(service) + "/aws4_request") {}
  Result<aws::HttpResponse> Send(const aws::HttpRequest& request) override {
    const auto auth = aws::FindHeader(request.headers, "Authorization");
    if (!auth || auth->find(scope_) == std::string::npos) return next_.Send(request);
    aws::HttpResponse denied;
    denied.status = 403;
    denied.headers = {{"Content-Type", "text/xml"}};
    denied.body =
        "<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><Error><Type>Sender"
        "</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: "
        "rds:DescribeDBInstances</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";
    return denied;
  }

 private:
  aws::Transport& next_;
  std::string scope_;
};

TEST(ServiceResourcesSimulator, ADeniedFetcherFailsTheCategoryButKeepsTheOtherKinds) {
  SimFixture sim(SmallScenario());
  const int account = BusiestAccount(sim);
  const aws::Credentials root =
      sim.simulator().authenticator().RootCredentials(sim.simulator().world().AccountAt(account));
  aws::SessionOptions options;
  options.region = "us-east-1";
  options.endpoint_url = sim.endpoint();
  options.access_key_id = root.access_key_id;
  options.secret_access_key = root.secret_access_key;
  options.rate_limit = false;
  auto session = aws::AwsSession::Create(options);
  ASSERT_TRUE(session.ok()) << session.status().message();
  DenyService deny((*session)->transport(), "rds");
  collect::AccountClients clients([&](const std::string& region) {
    aws::AwsClient::Dependencies deps;
    deps.transport = &deny;
    deps.credentials = &(*session)->credentials();
    aws::ClientOptions client_options;
    client_options.region = region;
    client_options.endpoint_url = sim.endpoint();
    return std::make_unique<aws::AwsClient>(deps, client_options);
  });

  const CategoryRun run = RunCategory("service_resources", TargetFor(sim.AccountId(account)),
                                      DailyWindow("2025-09-20"), clients);
  EXPECT_EQ(run.status, "Fail");
  EXPECT_EQ(run.logs["service_resources_status"], "Fail");
  ASSERT_EQ(run.logs["message"].size(), 1u) << run.logs.dump();
  const std::string message = run.logs["message"][0]["service_resources"];
  EXPECT_NE(message.find("AccessDenied"), std::string::npos) << message;
  EXPECT_NE(message.find("DescribeDBInstances"), std::string::npos) << message;

  auto truth = TruthIds(sim, account, "us-east-1");
  ASSERT_TRUE(truth.count("RDS")) << "the account must have databases for this test to mean much";
  truth.erase("RDS");
  EXPECT_EQ(IdsByService(run.section), truth) << "the other seven kinds are all there";
}

// ---- compute_optimizer against the simulator -----------------------------------------------

const json& FirstOf(const json& r, const std::string& key) {
  static const json kNull;
  return r.contains(key) && !r[key].empty() ? r[key][0] : kNull;
}

json Metric(const json& r, const std::string& name, const std::string& statistic) {
  for (const auto& m : r.value("utilizationMetrics", json::array())) {
    if (m["name"] == name && m["statistic"] == statistic) return m["value"];
  }
  return nullptr;
}

json SavingsPercent(const json& option) {
  return option.is_null() ? json() : option["savingsOpportunity"]["savingsOpportunityPercentage"];
}
json SavingsUsd(const json& option) {
  return option.is_null() ? json()
                          : option["savingsOpportunity"]["estimatedMonthlySavings"]["value"];
}

TEST(ComputeOptimizerSimulator, EveryRecommendationWithTheTruthsValues) {
  sim::Scenario scenario = SmallScenario();
  SimFixture sim(scenario);
  // The opted-in member with the most EC2 recommendations in us-east-1.
  int account = -1;
  size_t most = 0;
  for (int i = 1; i <= 6; ++i) {
    auto truth = sim.simulator().Truth("compute-optimizer", "GetEC2InstanceRecommendations",
                                       json::object(), sim.AccountId(i), "us-east-1");
    if (truth.ok() && (*truth)["instanceRecommendations"].size() >= most) {
      most = (*truth)["instanceRecommendations"].size();
      account = i;
    }
  }
  ASSERT_GT(account, 0);
  ASSERT_GT(most, 0u);
  const std::string id = sim.AccountId(account);
  auto clients = sim.Clients(account);
  const CategoryRun run =
      RunCategory("compute_optimizer", TargetFor(id), DailyWindow("2025-09-20"), *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();

  const auto truth = [&](const std::string& operation) {
    auto t = sim.simulator().Truth("compute-optimizer", operation, json::object(), id, "us-east-1");
    EXPECT_TRUE(t.ok()) << t.status().message();
    return *t;
  };
  std::map<std::string, json> expected;  // By ARN.
  bool some_cpu = false;
  const json ec2 = truth("GetEC2InstanceRecommendations");
  for (const auto& r : ec2["instanceRecommendations"]) {
    const json& o = FirstOf(r, "recommendationOptions");
    const json cpu = Metric(r, "Cpu", "Maximum");
    some_cpu = some_cpu || (cpu.is_number() && cpu.get<double>() > 0);
    expected[r["instanceArn"]] = {{"account_id", id},
                                  {"resource_type", "EC2"},
                                  {"resource_arn", r["instanceArn"]},
                                  {"resource_name", r["instanceName"]},
                                  {"finding", r["finding"]},
                                  {"current_instance_type", r["currentInstanceType"]},
                                  {"current_memory_size", nullptr},
                                  {"current_volume_type", nullptr},
                                  {"current_volume_size", nullptr},
                                  {"recommended_instance_type", o["instanceType"]},
                                  {"recommended_memory_size", nullptr},
                                  {"recommended_volume_type", nullptr},
                                  {"recommended_volume_size", nullptr},
                                  {"savings_opportunity_percentage", SavingsPercent(o)},
                                  {"estimated_monthly_savings_usd", SavingsUsd(o)},
                                  {"performance_risk", o["performanceRisk"]},
                                  {"cpu_utilization_max", cpu},
                                  {"memory_utilization_avg", Metric(r, "Memory", "Average")},
                                  {"migration_effort", o["migrationEffort"]}};
  }
  EXPECT_TRUE(some_cpu) << "cpu_utilization_max is the Cpu/Maximum value, not the original's 0";
  const json ebs = truth("GetEBSVolumeRecommendations");
  for (const auto& r : ebs["volumeRecommendations"]) {
    const json& o = FirstOf(r, "volumeRecommendationOptions");
    expected[r["volumeArn"]] = {{"account_id", id},
                                {"resource_type", "EBS"},
                                {"resource_arn", r["volumeArn"]},
                                {"resource_name", nullptr},
                                {"finding", r["finding"]},
                                {"current_instance_type", nullptr},
                                {"current_memory_size", nullptr},
                                {"current_volume_type", r["currentConfiguration"]["volumeType"]},
                                {"current_volume_size", r["currentConfiguration"]["volumeSize"]},
                                {"recommended_instance_type", nullptr},
                                {"recommended_memory_size", nullptr},
                                {"recommended_volume_type", o["configuration"]["volumeType"]},
                                {"recommended_volume_size", o["configuration"]["volumeSize"]},
                                {"savings_opportunity_percentage", SavingsPercent(o)},
                                {"estimated_monthly_savings_usd", SavingsUsd(o)},
                                {"performance_risk", o["performanceRisk"]},
                                {"cpu_utilization_max", nullptr},
                                {"memory_utilization_avg", nullptr},
                                {"migration_effort", nullptr}};
  }
  const json lambdas = truth("GetLambdaFunctionRecommendations")["lambdaFunctionRecommendations"];
  for (const auto& r : lambdas) {
    const json& o = FirstOf(r, "memorySizeRecommendationOptions");
    const std::string arn = r["functionArn"];
    // arn:aws:lambda:region:account:function:NAME:$LATEST
    const size_t name_at = arn.find(":function:") + 10;
    expected[arn] = {{"account_id", id},
                     {"resource_type", "Lambda"},
                     {"resource_arn", arn},
                     {"resource_name", arn.substr(name_at, arn.find(':', name_at) - name_at)},
                     {"finding", r["finding"]},
                     {"current_instance_type", nullptr},
                     {"current_memory_size", r["currentMemorySize"]},
                     {"current_volume_type", nullptr},
                     {"current_volume_size", nullptr},
                     {"recommended_instance_type", nullptr},
                     {"recommended_memory_size", o.is_null() ? json() : o["memorySize"]},
                     {"recommended_volume_type", nullptr},
                     {"recommended_volume_size", nullptr},
                     {"savings_opportunity_percentage", SavingsPercent(o)},
                     {"estimated_monthly_savings_usd", SavingsUsd(o)},
                     {"performance_risk", nullptr},
                     {"cpu_utilization_max", nullptr},
                     {"memory_utilization_avg", nullptr},
                     {"migration_effort", nullptr}};
  }
  if (lambdas.size() > 5) {
    EXPECT_GT(run.collected.calls.at("compute-optimizer:GetLambdaFunctionRecommendations"), 1);
  }

  ASSERT_EQ(run.section.size(), expected.size());
  for (const auto& element : run.section) {
    EXPECT_EQ(Keys(element), kOptimizerMembers);
    const std::string arn = element["resource_arn"];
    ASSERT_TRUE(expected.count(arn)) << arn;
    EXPECT_EQ(json(element), expected[arn])
        << "ours:     " << element.dump() << "\nexpected: " << expected[arn].dump();
  }
}

TEST(ComputeOptimizerSimulator, AnAccountNotOptedInFailsEachListingAndWritesAnEmptyArray) {
  sim::Scenario scenario = SmallScenario();
  scenario.accounts = 40;
  SimFixture sim(scenario);
  int account = -1;
  for (int i = 1; i <= 40 && account < 0; ++i) {
    auto truth = sim.simulator().Truth("compute-optimizer", "GetEC2InstanceRecommendations",
                                       json::object(), sim.AccountId(i), "us-east-1");
    if (!truth.ok() && truth.status().reason() == "OptInRequiredException") account = i;
  }
  ASSERT_GT(account, 0) << "about 15% of the simulator's members are not opted in";
  auto clients = sim.Clients(account);
  const CategoryRun run = RunCategory("compute_optimizer", TargetFor(sim.AccountId(account)),
                                      DailyWindow("2025-09-20"), *clients);
  EXPECT_EQ(run.status, "Fail");
  EXPECT_EQ(run.logs["compute_optimizer_status"], "Fail");
  EXPECT_EQ(run.section, nlohmann::ordered_json::array());
  ASSERT_EQ(run.logs["message"].size(), 3u) << run.logs.dump();
  for (const auto& message : run.logs["message"]) {
    EXPECT_NE(message["compute_optimizer"].get<std::string>().find("OptInRequiredException"),
              std::string::npos);
  }
}

// ---- config_inventory ------------------------------------------------------------------------

TEST(ConfigInventory, IsAnEmptyArrayThatPassesWithoutCallingAws) {
  SimFixture sim(SmallScenario());
  auto clients = sim.Clients(1);
  const CategoryRun run = RunCategory("config_inventory", TargetFor(sim.AccountId(1)),
                                      DailyWindow("2025-09-20"), *clients);
  EXPECT_EQ(run.status, "Pass");
  EXPECT_EQ(run.logs["config_inventory_status"], "Pass");
  EXPECT_EQ(run.section, nlohmann::ordered_json::array());
  EXPECT_TRUE(run.collected.calls.empty());
  EXPECT_EQ(run.logs["message"].size(), 0u);
}

}  // namespace
}  // namespace view360::testing
