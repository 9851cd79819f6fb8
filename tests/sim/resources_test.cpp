// The resource group's generators and handlers (EC2, RDS, ELBv2, Auto Scaling, Lambda,
// CloudWatch GetMetricStatistics) called directly: the same resources across services, filters
// and ids honoured, errors AWS gives, churn from day to day, metrics consistent with the
// resources, and enough idle/stopped/unencrypted/public/untagged items for View360's analysis.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "aws/service_model.h"
#include "sim/handler.h"
#include "sim/recorder.h"
#include "sim/resources.h"
#include "sim/shape_check.h"
#include "sim/world.h"

namespace view360::sim {
namespace {

using nlohmann::json;

constexpr int kAccounts = 25;

class ResourcesTest : public ::testing::Test {
 protected:
  static Scenario MakeScenario() {
    Scenario scenario;
    scenario.seed = 42;
    scenario.accounts = kAccounts;
    scenario.today = "2025-09-20";
    return scenario;
  }

  ResourcesTest() : world_(MakeScenario()) {}

  // The account's home region: always enabled.
  std::string Home(int account_index) const {
    return world_.AccountAt(account_index).regions.front();
  }

  Reply Call(int account_index, const std::string& service, const std::string& operation,
             const json& params = json::object(), std::string region = "") {
    const Account account = world_.AccountAt(account_index);
    if (region.empty()) region = account.regions.front();
    const Handler* handler = AllHandlers().Find(service, operation);
    EXPECT_NE(handler, nullptr) << service << ":" << operation;
    if (handler == nullptr) return AwsError(500, "NoHandler", "");
    ApiCall call{world_,
                 account,
                 region,
                 service,
                 operation,
                 params,
                 recorder_,
                 "arn:aws:iam::" + account.id + ":root",
                 "AIDA" + account.id,
                 nullptr};
    Reply reply = (*handler)(call);
    if (reply.ok()) {
      auto model = aws::ServiceModel::Get(service);
      EXPECT_TRUE(model.ok());
      if (model.ok()) {
        EXPECT_EQ(UnknownMembers(**model, operation, reply.output), "")
            << service << ":" << operation;
      }
    }
    return reply;
  }

  json Ok(int account_index, const std::string& service, const std::string& operation,
          const json& params = json::object(), const std::string& region = "") {
    Reply reply = Call(account_index, service, operation, params, region);
    EXPECT_TRUE(reply.ok()) << reply.error_code << ": " << reply.error_message;
    return reply.output;
  }

  // Output member `key` of a successful call (a copy: safe to iterate).
  json Items(const std::string& key, int account_index, const std::string& service,
             const std::string& operation, const json& params = json::object(),
             const std::string& region = "") {
    return Ok(account_index, service, operation, params, region)[key];
  }

  // Every instance of DescribeInstances, flattened from its reservations.
  json Instances(int account_index, const json& params = json::object()) {
    json out = json::array();
    for (const auto& r : Items("Reservations", account_index, "ec2", "DescribeInstances", params)) {
      for (const auto& in : r["Instances"]) out.push_back(in);
    }
    return out;
  }

  // The first member account with a disabled region, and that region.
  std::pair<int, std::string> DisabledRegion() const {
    for (int i = 1; i <= kAccounts; ++i) {
      for (const auto& region : world_.scenario().regions) {
        if (!world_.RegionEnabled(world_.AccountAt(i), region)) return {i, region};
      }
    }
    ADD_FAILURE() << "every account has every region";
    return {1, ""};
  }

  json Statistics(int account_index, const std::string& name_space, const std::string& metric,
                  const json& dimensions, const std::string& start, const std::string& end,
                  int period, const std::string& region = "") {
    return Ok(account_index, "cloudwatch", "GetMetricStatistics",
              {{"Namespace", name_space},
               {"MetricName", metric},
               {"Dimensions", dimensions},
               {"StartTime", start},
               {"EndTime", end},
               {"Period", period},
               {"Statistics", {"Average", "Sum", "SampleCount", "Minimum", "Maximum"}}},
              region);
  }

  Day Today() const { return world_.today(); }

