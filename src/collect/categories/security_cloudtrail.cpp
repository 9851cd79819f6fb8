// cloudtrail[] (§b.7): the trails visible in the region (their own and shadow copies of
// multi-region and organization trails), each with its logging status.
//
// Fix (§g S3): recent_events_count is the number of management events LookupEvents reports for
// the window in the document's region (the original sent MaxItems, not a LookupEvents
// parameter, so the call always failed and the count was 0). Event history is per account and
// region, not per trail, so it is counted once and every trail of the document carries the same
// count. The count is exact up to kMaxLookupEvents and stops there (a busier region reports
// kMaxLookupEvents): LookupEvents allows 2 requests per second per account and region and 50
// events per page, so an exact count of a busy day would take minutes. Not counted (0) when
// the region shows no trail, as the original only looked per trail; a lookup that fails leaves
// 0 and is recorded under "cloudtrail".
#include "collect/categories/security.h"

namespace view360::collect::security {
namespace {

constexpr int kLookupPageSize = 50;         // LookupEvents' MaxResults maximum.
constexpr int64_t kMaxLookupEvents = 1000;  // 20 pages: ~10 s at LookupEvents' 2 TPS.

// Ends the paging once the cap is reached; not an error.
const Status& CapReached() {
  static const Status status(StatusCode::kFailedPrecondition, "lookup cap reached",
                             "View360LookupCap");
  return status;
}

Result<int64_t> CountEvents(CategoryContext& ctx) {
  int64_t count = 0;
  const nlohmann::json params = {{"StartTime", WindowStartTime(ctx.window())},
                                 {"EndTime", WindowEndTime(ctx.window())},
                                 {"MaxResults", kLookupPageSize}};
  const Status status =
      ctx.Paginate("cloudtrail", "LookupEvents", params, [&](const nlohmann::json& page) {
        for (const auto& event : page.value("Events", nlohmann::json::array())) {
          // The window's end is exclusive; LookupEvents' EndTime may include it.
          if (!InWindow(StringOr(event, "EventTime", ""), ctx.window())) continue;
          if (++count >= kMaxLookupEvents) return CapReached();
        }
        return OkStatus();
      });
  if (!status.ok() && status.reason() != CapReached().reason()) return status;
  return count;
}

}  // namespace

Status CollectCloudTrail(CategoryContext& ctx, Json& out) {
  VIEW360_ASSIGN_OR_RETURN(auto described,
                           ctx.Call("cloudtrail", "DescribeTrails", nlohmann::json::object()));
  const nlohmann::json trails = described.value("trailList", nlohmann::json::array());
  int64_t events = 0;
  if (!trails.empty()) {
    auto counted = CountEvents(ctx);
    if (counted.ok()) {
      events = *counted;
    } else {
      ctx.Fail(kCloudTrailTag, counted.status());
    }
  }
  out = Json::array();
  for (const auto& trail : trails) {
    const std::string arn = StringOr(trail, "TrailARN", "");
    nlohmann::json status = nlohmann::json::object();
    auto got = ctx.Call("cloudtrail", "GetTrailStatus", {{"Name", arn}});
    if (got.ok()) {
      status = std::move(*got);
    } else if (got.status().code() != StatusCode::kNotFound) {
      ctx.Fail(kCloudTrailTag, got.status());  // Status unknown: its members stay null.
    }
    Json row = Json::object();
    row["name"] = StringOrNull(trail, "Name");
    row["arn"] = StringOrNull(trail, "TrailARN");
    row["is_logging"] = ValueOrNull(status, "IsLogging");
    row["is_multi_region"] = ValueOrNull(trail, "IsMultiRegionTrail");
    row["include_global_events"] = ValueOrNull(trail, "IncludeGlobalServiceEvents");
    row["s3_bucket"] = StringOrNull(trail, "S3BucketName");
    row["kms_key_id"] = StringOrNull(trail, "KmsKeyId");
    const Json validation = ValueOrNull(trail, "LogFileValidationEnabled");
    row["log_file_validation"] = validation.is_boolean() && validation.get<bool>();
    row["recent_events_count"] = events;
    row["latest_delivery_time"] = TimeOrNull(status, "LatestDeliveryTime");
    row["start_logging_time"] = TimeOrNull(status, "StartLoggingTime");
    row["stop_logging_time"] = TimeOrNull(status, "StopLoggingTime");
    out.push_back(std::move(row));
  }
  return OkStatus();
}

}  // namespace view360::collect::security
