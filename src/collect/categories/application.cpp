// application (§b.9): the services CloudWatch Application Signals saw active in the region
// during the window.
//
// The original sender never called its collector (§g S8): its documents always hold []. This one
// runs and writes the dormant collector's members, {service_name, namespace, key_attributes,
// attribute_map, metric_references}, sourced from the fields ListServices really returns (the
// dormant code read ServiceName, Namespace and AttributeMap, which do not exist):
//   service_name       KeyAttributes.Name
//   namespace          KeyAttributes.Environment ("eks:cluster/namespace", "ec2:default", ...)
//   key_attributes     KeyAttributes as returned
//   attribute_map      the AttributeMaps merged into one object ({} when none)
//   metric_references  MetricReferences as returned ([] when none)
//
// ListServices accepts at most 24 hours per request (the dormant code then looked at the last
// 23 hours instead of the window); a longer window is asked day by day and each service is
// listed once. Every page is read (§g S9).
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"application-signals", "ListServices"},
};

Json Element(const nlohmann::json& summary) {
  const nlohmann::json keys = summary.value("KeyAttributes", nlohmann::json::object());
  Json attribute_map = Json::object();
  for (const auto& map : summary.value("AttributeMaps", nlohmann::json::array())) {
    if (!map.is_object()) continue;
    for (const auto& [k, v] : map.items()) attribute_map[k] = ToDocument(v);
  }
  Json element = Json::object();
  element["service_name"] = StringOrNull(keys, "Name");
  element["namespace"] = StringOrNull(keys, "Environment");
  element["key_attributes"] = ToDocument(keys);
  element["attribute_map"] = std::move(attribute_map);
  element["metric_references"] =
      ToDocument(summary.value("MetricReferences", nlohmann::json::array()));
  return element;
}

Status Collect(CategoryContext& ctx, Json& section) {
  const Window& window = ctx.window();
  std::set<std::string> seen;  // KeyAttributes, serialised: one element per service.
  Json services = Json::array();
  for (Day day = window.start; day < window.end; day += std::chrono::days(1)) {
    const nlohmann::json params = {
        {"StartTime", FormatDay(day) + "T00:00:00Z"},
        {"EndTime", FormatDay(day + std::chrono::days(1)) + "T00:00:00Z"}};
    VIEW360_RETURN_IF_ERROR(ctx.Paginate(
        "application-signals", "ListServices", params, [&](const nlohmann::json& page) {
          for (const auto& summary : page.value("ServiceSummaries", nlohmann::json::array())) {
            const std::string key = summary.value("KeyAttributes", nlohmann::json::object()).dump();
            if (seen.insert(key).second) services.push_back(Element(summary));
          }
          return OkStatus();
        }));
  }
  section = std::move(services);
  return OkStatus();
}

}  // namespace

const Category& ApplicationCategory() {
  static const Category category{"application",    "application", "application_signals",
                                 Scope::kRegional, Collect,       kOperations};
  return category;
}

}  // namespace view360::collect