  World world_;
  Recorder recorder_;
};

// ---- EC2 ---------------------------------------------------------------------------------------

TEST_F(ResourcesTest, DescribeRegionsListsEnabledRegionsAndAllRegionsMarksTheOthers) {
  const auto [index, disabled] = DisabledRegion();
  const json enabled = Items("Regions", index, "ec2", "DescribeRegions");
  EXPECT_EQ(enabled.size(), world_.AccountAt(index).regions.size());
  for (const auto& r : enabled) {
    EXPECT_NE(r["RegionName"], disabled);
    EXPECT_EQ(r["Endpoint"], "ec2." + r["RegionName"].get<std::string>() + ".amazonaws.com");
    EXPECT_EQ(r["OptInStatus"], "opt-in-not-required");
  }
  const json all = Items("Regions", index, "ec2", "DescribeRegions", {{"AllRegions", true}});
  EXPECT_EQ(all.size(), world_.scenario().regions.size());
  int not_opted_in = 0;
  for (const auto& r : all) {
    if (r["OptInStatus"] == "not-opted-in") {
      ++not_opted_in;
      EXPECT_FALSE(
          world_.RegionEnabled(world_.AccountAt(index), r["RegionName"].get<std::string>()));
    }
  }
  EXPECT_GE(not_opted_in, 1);
}

TEST_F(ResourcesTest, DescribeInstancesMatchesTheSharedGenerator) {
  const Account account = world_.AccountAt(3);
  const auto expected = InstancesOn(world_, account, Home(3), Today());
  const json instances = Instances(3);
  std::set<std::string> ids;
  for (const auto& in : instances) {
    if (in["State"]["Name"] != "terminated") ids.insert(in["InstanceId"]);
    EXPECT_TRUE(in.contains("LaunchTime"));
    EXPECT_EQ(in["Placement"]["AvailabilityZone"].get<std::string>().substr(0, Home(3).size()),
              Home(3));
  }
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(ids.size(), expected.size());
  for (const auto& in : expected) EXPECT_TRUE(ids.contains(in.id)) << in.id;
}

TEST_F(ResourcesTest, DescribeInstancesHonoursStateAndTagFilters) {
  int stopped_seen = 0;
  for (int i = 1; i <= kAccounts; ++i) {
    const json stopped =
        Instances(i, {{"Filters", {{{"Name", "instance-state-name"}, {"Values", {"stopped"}}}}}});
    for (const auto& in : stopped) {
      EXPECT_EQ(in["State"]["Name"], "stopped");
      EXPECT_EQ(in["State"]["Code"], 80);
      EXPECT_FALSE(in.contains("PublicIpAddress"));
    }
    stopped_seen += static_cast<int>(stopped.size());
  }
  EXPECT_GT(stopped_seen, 0);

  const json all = Instances(2);
  ASSERT_FALSE(all.empty());
  std::string name;
  for (const auto& in : all) {
    for (const auto& tag : in.value("Tags", json::array())) {
      if (tag["Key"] == "Name") name = tag["Value"];
    }
  }
  ASSERT_FALSE(name.empty());
  const json named = Instances(2, {{"Filters", {{{"Name", "tag:Name"}, {"Values", {name}}}}}});
  ASSERT_GE(named.size(), 1u);
  EXPECT_LT(named.size(), all.size() + 1);
  const json wildcard = Instances(2, {{"Filters", {{{"Name", "tag:Name"}, {"Values", {"*"}}}}}});
  EXPECT_GE(wildcard.size(), named.size());
}

TEST_F(ResourcesTest, DescribeInstancesByIdAndUnknownIdIsNotFound) {
  const json all = Instances(4);
  ASSERT_FALSE(all.empty());
  const std::string id = all[0]["InstanceId"];
  const json one = Instances(4, {{"InstanceIds", {id}}});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0]["InstanceId"], id);

  const Reply missing =
      Call(4, "ec2", "DescribeInstances", {{"InstanceIds", {"i-0123456789abcdef0"}}});
  EXPECT_EQ(missing.error_code, "InvalidInstanceID.NotFound");
  EXPECT_EQ(missing.http_status, 400);
  EXPECT_NE(missing.error_message.find("i-0123456789abcdef0"), std::string::npos);

