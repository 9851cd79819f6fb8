// inventory (§b.8): the region's SSM managed instances, the applications their inventory lists,
// and the patches installed on them inside the window.
//
// Calls: DescribeInstanceInformation (all pages); per instance ListInventoryEntries
// (AWS:Application, following NextToken: it has no botocore paginator) and
// DescribeInstancePatches (all pages).
//
// Fixes: every listing is paginated (§g S9); patches are fetched once per instance, not once per
// AWS:PatchSummary content item (which could duplicate them), so GetInventory is not called
// (§g S11); patches are kept when InstalledTime is inside [start, end). Application
// `install_time` is normalised (§g S11): "" -> null, an ISO-8601 time -> the document's datetime
// form; any other text is kept as the inventory reported it.
//
// An instance whose applications or patches cannot be read keeps its other data; such failures
// are logged as one message per kind (tag "inventory").
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"
#include "collect/categories/repeated_failures.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"ssm", "DescribeInstanceInformation"},
    {"ssm", "ListInventoryEntries"},
    {"ssm", "DescribeInstancePatches"},
};

Json Instance(const nlohmann::json& info) {
  Json instance = Json::object();
  instance["instance_id"] = StringOrNull(info, "InstanceId");
  instance["platform"] = StringOrNull(info, "PlatformName");
  instance["platform_type"] = StringOrNull(info, "PlatformType");
  instance["platform_version"] = StringOrNull(info, "PlatformVersion");
  instance["agent_version"] = StringOrNull(info, "AgentVersion");
  instance["is_latest_version"] = ValueOrNull(info, "IsLatestVersion");
  instance["last_ping"] = TimeOrNull(info, "LastPingDateTime");
  instance["computer_name"] = StringOrNull(info, "ComputerName");
  instance["instance_type"] = StringOrNull(info, "ResourceType");
  instance["ip_address"] = StringOrNull(info, "IPAddress");
  instance["ping_status"] = StringOrNull(info, "PingStatus");
  instance["last_ping_date_time"] = TimeOrNull(info, "LastPingDateTime");
  instance["association_status"] = StringOrNull(info, "AssociationStatus");
  instance["association_execution_date"] = TimeOrNull(info, "LastAssociationExecutionDate");
  instance["association_success_date"] = TimeOrNull(info, "LastSuccessfulAssociationExecutionDate");
  return instance;
}

// An inventory InstalledTime: free text that may be "" (§b.1).
Json InstallTime(const nlohmann::json& entry) {
  const std::string text = StringOr(entry, "InstalledTime", "");
  if (text.empty()) return nullptr;
  return ParseTime(text) ? Json(document::PythonTime(text)) : Json(text);
}

Status AddApplications(CategoryContext& ctx, const std::string& instance_id, Json& applications) {
  nlohmann::json params = {{"InstanceId", instance_id}, {"TypeName", "AWS:Application"}};
  for (;;) {
    VIEW360_ASSIGN_OR_RETURN(auto page, ctx.Call("ssm", "ListInventoryEntries", params));
    for (const auto& entry : page.value("Entries", nlohmann::json::array())) {
      Json application = Json::object();
      application["instance_id"] = instance_id;
      application["name"] = StringOrNull(entry, "Name");
      application["version"] = StringOrNull(entry, "Version");
      application["publisher"] = StringOrNull(entry, "Publisher");
      application["architecture"] = StringOrNull(entry, "Architecture");
      application["application_type"] = StringOrNull(entry, "ApplicationType");
      application["install_time"] = InstallTime(entry);
      applications.push_back(std::move(application));
    }
    const std::string next = StringOr(page, "NextToken", "");
    if (next.empty()) return OkStatus();
    params["NextToken"] = next;
  }
}

Status AddPatches(CategoryContext& ctx, const std::string& instance_id, Json& patches) {
  return ctx.Paginate("ssm", "DescribeInstancePatches", {{"InstanceId", instance_id}},
                      [&](const nlohmann::json& page) {
                        for (const auto& patch : page.value("Patches", nlohmann::json::array())) {
                          if (!InWindow(StringOr(patch, "InstalledTime", ""), ctx.window()))
                            continue;
                          const std::string classification = StringOr(patch, "Classification", "");
                          const std::string severity = StringOr(patch, "Severity", "");
                          Json item = Json::object();
                          item["instance_id"] = instance_id;
                          item["title"] = StringOrNull(patch, "Title");
                          item["classification"] =
                              classification.empty() ? "Normal" : classification;
                          item["severity"] = severity.empty() ? "None" : severity;
                          item["state"] = StringOrNull(patch, "State");
                          item["installed_time"] = TimeOrNull(patch, "InstalledTime");
                          patches.push_back(std::move(item));
                        }
                        return OkStatus();
                      });
}

Status Collect(CategoryContext& ctx, Json& section) {
  std::vector<nlohmann::json> infos;
  VIEW360_RETURN_IF_ERROR(ctx.Paginate(
      "ssm", "DescribeInstanceInformation", nlohmann::json::object(),
      [&](const nlohmann::json& page) {
        for (const auto& info : page.value("InstanceInformationList", nlohmann::json::array())) {
          infos.push_back(info);
        }
        return OkStatus();
      }));

  Json instances = Json::array(), applications = Json::array(), patches = Json::array();
  RepeatedFailures application_failures("inventory"), patch_failures("inventory");
  for (const auto& info : infos) {
    instances.push_back(Instance(info));
    const std::string id = StringOr(info, "InstanceId", "");
    if (id.empty()) continue;
    if (Status s = AddApplications(ctx, id, applications); !s.ok()) application_failures.Add(s);
    if (Status s = AddPatches(ctx, id, patches); !s.ok()) patch_failures.Add(s);
  }
  const int count = static_cast<int>(infos.size());
  application_failures.Report(ctx, count, "instances' applications");
  patch_failures.Report(ctx, count, "instances' patches");

  section = Json::object();
  section["instances"] = std::move(instances);
  section["applications"] = std::move(applications);
  section["patches"] = std::move(patches);
  for (const char* always_empty :
       {"services", "users", "processes", "network_ports", "certificates"}) {
    section[always_empty] = Json::array();
  }
  return OkStatus();
}

}  // namespace

const Category& InventoryCategory() {
  static const Category category{"inventory",      "inventory", "inventory",
                                 Scope::kRegional, Collect,     kOperations};
  return category;
}

}  // namespace view360::collect
