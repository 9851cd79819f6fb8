// Simulated RDS DescribeDBInstances and DescribeDBClusters: the databases of the call's account
// and region today (standalone instances, Aurora clusters and their member instances).
// Honours the identifier parameter (DBInstanceNotFound / DBClusterNotFoundFault, 404) and the
// db-instance-id, db-cluster-id and engine filters.
#include <algorithm>

#include "sim/services/resources_internal.h"

namespace view360::sim::resources {
namespace {

bool Postgres(std::string_view engine) { return engine.find("postgres") != std::string::npos; }

int Port(std::string_view engine) { return Postgres(engine) ? 5432 : 3306; }

// RDS's Filters: [{Name, Values}] with exact values; false when the item fails one.
bool PassesRdsFilters(const ApiCall& call,
                      const std::map<std::string, std::string, std::less<>>& attributes) {
  auto it = call.params.find("Filters");
  if (it == call.params.end() || !it->is_array()) return true;
  for (const auto& filter : *it) {
    auto attribute = attributes.find(filter.value("Name", ""));
    if (attribute == attributes.end()) continue;
    const auto values = filter.value("Values", std::vector<std::string>{});
    // db-instance-id and db-cluster-id also accept ARNs.
    if (std::none_of(values.begin(), values.end(), [&](const std::string& value) {
          return value == attribute->second ||
                 (value.starts_with("arn:") && value.ends_with(":" + attribute->second));
        })) {
      return false;
    }
  }
  return true;
}

// "<id>.<12 chars>.<region>.rds.amazonaws.com".
std::string EndpointHost(const ApiCall& call, std::string_view id, std::string_view kind = "") {
  Rng rng(call.world.seed(), {"rds-endpoint", call.account.id, call.region});
  return std::string(id) + std::string(kind) + "." + rng.Hex(12) + "." + call.region +
         ".rds.amazonaws.com";
}

nlohmann::json VpcSecurityGroups(const ApiCall& call, std::string_view vpc_id) {
  return {
      {{"VpcSecurityGroupId", DerivedId(call, "sg-", std::string("rds-") + std::string(vpc_id))},
       {"Status", "active"}}};
}

nlohmann::json InstanceJson(const ApiCall& call, const DbInstance& d, const std::string& key_arn) {
  Rng rng(call.world.seed(), {"rds-details", call.account.id, call.region, d.id});
  const bool aurora = !d.cluster_id.empty();
  const bool postgres = Postgres(d.engine);
  const std::string family =
      postgres ? "postgres" + d.engine_version.substr(0, d.engine_version.find('.'))
               : d.engine + d.engine_version.substr(0, d.engine_version.rfind('.'));
  nlohmann::json out = {
      {"DBInstanceIdentifier", d.id},
      {"DBInstanceClass", d.instance_class},
      {"Engine", d.engine},
      {"EngineVersion", d.engine_version},
      {"DBInstanceStatus", d.status},
      {"MasterUsername", postgres ? "postgres" : "admin"},
      {"Endpoint",
       {{"Address", EndpointHost(call, d.id)},
        {"Port", Port(d.engine)},
        {"HostedZoneId", "Z2R2ITUGPM61AM"}}},
      {"AllocatedStorage", d.allocated_gib},
      {"InstanceCreateTime", IsoTime(d.create_time)},
      {"PreferredBackupWindow", "03:00-03:30"},
      {"BackupRetentionPeriod", d.backup_retention_days},
      {"DBSecurityGroups", nlohmann::json::array()},
      {"VpcSecurityGroups", VpcSecurityGroups(call, d.vpc_id)},
      {"DBParameterGroups",
       {{{"DBParameterGroupName", "default." + family}, {"ParameterApplyStatus", "in-sync"}}}},
      {"AvailabilityZone", d.availability_zone},
      {"DBSubnetGroup",
       {{"DBSubnetGroupName", d.subnet_group},
        {"DBSubnetGroupDescription", "Subnets for " + d.subnet_group},
        {"VpcId", d.vpc_id},
        {"SubnetGroupStatus", "Complete"},
        {"Subnets", nlohmann::json::array()}}},
      {"PreferredMaintenanceWindow", "sun:05:00-sun:05:30"},
      {"PendingModifiedValues", nlohmann::json::object()},
      {"MultiAZ", d.multi_az},
      {"AutoMinorVersionUpgrade", true},
      {"ReadReplicaDBInstanceIdentifiers", nlohmann::json::array()},
      {"LicenseModel", postgres ? "postgresql-license" : "general-public-license"},
      {"OptionGroupMemberships",
       {{{"OptionGroupName",
          "default:" + d.engine + "-" + d.engine_version.substr(0, d.engine_version.find('.'))},
         {"Status", "in-sync"}}}},
      {"PubliclyAccessible", d.publicly_accessible},
      {"StorageType", aurora ? "aurora" : "gp3"},
      {"DbInstancePort", 0},
      {"StorageEncrypted", d.encrypted},
      {"DbiResourceId", "db-" + rng.Alnum(26)},
      {"CACertificateIdentifier", "rds-ca-rsa2048-g1"},
      {"DomainMemberships", nlohmann::json::array()},
      {"CopyTagsToSnapshot", rng.Chance(0.6)},
      {"MonitoringInterval", 0},
      {"DBInstanceArn", d.arn},
      {"IAMDatabaseAuthenticationEnabled", false},
      {"PerformanceInsightsEnabled", false},
      {"DeletionProtection", rng.Chance(0.4)},
      {"AssociatedRoles", nlohmann::json::array()},
      {"TagList", TagList(d.tags)},
      {"CustomerOwnedIpEnabled", false},
      {"NetworkType", "IPV4"},
      {"BackupTarget", "region"},
      {"CertificateDetails",
       {{"CAIdentifier", "rds-ca-rsa2048-g1"},
        {"ValidTill", IsoTime(d.create_time + std::chrono::days(365 * 3))}}},
      {"DedicatedLogVolume", false},
      {"EngineLifecycleSupport", "open-source-rds-extended-support"}};
  if (d.status == "available" && d.backup_retention_days > 0) {
    out["LatestRestorableTime"] = IsoTime(StartOf(call.today()) + std::chrono::hours(1));
  }
  if (aurora) {
    out["DBClusterIdentifier"] = d.cluster_id;
    out["PromotionTier"] = 1;
  } else {
    out["Iops"] = 3000;
    out["StorageThroughput"] = 125;
  }
  if (d.multi_az) {
    const char zone = d.availability_zone.back() == 'a' ? 'b' : 'a';
    out["SecondaryAvailabilityZone"] = call.region + zone;
  }
  if (d.encrypted) out["KmsKeyId"] = key_arn;
  return out;
}

Reply DescribeDBInstances(const ApiCall& call) {
  const auto instances = DbInstancesOn(call.world, call.account, call.region, call.today());
  const std::string wanted = call.Param("DBInstanceIdentifier");
  if (!wanted.empty() && std::none_of(instances.begin(), instances.end(), [&](const auto& d) {
        return d.id == wanted || d.arn == wanted;
      })) {
    return AwsError(404, "DBInstanceNotFound", "DBInstance " + wanted + " not found.");
  }
  const std::string key_arn = ManagedKeyArn(call, "rds");
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : instances) {
    if (!wanted.empty() && d.id != wanted && d.arn != wanted) continue;
    if (!PassesRdsFilters(call, {{"db-instance-id", d.id},
                                 {"db-cluster-id", d.cluster_id},
                                 {"engine", d.engine},
                                 {"dbi-resource-id", ""}})) {
      continue;
    }
    out.push_back(InstanceJson(call, d, key_arn));
  }
  return Ok({{"DBInstances", out}});
}

Reply DescribeDBClusters(const ApiCall& call) {
  const auto clusters = DbClustersOn(call.world, call.account, call.region, call.today());
  const std::string wanted = call.Param("DBClusterIdentifier");
  if (!wanted.empty() && std::none_of(clusters.begin(), clusters.end(), [&](const auto& c) {
        return c.id == wanted || c.arn == wanted;
      })) {
    return AwsError(404, "DBClusterNotFoundFault", "DBCluster " + wanted + " not found.");
  }
  const auto members = DbInstancesOn(call.world, call.account, call.region, call.today());
  const std::string key_arn = ManagedKeyArn(call, "rds");
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : clusters) {
    if (!wanted.empty() && c.id != wanted && c.arn != wanted) continue;
    if (!PassesRdsFilters(call, {{"db-cluster-id", c.id}, {"engine", c.engine}})) continue;
    Rng rng(call.world.seed(), {"rds-cluster-details", call.account.id, call.region, c.id});
    const bool postgres = Postgres(c.engine);
    nlohmann::json member_list = nlohmann::json::array();
    nlohmann::json zones = nlohmann::json::array();
    std::string vpc_id, subnet_group;
    for (size_t k = 0; k < c.member_ids.size(); ++k) {
      member_list.push_back({{"DBInstanceIdentifier", c.member_ids[k]},
                             {"IsClusterWriter", k == 0},
                             {"DBClusterParameterGroupStatus", "in-sync"},
                             {"PromotionTier", 1}});
    }
    for (const auto& d : members) {
      if (d.cluster_id != c.id) continue;
      vpc_id = d.vpc_id;
      subnet_group = d.subnet_group;
    }
    for (char zone : {'a', 'b', 'c'}) zones.push_back(call.region + zone);
    nlohmann::json cluster = {
        {"AllocatedStorage", 1},
        {"AvailabilityZones", zones},
        {"BackupRetentionPeriod", c.backup_retention_days},
        {"DBClusterIdentifier", c.id},
        {"DBClusterParameterGroup",
         postgres ? "default.aurora-postgresql15" : "default.aurora-mysql8.0"},
        {"DBSubnetGroup", subnet_group},
        {"Status", c.status},
        {"EarliestRestorableTime",
         IsoTime(std::max(c.create_time, StartOf(call.today() - c.backup_retention_days)))},
        {"Endpoint", EndpointHost(call, c.id, ".cluster")},
        {"ReaderEndpoint", EndpointHost(call, c.id, ".cluster-ro")},
        {"CustomEndpoints", nlohmann::json::array()},
        {"MultiAZ", c.multi_az},
        {"Engine", c.engine},
        {"EngineVersion", c.engine_version},
        {"LatestRestorableTime", IsoTime(StartOf(call.today()) + std::chrono::hours(1))},
        {"Port", Port(c.engine)},
        {"MasterUsername", postgres ? "postgres" : "admin"},
        {"DBClusterOptionGroupMemberships", nlohmann::json::array()},
        {"PreferredBackupWindow", "03:00-03:30"},
        {"PreferredMaintenanceWindow", "sun:05:00-sun:05:30"},
        {"ReadReplicaIdentifiers", nlohmann::json::array()},
        {"DBClusterMembers", member_list},
        {"VpcSecurityGroups", VpcSecurityGroups(call, vpc_id)},
        {"HostedZoneId", "Z2R2ITUGPM61AM"},
        {"StorageEncrypted", c.encrypted},
        {"DbClusterResourceId", "cluster-" + rng.Alnum(26)},
        {"DBClusterArn", c.arn},
        {"AssociatedRoles", nlohmann::json::array()},
        {"IAMDatabaseAuthenticationEnabled", false},
        {"ClusterCreateTime", IsoTime(c.create_time)},
        {"EngineMode", "provisioned"},
        {"DeletionProtection", rng.Chance(0.5)},
        {"HttpEndpointEnabled", false},
        {"CopyTagsToSnapshot", true},
        {"CrossAccountClone", false},
        {"DomainMemberships", nlohmann::json::array()},
        {"TagList", TagList(c.tags)},
        {"StorageType", "aurora"},
        {"AutoMinorVersionUpgrade", true},
        {"NetworkType", "IPV4"},
        {"EngineLifecycleSupport", "open-source-rds-extended-support"}};
    if (c.encrypted) cluster["KmsKeyId"] = key_arn;
    out.push_back(std::move(cluster));
  }
  return Ok({{"DBClusters", out}});
}

}  // namespace

void RegisterRds(HandlerTable& table) {
  table.Add("rds", "DescribeDBInstances", DescribeDBInstances);
  table.Add("rds", "DescribeDBClusters", DescribeDBClusters);
}

}  // namespace view360::sim::resources