  const Reply bad_filter =
      Call(4, "ec2", "DescribeInstances", {{"Filters", {{{"Name", "nope"}, {"Values", {"x"}}}}}});
  EXPECT_EQ(bad_filter.error_code, "InvalidParameterValue");
}

TEST_F(ResourcesTest, DisabledRegionHasNoResources) {
  const auto [index, region] = DisabledRegion();
  EXPECT_TRUE(Items("Reservations", index, "ec2", "DescribeInstances", {}, region).empty());
  EXPECT_TRUE(Items("Volumes", index, "ec2", "DescribeVolumes", {}, region).empty());
  EXPECT_TRUE(Items("DBInstances", index, "rds", "DescribeDBInstances", {}, region).empty());
  EXPECT_TRUE(Items("Functions", index, "lambda", "ListFunctions", {}, region).empty());
}

TEST_F(ResourcesTest, SameSeedSameAnswerAndResourcesChurnOverTime) {
  EXPECT_EQ(Ok(5, "ec2", "DescribeVolumes"), Ok(5, "ec2", "DescribeVolumes"));
  int changed = 0;
  for (int i = 1; i <= kAccounts; ++i) {
    const Account account = world_.AccountAt(i);
    std::set<std::string> now, before;
    for (const auto& in : InstancesOn(world_, account, Home(i), Today())) now.insert(in.id);
    for (const auto& in : InstancesOn(world_, account, Home(i), Today() - 30)) before.insert(in.id);
    if (now != before) ++changed;
    for (const auto& in : InstancesOn(world_, account, Home(i), Today())) {
      EXPECT_GE(in.life.created, world_.first_day());
      EXPECT_LE(in.life.created, Today());
    }
  }
  EXPECT_GT(changed, kAccounts / 4);
}

TEST_F(ResourcesTest, VolumesAttachToListedInstancesAndFiltersHold) {
  for (int i = 1; i <= 6; ++i) {
    std::set<std::string> instance_ids;
    for (const auto& in : Instances(i)) instance_ids.insert(in["InstanceId"]);
    for (const auto& v : Items("Volumes", i, "ec2", "DescribeVolumes")) {
      if (v["State"] == "in-use") {
        ASSERT_EQ(v["Attachments"].size(), 1u);
        EXPECT_TRUE(instance_ids.contains(v["Attachments"][0]["InstanceId"]));
      } else {
        EXPECT_TRUE(v["Attachments"].empty());
      }
    }
    const json available = Ok(i, "ec2", "DescribeVolumes",
                              {{"Filters", {{{"Name", "status"}, {"Values", {"available"}}}}}});
    for (const auto& v : available["Volumes"]) {  // Bound first: a temporary's member dangles.
      EXPECT_EQ(v["State"], "available");
    }
  }
  const Reply missing =
      Call(1, "ec2", "DescribeVolumes", {{"VolumeIds", {"vol-00000000000000000"}}});
  EXPECT_EQ(missing.error_code, "InvalidVolume.NotFound");
}

TEST_F(ResourcesTest, SnapshotsAreOfOwnVolumesOnly) {
  int snapshots = 0;
  for (int i = 1; i <= 8; ++i) {
    std::set<std::string> volume_ids;
    for (const auto& v : Items("Volumes", i, "ec2", "DescribeVolumes"))
      volume_ids.insert(v["VolumeId"]);
    for (const auto& s :
         Items("Snapshots", i, "ec2", "DescribeSnapshots", {{"OwnerIds", {"self"}}})) {
      EXPECT_TRUE(volume_ids.contains(s["VolumeId"]));
      EXPECT_LE(*ParseDay(s["StartTime"].get<std::string>()), Today());
      ++snapshots;
    }
    EXPECT_TRUE(
        Items("Snapshots", i, "ec2", "DescribeSnapshots", {{"OwnerIds", {"amazon"}}}).empty());
  }
  EXPECT_GT(snapshots, 0);
}

TEST_F(ResourcesTest, SubnetsAreTheOnesInstancesUse) {
  std::set<std::string> subnet_ids;
  for (const auto& s : Items("Subnets", 6, "ec2", "DescribeSubnets"))
    subnet_ids.insert(s["SubnetId"]);
  for (const auto& in : Instances(6)) {
    if (in.contains("SubnetId")) {
      EXPECT_TRUE(subnet_ids.contains(in["SubnetId"]));
    }
  }
}

