// health (§b.11): AWS Health events of the account that started inside the window.
//
// Account-wide (§g S14): collected once per account, in the home region's document; the Health
// API is served from us-east-1. Without a Business support plan it answers
// SubscriptionRequiredException: the category fails with tag "health".
//
// Fix (§g S9): every page of DescribeEvents is read. The API's startTimes range includes its
// `to` bound, so events starting exactly at the window's end are dropped here ([start, end)).
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"health", "DescribeEvents"},
};

constexpr char kHealthRegion[] = "us-east-1";

Json Event(const nlohmann::json& e) {
  Json event = Json::object();
  event["arn"] = StringOrNull(e, "arn");
  event["service"] = StringOrNull(e, "service");
  event["event_type_code"] = StringOrNull(e, "eventTypeCode");
  event["event_type_category"] = StringOrNull(e, "eventTypeCategory");
  event["region"] = StringOrNull(e, "region");
  event["availability_zone"] = StringOrNull(e, "availabilityZone");
  event["start_time"] = TimeOrNull(e, "startTime");
  event["end_time"] = TimeOrNull(e, "endTime");
  event["last_updated_time"] = TimeOrNull(e, "lastUpdatedTime");
  event["status_code"] = StringOrNull(e, "statusCode");
  event["event_scope_code"] = StringOrNull(e, "eventScopeCode");
  return event;
}

Status Collect(CategoryContext& ctx, Json& section) {
  const Window& window = ctx.window();
  nlohmann::json range = {{"from", WindowStartTime(window)}, {"to", WindowEndTime(window)}};
  const nlohmann::json filter = {{"startTimes", nlohmann::json::array({std::move(range)})}};
  Json events = Json::array();
  VIEW360_RETURN_IF_ERROR(ctx.Paginate(
      "health", "DescribeEvents", {{"filter", filter}},
      [&](const nlohmann::json& page) {
        for (const auto& e : page.value("events", nlohmann::json::array())) {
          if (InWindow(StringOr(e, "startTime", ""), window)) events.push_back(Event(e));
        }
        return OkStatus();
      },
      kHealthRegion));
  section = std::move(events);
  return OkStatus();
}

}  // namespace

const Category& HealthCategory() {
  static const Category category{"health",        "health", "health",
                                 Scope::kAccount, Collect,  kOperations};
  return category;
}

}  // namespace view360::collect
