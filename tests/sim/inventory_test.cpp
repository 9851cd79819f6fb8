// The inventory group's handlers (S3 bucket metadata, SSM, Compute Optimizer), called directly
// on a fixed world: consistency with the shared resources, filters, error cases, determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "sim/handler.h"
#include "sim/handler_call.h"
#include "sim/resources.h"
#include "sim/world.h"

namespace view360::sim {
namespace {

using nlohmann::json;

Scenario TestScenario() {
  Scenario scenario;
  scenario.seed = 20250920;
  scenario.accounts = 25;
  scenario.today = "2025-09-20";
  return scenario;
}

class InventoryTest : public ::testing::Test {
 protected:
  Reply Call(std::string_view service, std::string_view operation, const json& params,
             const Account& account, std::string region = "") {
    return CallHandler(world_, recorder_, account, std::move(region), service, operation, params);
  }
  Reply Call(std::string_view service, std::string_view operation, const json& params,
             int account_index = 1, std::string region = "") {
    const Account account = world_.AccountAt(account_index);
    return Call(service, operation, params, account, std::move(region));
  }

  // The first member account (and its home region) for which `wanted` holds.
  int MemberWhere(const std::function<bool(const Account&)>& wanted) {
    for (int i = 1; i <= world_.member_count(); ++i) {
      if (wanted(world_.AccountAt(i))) return i;
    }
    ADD_FAILURE() << "no member account fits";
    return 1;
  }

  std::vector<Bucket> Buckets(const Account& account) {
    return BucketsOn(world_, account, world_.today());
  }

  bool OptedIn(const Account& account) {
    return Call("compute-optimizer", "GetEC2InstanceRecommendations", json::object(), account).ok();
  }