// ---- RDS, ELBv2, Auto Scaling, Lambda --------------------------------------------------------

TEST_F(ResourcesTest, RdsUnknownInstanceIsNotFoundAndClusterMembersAreListed) {
  const Reply missing =
      Call(1, "rds", "DescribeDBInstances", {{"DBInstanceIdentifier", "no-such-db"}});
  EXPECT_EQ(missing.error_code, "DBInstanceNotFound");
  EXPECT_EQ(missing.http_status, 404);
  const Reply missing_cluster =
      Call(1, "rds", "DescribeDBClusters", {{"DBClusterIdentifier", "no-such-cluster"}});
  EXPECT_EQ(missing_cluster.error_code, "DBClusterNotFoundFault");

  int clusters = 0;
  for (int i = 1; i <= kAccounts; ++i) {
    const json instances = Items("DBInstances", i, "rds", "DescribeDBInstances");
    for (const auto& c : Items("DBClusters", i, "rds", "DescribeDBClusters")) {
      ++clusters;
      for (const auto& member : c["DBClusterMembers"]) {
        const auto found = std::find_if(instances.begin(), instances.end(), [&](const json& d) {
          return d["DBInstanceIdentifier"] == member["DBInstanceIdentifier"];
        });
        ASSERT_NE(found, instances.end());
        EXPECT_EQ((*found)["DBClusterIdentifier"], c["DBClusterIdentifier"]);
      }
    }
    if (!instances.empty()) {
      const std::string id = instances[0]["DBInstanceIdentifier"];
      const json one =
          Items("DBInstances", i, "rds", "DescribeDBInstances", {{"DBInstanceIdentifier", id}});
      ASSERT_EQ(one.size(), 1u);
      EXPECT_EQ(one[0]["DBInstanceIdentifier"], id);
    }
  }
  EXPECT_GT(clusters, 0);
}

TEST_F(ResourcesTest, AutoScalingGroupsRunListedInstances) {
  int members = 0;
  for (int i = 1; i <= kAccounts; ++i) {
    std::set<std::string> instance_ids;
    for (const auto& in : Instances(i)) instance_ids.insert(in["InstanceId"]);
    for (const auto& g :
         Items("AutoScalingGroups", i, "autoscaling", "DescribeAutoScalingGroups")) {
      EXPECT_EQ(g["DesiredCapacity"], g["Instances"].size());
      for (const auto& in : g["Instances"]) {
        EXPECT_TRUE(instance_ids.contains(in["InstanceId"]));
        ++members;
      }
    }
  }
  EXPECT_GT(members, 0);
}

TEST_F(ResourcesTest, LoadBalancersByNameAndUnknownNameIsNotFound) {
  const Reply missing = Call(1, "elbv2", "DescribeLoadBalancers", {{"Names", {"no-such-lb"}}});
  EXPECT_EQ(missing.error_code, "LoadBalancerNotFound");
  for (int i = 1; i <= kAccounts; ++i) {
    const json all = Items("LoadBalancers", i, "elbv2", "DescribeLoadBalancers");
    if (all.empty()) continue;
    const std::string name = all[0]["LoadBalancerName"];
    const json one =
        Items("LoadBalancers", i, "elbv2", "DescribeLoadBalancers", {{"Names", {name}}});
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0]["LoadBalancerName"], name);
    return;
  }
  ADD_FAILURE() << "no load balancer anywhere";
}

TEST_F(ResourcesTest, LambdaLastModifiedIsLambdasStringForm) {
  const std::regex form(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000)");
  const json functions = Items("Functions", 1, "lambda", "ListFunctions");
  ASSERT_FALSE(functions.empty());
  for (const auto& f : functions) {
    EXPECT_TRUE(std::regex_match(f["LastModified"].get<std::string>(), form)) << f["LastModified"];
    EXPECT_LE(*ParseDay(f["LastModified"].get<std::string>()), Today());
  }
}

// ---- CloudWatch ---------------------------------------------------------------------------------

TEST_F(ResourcesTest, BucketSizeOnlyInTheBucketsRegionAndEqualToTheBucket) {
  bool checked = false;
  for (int i = 1; i <= kAccounts && !checked; ++i) {
    const Account account = world_.AccountAt(i);
    for (const auto& b : BucketsOn(world_, account, Today())) {
      if (b.object_count == 0) continue;
      const json dims = {{{"Name", "BucketName"}, {"Value", b.name}},
                         {{"Name", "StorageType"}, {"Value", "StandardStorage"}}};
      const std::string start = FormatDay(Today() - 1) + "T12:00:00Z";
      const std::string end = FormatDay(Today()) + "T12:00:00Z";
      const json here =
          Statistics(i, "AWS/S3", "BucketSizeBytes", dims, start, end, 86400, b.region);
      ASSERT_EQ(here["Datapoints"].size(), 1u) << b.name;
      EXPECT_DOUBLE_EQ(here["Datapoints"][0]["Average"].get<double>(), b.size_bytes);
      EXPECT_EQ(here["Datapoints"][0]["Unit"], "Bytes");
      EXPECT_EQ(here["Label"], "BucketSizeBytes");
      for (const auto& other : account.regions) {
        if (other == b.region) continue;
        EXPECT_TRUE(
            Statistics(i, "AWS/S3", "BucketSizeBytes", dims, start, end, 86400, other)["Datapoints"]
                .empty());
      }
      const json objects = Statistics(i, "AWS/S3", "NumberOfObjects",
                                      {{{"Name", "BucketName"}, {"Value", b.name}},
                                       {{"Name", "StorageType"}, {"Value", "AllStorageTypes"}}},
                                      start, end, 86400, b.region);
      ASSERT_EQ(objects["Datapoints"].size(), 1u);
      EXPECT_DOUBLE_EQ(objects["Datapoints"][0]["Average"].get<double>(),
                       static_cast<double>(b.object_count));
      checked = true;
      break;
    }
  }
  EXPECT_TRUE(checked);
}

TEST_F(ResourcesTest, LambdaInvocationsFollowTheFunctionAndPeriodsAddUp) {
  const Account account = world_.AccountAt(1);
  for (const auto& f : FunctionsOn(world_, account, Home(1), Today())) {
    if (f.invocations_per_day < 100 || f.life.created > Today() - 40) continue;
    const json dims = {{{"Name", "FunctionName"}, {"Value", f.name}}};
    const std::string start = FormatDay(Today() - 30);
    const std::string end = FormatDay(Today());
    const json month = Statistics(1, "AWS/Lambda", "Invocations", dims, start, end, 2592000);
    ASSERT_EQ(month["Datapoints"].size(), 1u);
    const double sum = month["Datapoints"][0]["Sum"];
    EXPECT_GT(sum, f.invocations_per_day * 30 * 0.5);
    EXPECT_LT(sum, f.invocations_per_day * 30 * 1.2);
    // Thirty daily datapoints add up to the month.
    const json days = Statistics(1, "AWS/Lambda", "Invocations", dims, start, end, 86400);
    ASSERT_EQ(days["Datapoints"].size(), 30u);
    double daily_sum = 0;
    for (const auto& point : days["Datapoints"]) daily_sum += point["Sum"].get<double>();
    EXPECT_DOUBLE_EQ(daily_sum, sum);
    const json errors = Statistics(1, "AWS/Lambda", "Errors", dims, start, end, 2592000);
    ASSERT_EQ(errors["Datapoints"].size(), 1u);
    EXPECT_LE(errors["Datapoints"][0]["Sum"].get<double>(), sum);
    return;
  }
  GTEST_SKIP() << "no busy, old function in account 1";
}