  World world_{TestScenario()};
  Recorder recorder_;
};

void ExpectError(const Reply& reply, std::string_view code, int status) {
  EXPECT_EQ(reply.error_code, code) << reply.output.dump();
  EXPECT_EQ(reply.http_status, status) << reply.error_message;
  EXPECT_FALSE(reply.error_message.empty());
}

// ---- S3 ----------------------------------------------------------------------------------------

TEST_F(InventoryTest, ListBucketsListsTheAccountsBucketsWithTheirRegionsAndOwner) {
  const Account account = world_.AccountAt(3);
  const Reply reply = Call("s3", "ListBuckets", json::object(), account, "us-east-1");
  ASSERT_TRUE(reply.ok()) << reply.error_message;
  const auto buckets = Buckets(account);
  ASSERT_FALSE(buckets.empty());
  ASSERT_EQ(reply.output["Buckets"].size(), buckets.size());
  for (size_t i = 0; i < buckets.size(); ++i) {
    EXPECT_EQ(reply.output["Buckets"][i]["Name"], buckets[i].name);
    EXPECT_EQ(reply.output["Buckets"][i]["BucketRegion"], buckets[i].region);
    EXPECT_EQ(reply.output["Buckets"][i]["CreationDate"], IsoTime(buckets[i].creation_date));
  }
  EXPECT_EQ(reply.output["Owner"]["ID"].get<std::string>().size(), 64u);
}

TEST_F(InventoryTest, ListBucketsHonoursBucketRegionAndPrefix) {
  const Account account = world_.AccountAt(3);
  const auto buckets = Buckets(account);
  const std::string region = buckets.front().region;
  const Reply by_region = Call("s3", "ListBuckets", {{"BucketRegion", region}}, account);
  ASSERT_TRUE(by_region.ok());
  const auto expected = std::count_if(buckets.begin(), buckets.end(),
                                      [&](const Bucket& b) { return b.region == region; });
  EXPECT_EQ(static_cast<long>(by_region.output["Buckets"].size()), expected);
  const Reply by_prefix = Call("s3", "ListBuckets", {{"Prefix", buckets.front().name}}, account);
  ASSERT_EQ(by_prefix.output["Buckets"].size(), 1u);
}

TEST_F(InventoryTest, UnknownOrForeignBucketIsNoSuchBucket) {
  ExpectError(Call("s3", "GetBucketLocation", {{"Bucket", "no-such-bucket-anywhere"}}),
              "NoSuchBucket", 404);
  const std::string foreign = Buckets(world_.AccountAt(2)).front().name;
  ExpectError(Call("s3", "GetBucketAcl", {{"Bucket", foreign}}, 1), "NoSuchBucket", 404);
}

TEST_F(InventoryTest, LocationConstraintIsNullOnlyForUsEast1) {
  int checked = 0;
  for (int i = 1; i <= 6; ++i) {
    const Account account = world_.AccountAt(i);
    for (const auto& bucket : Buckets(account)) {
      const Reply reply = Call("s3", "GetBucketLocation", {{"Bucket", bucket.name}}, account);
      ASSERT_TRUE(reply.ok());
      if (bucket.region == "us-east-1") {
        EXPECT_TRUE(reply.output["LocationConstraint"].is_null());
      } else {
        EXPECT_EQ(reply.output["LocationConstraint"], bucket.region);
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
}

TEST_F(InventoryTest, EncryptionTaggingAndVersioningFollowTheBucket) {
  int unencrypted = 0, untagged = 0;
  for (int i = 1; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    for (const auto& bucket : Buckets(account)) {
      const json params = {{"Bucket", bucket.name}};
      const Reply encryption = Call("s3", "GetBucketEncryption", params, account);
      if (bucket.encrypted) {
        ASSERT_TRUE(encryption.ok());
        const auto& rule = encryption.output["ServerSideEncryptionConfiguration"]["Rules"][0];
        const std::string algorithm = rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"];
        EXPECT_TRUE(algorithm == "AES256" || algorithm == "aws:kms") << algorithm;
      } else {
        ExpectError(encryption, "ServerSideEncryptionConfigurationNotFoundError", 404);
        ++unencrypted;
      }
      const Reply tagging = Call("s3", "GetBucketTagging", params, account);
      if (bucket.tags.empty()) {
        ExpectError(tagging, "NoSuchTagSet", 404);
        ++untagged;
      } else {
        ASSERT_TRUE(tagging.ok());
        EXPECT_EQ(tagging.output["TagSet"], TagList(bucket.tags));
      }
      const Reply versioning = Call("s3", "GetBucketVersioning", params, account);
      ASSERT_TRUE(versioning.ok());
      if (bucket.versioning) {
        EXPECT_EQ(versioning.output["Status"], "Enabled");
      } else {
        EXPECT_NE(versioning.output.value("Status", ""), "Enabled");
      }
    }
  }
  EXPECT_GT(unencrypted, 0);
  EXPECT_GT(untagged, 0);
}

TEST_F(InventoryTest, PublicBucketsGrantAllUsersAndHaveNoPublicAccessBlock) {
  int public_buckets = 0, blocked = 0;
  for (int i = 1; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    for (const auto& bucket : Buckets(account)) {
      const json params = {{"Bucket", bucket.name}};
      const Reply acl = Call("s3", "GetBucketAcl", params, account);
      ASSERT_TRUE(acl.ok());
      bool all_users = false;
      for (const auto& grant : acl.output["Grants"]) {
        all_users |= grant["Grantee"]["Type"] == "Group" &&
                     grant["Grantee"].value("URI", "").ends_with("/global/AllUsers");
      }
      EXPECT_EQ(all_users, bucket.public_read) << bucket.name;
      const Reply block = Call("s3", "GetPublicAccessBlock", params, account);
      const Reply policy = Call("s3", "GetBucketPolicyStatus", params, account);
      if (bucket.public_read) {
        ++public_buckets;
        ExpectError(block, "NoSuchPublicAccessBlockConfiguration", 404);
        ASSERT_TRUE(policy.ok());
        EXPECT_EQ(policy.output["PolicyStatus"]["IsPublic"], true);
      } else if (bucket.public_access_block) {
        ++blocked;
        ASSERT_TRUE(block.ok());
        EXPECT_EQ(block.output["PublicAccessBlockConfiguration"]["BlockPublicAcls"], true);
      }
      if (!policy.ok()) ExpectError(policy, "NoSuchBucketPolicy", 404);
    }
  }
  EXPECT_GT(public_buckets, 0);
  EXPECT_GT(blocked, 0);
}

// ---- SSM ---------------------------------------------------------------------------------------

TEST_F(InventoryTest, ManagedNodesAreTheSsmManagedInstances) {
  int stopped = 0;
  for (int i = 1; i <= 8; ++i) {
    const Account account = world_.AccountAt(i);
    const std::string region = account.regions.front();
    const Reply reply = Call("ssm", "DescribeInstanceInformation", json::object(), account);
    ASSERT_TRUE(reply.ok());
    std::map<std::string, json> listed;
    for (const auto& info : reply.output["InstanceInformationList"]) {
      if (info["ResourceType"] == "EC2Instance") listed[info["InstanceId"]] = info;
    }
    size_t managed = 0;
    for (const auto& instance : InstancesOn(world_, account, region, world_.today())) {
      if (!instance.managed_by_ssm) {
        EXPECT_EQ(listed.count(instance.id), 0u);
        continue;
      }
      ++managed;
      ASSERT_EQ(listed.count(instance.id), 1u) << instance.id;
      const json& info = listed[instance.id];
      EXPECT_EQ(info["IPAddress"], instance.private_ip);
      EXPECT_EQ(info["PlatformType"], instance.platform == "windows" ? "Windows" : "Linux");
      EXPECT_EQ(info["PingStatus"], instance.state == "running" ? "Online" : "ConnectionLost");
      EXPECT_LT(info["LastPingDateTime"].get<std::string>(), FormatDay(world_.today()));
      stopped += instance.state == "stopped";
    }
    EXPECT_EQ(listed.size(), managed);
  }
  EXPECT_GT(stopped, 0);
}

TEST_F(InventoryTest, SomeAccountsHaveHybridManagedInstances) {
  int hybrid = 0;
  for (int i = 1; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    for (const auto& region : account.regions) {
      const Reply reply =
          Call("ssm", "DescribeInstanceInformation", json::object(), account, region);
      for (const auto& info : reply.output["InstanceInformationList"]) {
        if (info["ResourceType"] != "ManagedInstance") continue;
        EXPECT_TRUE(info["InstanceId"].get<std::string>().starts_with("mi-"));
        EXPECT_TRUE(info.contains("ActivationId"));
        ++hybrid;
      }
    }
  }
  EXPECT_GT(hybrid, 0);
}

TEST_F(InventoryTest, DisabledRegionHasNoManagedNodes) {
  const int index = MemberWhere([](const Account& a) {
    return std::find(a.regions.begin(), a.regions.end(), "ap-southeast-2") == a.regions.end();
  });
  const Reply reply =
      Call("ssm", "DescribeInstanceInformation", json::object(), index, "ap-southeast-2");
  ASSERT_TRUE(reply.ok());
  EXPECT_TRUE(reply.output["InstanceInformationList"].empty());
}

TEST_F(InventoryTest, DescribeInstanceInformationHonoursBothFilterStyles) {
  const Reply all = Call("ssm", "DescribeInstanceInformation", json::object(), 1);
  const auto& list = all.output["InstanceInformationList"];
  ASSERT_GE(list.size(), 2u);
  const std::string id = list[1]["InstanceId"];
  const Reply one =
      Call("ssm", "DescribeInstanceInformation",
           {{"InstanceInformationFilterList", {{{"key", "InstanceIds"}, {"valueSet", {id}}}}}}, 1);
  ASSERT_EQ(one.output["InstanceInformationList"].size(), 1u);
  EXPECT_EQ(one.output["InstanceInformationList"][0]["InstanceId"], id);
  const Reply online = Call("ssm", "DescribeInstanceInformation",
                            {{"Filters", {{{"Key", "PingStatus"}, {"Values", {"Online"}}}}}}, 1);
  for (const auto& info : online.output["InstanceInformationList"]) {
    EXPECT_EQ(info["PingStatus"], "Online");
  }
  ExpectError(Call("ssm", "DescribeInstanceInformation",
                   {{"Filters", {{{"Key", "Colour"}, {"Values", {"blue"}}}}}}, 1),
              "InvalidFilterKey", 400);
}

TEST_F(InventoryTest, ApplicationsAreListedForManagedNodesOnly) {
  const Reply nodes = Call("ssm", "DescribeInstanceInformation", json::object(), 1);
  const json& node = nodes.output["InstanceInformationList"][0];
  const Reply apps = Call("ssm", "ListInventoryEntries",
                          {{"InstanceId", node["InstanceId"]}, {"TypeName", "AWS:Application"}}, 1);
  ASSERT_TRUE(apps.ok()) << apps.error_message;
  ASSERT_GE(apps.output["Entries"].size(), 2u);
  bool agent = false;
  for (const auto& entry : apps.output["Entries"]) {
    for (const auto& [key, value] : entry.items()) EXPECT_TRUE(value.is_string()) << key;
    EXPECT_TRUE(entry.contains("Name") && entry.contains("Version") && entry.contains("Publisher"));
    agent |= entry["Version"] == node["AgentVersion"];
  }
  EXPECT_TRUE(agent) << "the SSM agent is an installed application";
  EXPECT_EQ(apps.output["InstanceId"], node["InstanceId"]);
  EXPECT_EQ(apps.output["TypeName"], "AWS:Application");

  ExpectError(Call("ssm", "ListInventoryEntries",
                   {{"InstanceId", "i-0123456789abcdef0"}, {"TypeName", "AWS:Application"}}, 1),
              "InvalidInstanceId", 400);
  ExpectError(Call("ssm", "ListInventoryEntries",
                   {{"InstanceId", node["InstanceId"]}, {"TypeName", "AWS:Nonsense"}}, 1),
              "InvalidTypeNameException", 400);
}

TEST_F(InventoryTest, ListInventoryEntriesPagesWithMaxResults) {
  const Reply nodes = Call("ssm", "DescribeInstanceInformation", json::object(), 1);
  const json params = {{"InstanceId", nodes.output["InstanceInformationList"][0]["InstanceId"]},
                       {"TypeName", "AWS:Application"}};
  const size_t total = Call("ssm", "ListInventoryEntries", params, 1).output["Entries"].size();
  json paged = params;
  paged["MaxResults"] = 2;
  size_t seen = 0;
  for (int pages = 0; pages < 100; ++pages) {
    const Reply page = Call("ssm", "ListInventoryEntries", paged, 1);
    ASSERT_TRUE(page.ok());
    EXPECT_LE(page.output["Entries"].size(), 2u);
    seen += page.output["Entries"].size();
    if (!page.output.contains("NextToken")) break;
    paged["NextToken"] = page.output["NextToken"];
  }
  EXPECT_EQ(seen, total);
}

TEST_F(InventoryTest, PatchSummaryAgreesWithDescribeInstancePatches) {
  int compared = 0;
  for (int i = 1; i <= 6; ++i) {
    const Reply nodes = Call("ssm", "DescribeInstanceInformation", json::object(), i);
    for (const auto& node : nodes.output["InstanceInformationList"]) {
      const std::string id = node["InstanceId"];
      const Reply inventory = Call(
          "ssm", "GetInventory",
          {{"Filters",
            {{{"Key", "AWS:InstanceInformation.InstanceId"}, {"Values", {id}}, {"Type", "Equal"}}}},
           {"ResultAttributes", {{{"TypeName", "AWS:PatchSummary"}}}}},
          i);
      ASSERT_TRUE(inventory.ok()) << inventory.error_message;
      const Reply patches = Call("ssm", "DescribeInstancePatches", {{"InstanceId", id}}, i);
      ASSERT_TRUE(patches.ok());
      if (inventory.output["Entities"].empty()) {
        EXPECT_TRUE(patches.output["Patches"].empty());
        continue;
      }
      ASSERT_EQ(inventory.output["Entities"].size(), 1u);
      const json& entity = inventory.output["Entities"][0];
      EXPECT_EQ(entity["Id"], id);
      const json& summary = entity["Data"]["AWS:PatchSummary"]["Content"][0];
      std::map<std::string, int> states;
      for (const auto& patch : patches.output["Patches"]) ++states[patch["State"]];
      EXPECT_EQ(summary["InstalledCount"], std::to_string(states["INSTALLED"]));
      EXPECT_EQ(summary["MissingCount"], std::to_string(states["MISSING"]));
      EXPECT_EQ(summary["FailedCount"], std::to_string(states["FAILED"]));
      EXPECT_EQ(summary["InstalledOtherCount"], std::to_string(states["INSTALLED_OTHER"]));
      ++compared;
    }
  }
  EXPECT_GT(compared, 5);
}

TEST_F(InventoryTest, GetInventoryWithoutFiltersListsEveryNode) {
  const Reply nodes = Call("ssm", "DescribeInstanceInformation", json::object(), 2);
  const Reply inventory = Call("ssm", "GetInventory", json::object(), 2);
  ASSERT_TRUE(inventory.ok());
  ASSERT_EQ(inventory.output["Entities"].size(), nodes.output["InstanceInformationList"].size());
  for (const auto& entity : inventory.output["Entities"]) {
    EXPECT_EQ(entity["Data"]["AWS:InstanceInformation"]["Content"][0]["InstanceId"], entity["Id"]);
  }
  ExpectError(
      Call("ssm", "GetInventory", {{"Filters", {{{"Key", "InstanceId"}, {"Values", {"i-1"}}}}}}, 2),
      "InvalidFilter", 400);
}

// The View360 sender keeps the patches installed in its window; most days some are.
TEST_F(InventoryTest, PatchesAreInstalledOnMostDays) {
  std::map<std::string, int> installed_per_day;
  for (int i = 1; i <= 10; ++i) {
    const Reply nodes = Call("ssm", "DescribeInstanceInformation", json::object(), i);
    for (const auto& node : nodes.output["InstanceInformationList"]) {
      const Reply patches =
          Call("ssm", "DescribeInstancePatches", {{"InstanceId", node["InstanceId"]}}, i);
      std::string previous = "9999";
      for (const auto& patch : patches.output["Patches"]) {
        const std::string time = patch["InstalledTime"];
        if (patch["State"] == "MISSING" || patch["State"] == "NOT_APPLICABLE") {
          EXPECT_EQ(time, "1970-01-01T00:00:00Z");
          continue;
        }
        EXPECT_LT(time, FormatDay(world_.today())) << "installed in the future";
        if (patch["State"] == "INSTALLED") {
          EXPECT_LE(time, previous) << "newest first";
          previous = time;
        }
        ++installed_per_day[time.substr(0, 10)];
      }
    }
  }
  for (int back : {1, 2, 5, 10, 30}) {
    EXPECT_GT(installed_per_day[FormatDay(world_.today() - back)], 0) << back << " days back";
  }
}

// The next day's world lists the patches its nodes installed today, which today's world cannot.
TEST_F(InventoryTest, TomorrowShowsTodaysInstallations) {
  Scenario next = TestScenario();
  next.today = "2025-09-21";
  World tomorrow{next};
  int installed_today = 0;
  for (int i = 1; i <= 10; ++i) {
    const Account account = tomorrow.AccountAt(i);
    const json none = json::object();
    ApiCall list{tomorrow,
                 account,
                 account.regions.front(),
                 "ssm",
                 "DescribeInstanceInformation",
                 none,
                 recorder_,
                 "",
                 "",
                 nullptr};
    const Reply nodes = (*AllHandlers().Find("ssm", "DescribeInstanceInformation"))(list);
    for (const auto& node : nodes.output["InstanceInformationList"]) {
      const json params = {{"InstanceId", node["InstanceId"]}};
      ApiCall call{tomorrow,
                   account,
                   account.regions.front(),
                   "ssm",
                   "DescribeInstancePatches",
                   params,
                   recorder_,
                   "",
                   "",
                   nullptr};
      const Reply patches = (*AllHandlers().Find("ssm", "DescribeInstancePatches"))(call);
      for (const auto& patch : patches.output["Patches"]) {
        installed_today += patch["InstalledTime"].get<std::string>().starts_with("2025-09-20");
      }
    }
  }
  EXPECT_GT(installed_today, 0);
}

TEST_F(InventoryTest, DescribeInstancePatchesHonoursStateFilter) {
  const Reply nodes = Call("ssm", "DescribeInstanceInformation", json::object(), 1);
  int missing = 0;
  for (const auto& node : nodes.output["InstanceInformationList"]) {
    const Reply reply = Call("ssm", "DescribeInstancePatches",
                             {{"InstanceId", node["InstanceId"]},
                              {"Filters", {{{"Key", "State"}, {"Values", {"Missing"}}}}}},
                             1);
    ASSERT_TRUE(reply.ok());
    for (const auto& patch : reply.output["Patches"]) {
      EXPECT_EQ(patch["State"], "MISSING");
      ++missing;
    }
  }
  EXPECT_GT(missing, 0);
  ExpectError(Call("ssm", "DescribeInstancePatches", {{"InstanceId", "i-0000000000000000a"}}, 1),
              "InvalidInstanceId", 400);
}

// ---- Compute Optimizer -------------------------------------------------------------------------

TEST_F(InventoryTest, AccountsNotOptedInGetOptInRequired) {
  int refused = 0;
  for (int i = 1; i <= world_.member_count(); ++i) {
    const Reply reply = Call("compute-optimizer", "GetEBSVolumeRecommendations", json::object(), i);
    if (reply.ok()) continue;
    ExpectError(reply, "OptInRequiredException", 403);
    ExpectError(Call("compute-optimizer", "GetLambdaFunctionRecommendations", json::object(), i),
                "OptInRequiredException", 403);
    ++refused;
  }
  EXPECT_GT(refused, 0);
  EXPECT_LT(refused, world_.member_count() / 2);
}

TEST_F(InventoryTest, Ec2RecommendationsFollowTheInstancesUtilisation) {
  int idle = 0, busy = 0;
  for (int i = 1; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    if (!OptedIn(account)) continue;
    const Reply reply =
        Call("compute-optimizer", "GetEC2InstanceRecommendations", json::object(), account);
    std::map<std::string, Instance> instances;
    for (const auto& in : InstancesOn(world_, account, account.regions.front(), world_.today())) {
      instances["arn:aws:ec2:" + account.regions.front() + ":" + account.id + ":instance/" +
                in.id] = in;
    }
    for (const auto& rec : reply.output["instanceRecommendations"]) {
      ASSERT_EQ(instances.count(rec["instanceArn"]), 1u) << rec["instanceArn"];
      const Instance& in = instances[rec["instanceArn"]];
      EXPECT_EQ(rec["currentInstanceType"], in.type);
      EXPECT_EQ(rec["accountId"], account.id);
      ASSERT_FALSE(rec["recommendationOptions"].empty());
      const json& best = rec["recommendationOptions"][0];
      if (in.cpu_average < 5) {
        EXPECT_NE(rec["finding"], "Underprovisioned");
        if (rec["finding"] == "Overprovisioned") {
          EXPECT_GT(best["savingsOpportunity"]["estimatedMonthlySavings"]["value"], 0.0);
          ++idle;
        }
      }
      if (in.cpu_average > 60) {
        EXPECT_EQ(rec["finding"], "Underprovisioned");
        ++busy;
      }
    }
  }
  EXPECT_GT(idle, 0);
  EXPECT_GT(busy, 0);
}

TEST_F(InventoryTest, RecommendationFiltersAreHonoured) {
  const int index = MemberWhere([&](const Account& a) {
    return OptedIn(a) &&
           Call("compute-optimizer", "GetEC2InstanceRecommendations", json::object(), a)
                   .output["instanceRecommendations"]
                   .size() >= 3;
  });
  const Reply all =
      Call("compute-optimizer", "GetEC2InstanceRecommendations", json::object(), index);
  const json& first = all.output["instanceRecommendations"][0];
  const Reply one = Call("compute-optimizer", "GetEC2InstanceRecommendations",
                         {{"instanceArns", {first["instanceArn"]}}}, index);
  ASSERT_EQ(one.output["instanceRecommendations"].size(), 1u);
  EXPECT_EQ(one.output["instanceRecommendations"][0], first);
  const Reply by_finding =
      Call("compute-optimizer", "GetEC2InstanceRecommendations",
           {{"filters", {{{"name", "Finding"}, {"values", {first["finding"]}}}}}}, index);
  for (const auto& rec : by_finding.output["instanceRecommendations"]) {
    EXPECT_EQ(rec["finding"], first["finding"]);
  }
  EXPECT_GE(by_finding.output["instanceRecommendations"].size(), 1u);
}

TEST_F(InventoryTest, Gp2VolumesAreNotOptimizedAndLambdaMatchesItsFunction) {
  int gp2 = 0, functions = 0;
  for (int i = 1; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    if (!OptedIn(account)) continue;
    const Reply volumes =
        Call("compute-optimizer", "GetEBSVolumeRecommendations", json::object(), account);
    for (const auto& rec : volumes.output["volumeRecommendations"]) {
      if (rec["currentConfiguration"]["volumeType"] != "gp2") continue;
      EXPECT_EQ(rec["finding"], "NotOptimized");
      const json& option = rec["volumeRecommendationOptions"][0];
      EXPECT_EQ(option["configuration"]["volumeType"], "gp3");
      EXPECT_GT(option["savingsOpportunity"]["savingsOpportunityPercentage"], 0.0);
      ++gp2;
    }
    const Reply lambdas =
        Call("compute-optimizer", "GetLambdaFunctionRecommendations", json::object(), account);
    std::map<std::string, Function> by_arn;
    for (const auto& f : FunctionsOn(world_, account, account.regions.front(), world_.today())) {
      by_arn[f.arn + ":$LATEST"] = f;
    }
    for (const auto& rec : lambdas.output["lambdaFunctionRecommendations"]) {
      ASSERT_EQ(by_arn.count(rec["functionArn"]), 1u);
      const Function& f = by_arn[rec["functionArn"]];
      EXPECT_EQ(rec["currentMemorySize"], f.memory_mb);
      if (f.invocations_per_day == 0) {
        EXPECT_EQ(rec["finding"], "Unavailable");
      }
      ++functions;
    }
  }
  EXPECT_GT(gp2, 0);
  EXPECT_GT(functions, 0);
}

TEST_F(InventoryTest, OnlyTheManagementAccountAsksForOtherAccounts) {
  const int member = MemberWhere([&](const Account& a) {
    return OptedIn(a) && a.regions.front() == world_.management().regions.front();
  });
  const Account other = world_.AccountAt(member);
  const std::string region = other.regions.front();
  const Reply by_management = Call("compute-optimizer", "GetEBSVolumeRecommendations",
                                   {{"accountIds", {other.id}}}, world_.management(), region);
  ASSERT_TRUE(by_management.ok()) << by_management.error_message;
  for (const auto& rec : by_management.output["volumeRecommendations"]) {
    EXPECT_EQ(rec["accountId"], other.id);
  }
  EXPECT_EQ(by_management.output["volumeRecommendations"],
            Call("compute-optimizer", "GetEBSVolumeRecommendations", json::object(), other, region)
                .output["volumeRecommendations"]);
  const int asker = MemberWhere([&](const Account& a) { return OptedIn(a) && a.id != other.id; });
  ExpectError(Call("compute-optimizer", "GetEBSVolumeRecommendations", {{"accountIds", {other.id}}},
                   asker, region),
              "AccessDeniedException", 403);
}

TEST_F(InventoryTest, Ec2RecommendationsPageWithMaxResults) {
  const int index = MemberWhere([&](const Account& a) {
    return OptedIn(a) &&
           Call("compute-optimizer", "GetEC2InstanceRecommendations", json::object(), a)
                   .output["instanceRecommendations"]
                   .size() >= 3;
  });
  const json all = Call("compute-optimizer", "GetEC2InstanceRecommendations", json::object(), index)
                       .output["instanceRecommendations"];
  json params = {{"maxResults", 2}};
  json collected = json::array();
  for (int pages = 0; pages < 100; ++pages) {
    const Reply page = Call("compute-optimizer", "GetEC2InstanceRecommendations", params, index);
    ASSERT_TRUE(page.ok()) << page.error_message;
    EXPECT_LE(page.output["instanceRecommendations"].size(), 2u);
    for (const auto& rec : page.output["instanceRecommendations"]) collected.push_back(rec);
    if (!page.output.contains("nextToken")) break;
    params["nextToken"] = page.output["nextToken"];
  }
  EXPECT_EQ(collected, all);
  ExpectError(
      Call("compute-optimizer", "GetEC2InstanceRecommendations", {{"nextToken", "made-up"}}, index),
      "InvalidParameterValueException", 400);
}

// ---- Determinism -------------------------------------------------------------------------------

TEST_F(InventoryTest, SameSeedGivesTheSameAnswers) {
  World again{TestScenario()};
  const Account account = world_.AccountAt(4);
  const std::vector<std::pair<std::string, std::string>> operations{
      {"s3", "ListBuckets"},
      {"ssm", "DescribeInstanceInformation"},
      {"ssm", "GetInventory"},
      {"compute-optimizer", "GetEC2InstanceRecommendations"},
      {"compute-optimizer", "GetLambdaFunctionRecommendations"}};
  for (const auto& [service, operation] : operations) {
    const Reply first = Call(service, operation, json::object(), account);
    const json params = json::object();
    ApiCall call{
        again,      account, account.regions.front(), service, operation, params, recorder_, "",
        account.id, nullptr};
    const Reply second = (*AllHandlers().Find(service, operation))(call);
    EXPECT_EQ(first.output, second.output) << operation;
    EXPECT_EQ(first.error_code, second.error_code) << operation;
  }
}

}  // namespace
}  // namespace view360::sim