TEST_F(ResourcesTest, Ec2CpuFollowsTheInstanceAndStopsWithIt) {
  int idle = 0, stopped_checked = 0;
  for (int i = 1; i <= kAccounts; ++i) {
    for (const auto& in : InstancesOn(world_, world_.AccountAt(i), Home(i), Today())) {
      const json dims = {{{"Name", "InstanceId"}, {"Value", in.id}}};
      const json cpu = Statistics(i, "AWS/EC2", "CPUUtilization", dims, FormatDay(Today() - 1),
                                  FormatDay(Today() + 1), 86400);
      if (in.state == "stopped") {
        EXPECT_TRUE(cpu["Datapoints"].empty()) << in.id;
        ++stopped_checked;
        continue;
      }
      ASSERT_EQ(cpu["Datapoints"].size(), in.life.created < Today() ? 2u : 1u) << in.id;
      for (const auto& point : cpu["Datapoints"]) {
        EXPECT_NEAR(point["Average"].get<double>(), in.cpu_average, in.cpu_average * 0.21 + 0.06);
        EXPECT_EQ(point["SampleCount"], 288);
        EXPECT_LE(point["Minimum"].get<double>(), point["Average"].get<double>());
        EXPECT_GE(point["Maximum"].get<double>(), point["Average"].get<double>());
      }
      if (in.cpu_average < 5) ++idle;
    }
  }
  EXPECT_GT(idle, 0);
  EXPECT_GT(stopped_checked, 0);
}

TEST_F(ResourcesTest, TerminatedInstanceKeepsItsPastDatapoints) {
  for (int i = 1; i <= kAccounts; ++i) {
    const Account account = world_.AccountAt(i);
    for (const auto& gone : InstancesOn(world_, account, Home(i), Today() - 60)) {
      if (gone.life.deleted == 0) continue;
      // As seen on its last day: whether and when it stopped.
      Instance last_view = gone;
      for (const auto& in : InstancesOn(world_, account, Home(i), gone.life.deleted - 1)) {
        if (in.id == gone.id) last_view = in;
      }
      size_t expected = 0;
      for (Day d = Today() - 90; d < Today(); ++d) {
        const bool ran = last_view.life.ExistsOn(d) &&
                         (last_view.stopped_since == 0 || d < last_view.stopped_since);
        expected += ran;
      }
      if (expected == 0) continue;
      const json cpu =
          Statistics(i, "AWS/EC2", "CPUUtilization", {{{"Name", "InstanceId"}, {"Value", gone.id}}},
                     FormatDay(Today() - 90), FormatDay(Today()), 86400);
      EXPECT_EQ(cpu["Datapoints"].size(), expected) << gone.id;
      return;
    }
  }
  ADD_FAILURE() << "no instance terminated in the last 60 days";
}

TEST_F(ResourcesTest, HourlyPeriodsGiveOneDatapointPerHour) {
  const auto instances = InstancesOn(world_, world_.AccountAt(2), Home(2), Today());
  for (const auto& in : instances) {
    if (in.state != "running" || in.life.created > Today() - 2) continue;
    const json cpu =
        Statistics(2, "AWS/EC2", "CPUUtilization", {{{"Name", "InstanceId"}, {"Value", in.id}}},
                   FormatDay(Today() - 1), FormatDay(Today()), 3600);
    ASSERT_EQ(cpu["Datapoints"].size(), 24u);
    EXPECT_EQ(cpu["Datapoints"][0]["Timestamp"], FormatDay(Today() - 1) + "T00:00:00Z");
    EXPECT_EQ(cpu["Datapoints"][0]["SampleCount"], 12);
    return;
  }
  GTEST_SKIP() << "no running instance older than two days in account 2";
}

TEST_F(ResourcesTest, CustomNamespaceAnswersFromPutMetricData) {
  const Account account = world_.AccountAt(1);
  const json dims = {{{"Name", "Collector"}, {"Value", "cost"}}};
  for (int hour : {1, 2, 25}) {
    recorder_.AddMetricDatum({{"MetricName", "Duration"},
                              {"Value", 10.0 * hour},
                              {"Unit", "Seconds"},
                              {"Dimensions", dims},
                              {"Timestamp", FormatDay(Today() - 1) + "T00:00:00Z"},
                              {"namespace", "View360"},
                              {"account", account.id},
                              {"region", Home(1)}});
  }
  const json stats =
      Statistics(1, "View360", "Duration", dims, FormatDay(Today() - 2), FormatDay(Today()), 86400);
  ASSERT_EQ(stats["Datapoints"].size(), 1u);
  const json& point = stats["Datapoints"][0];
  EXPECT_DOUBLE_EQ(point["Sum"].get<double>(), 280.0);
  EXPECT_EQ(point["SampleCount"], 3);
  EXPECT_DOUBLE_EQ(point["Maximum"].get<double>(), 250.0);
  EXPECT_EQ(point["Unit"], "Seconds");
  // Other dimensions, and an unknown metric, have nothing.
  EXPECT_TRUE(Statistics(1, "View360", "Duration", json::array(), FormatDay(Today() - 2),
                         FormatDay(Today()), 86400)["Datapoints"]
                  .empty());
  const json unknown =
      Statistics(1, "View360", "Nope", dims, FormatDay(Today() - 2), FormatDay(Today()), 86400);
  EXPECT_TRUE(unknown["Datapoints"].empty());
  EXPECT_EQ(unknown["Label"], "Nope");
}

TEST_F(ResourcesTest, GetMetricStatisticsValidatesLikeCloudWatch) {
  json params = {{"Namespace", "AWS/EC2"},
                 {"MetricName", "CPUUtilization"},
                 {"StartTime", FormatDay(Today() - 1)},
                 {"EndTime", FormatDay(Today())},
                 {"Period", 61},
                 {"Statistics", {"Average"}}};
  EXPECT_EQ(Call(1, "cloudwatch", "GetMetricStatistics", params).error_code,
            "InvalidParameterValue");
  params["Period"] = 60;
  params["StartTime"] = FormatDay(Today() - 5);
  EXPECT_EQ(Call(1, "cloudwatch", "GetMetricStatistics", params).error_code,
            "InvalidParameterCombination");  // 7200 datapoints.
  params["Period"] = 3600;
  params.erase("Statistics");
  EXPECT_EQ(Call(1, "cloudwatch", "GetMetricStatistics", params).error_code,
            "InvalidParameterCombination");
  params["Statistics"] = {"Median"};
  EXPECT_EQ(Call(1, "cloudwatch", "GetMetricStatistics", params).error_code,
            "InvalidParameterValue");
  params.erase("Namespace");
  EXPECT_EQ(Call(1, "cloudwatch", "GetMetricStatistics", params).error_code, "MissingParameter");
}

// ---- What View360's analysis needs to find
// -------------------------------------------------------

TEST_F(ResourcesTest, TheOrganisationHasSomethingForEveryAnalysis) {
  int untagged = 0, department = 0, oversized = 0, unencrypted_volumes = 0, unattached = 0;
  int unencrypted_dbs = 0, public_buckets = 0, unencrypted_buckets = 0, stale = 0;
  int idle_functions = 0, windows = 0;
  for (int i = 1; i <= kAccounts; ++i) {
    const Account account = world_.AccountAt(i);
    for (const auto& region : account.regions) {
      for (const auto& in : InstancesOn(world_, account, region, Today())) {
        untagged += in.tags.empty();
        department += in.tags.contains("Department");
        oversized += in.type == "m5.2xlarge" || in.type == "m5.4xlarge";
        stale += in.state == "stopped" && in.launch_time < StartOf(Today() - 90);
        windows += in.platform == "windows";
      }
      for (const auto& v : VolumesOn(world_, account, region, Today())) {
        unencrypted_volumes += !v.encrypted;
        unattached += v.state == "available";
      }
      for (const auto& d : DbInstancesOn(world_, account, region, Today())) {
        unencrypted_dbs += !d.encrypted;
      }
      for (const auto& f : FunctionsOn(world_, account, region, Today())) {
        idle_functions += f.invocations_per_day == 0;
      }
    }
    for (const auto& b : BucketsOn(world_, account, Today())) {
      public_buckets += b.public_read;
      unencrypted_buckets += !b.encrypted;
    }
  }
  EXPECT_GT(untagged, 0);
  EXPECT_GT(department, 0);
  EXPECT_GT(oversized, 0);
  EXPECT_GT(unencrypted_volumes, 0);
  EXPECT_GT(unattached, 0);
  EXPECT_GT(unencrypted_dbs, 0);
  EXPECT_GT(public_buckets, 0);
  EXPECT_GT(unencrypted_buckets, 0);
  EXPECT_GT(stale, 0);
  EXPECT_GT(idle_functions, 0);
  EXPECT_GT(windows, 0);
}

}  // namespace
}  // namespace view360::sim
