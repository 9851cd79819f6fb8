// guard_duty[] (§b.7): GuardDuty findings updated in the window, for every detector of the
// region.
//
// Fix (§g S9): every page of ListDetectors and ListFindings, and GetFindings for all the ids in
// batches of 50 (its limit), where the original read the first page and the first 50 ids. The
// window is [start, end) in epoch milliseconds; the original's Gte/Lte take 32-bit integers in
// the model, so the Long-typed GreaterThanOrEqual/LessThan carry it. No detector: [] (GuardDuty
// is simply off), not a failure.
#include <algorithm>

#include "collect/categories/security.h"

namespace view360::collect::security {
namespace {

constexpr size_t kGetFindingsBatch = 50;  // GetFindings' FindingIds maximum.

int64_t EpochMillis(Day day) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(day.time_since_epoch()).count();
}

Json FindingOf(const nlohmann::json& f) {
  Json out = Json::object();
  out["id"] = StringOrNull(f, "Id");
  out["type"] = StringOrNull(f, "Type");
  out["severity"] = ValueOrNull(f, "Severity");
  out["title"] = StringOrNull(f, "Title");
  out["description"] = StringOrNull(f, "Description");
  out["created_at"] = StringOrNull(f, "CreatedAt");  // GuardDuty strings, verbatim (§b.1).
  out["updated_at"] = StringOrNull(f, "UpdatedAt");
  out["confidence"] = ValueOrNull(f, "Confidence");
  out["region"] = StringOrNull(f, "Region");
  return out;
}

}  // namespace

Status CollectGuardDuty(CategoryContext& ctx, Json& out) {
  std::vector<std::string> detectors;
  VIEW360_RETURN_IF_ERROR(ctx.Paginate(
      "guardduty", "ListDetectors", nlohmann::json::object(), [&](const nlohmann::json& page) {
        for (const auto& id : page.value("DetectorIds", nlohmann::json::array())) {
          detectors.push_back(id.get<std::string>());
        }
        return OkStatus();
      }));
  const nlohmann::json criteria = {{"Criterion",
                                    {{"updatedAt",
                                      {{"GreaterThanOrEqual", EpochMillis(ctx.window().start)},
                                       {"LessThan", EpochMillis(ctx.window().end)}}}}}};
  out = Json::array();
  for (const std::string& detector : detectors) {
    std::vector<std::string> ids;
    VIEW360_RETURN_IF_ERROR(ctx.Paginate(
        "guardduty", "ListFindings", {{"DetectorId", detector}, {"FindingCriteria", criteria}},
        [&](const nlohmann::json& page) {
          for (const auto& id : page.value("FindingIds", nlohmann::json::array())) {
            ids.push_back(id.get<std::string>());
          }
          return OkStatus();
        }));
    for (size_t first = 0; first < ids.size(); first += kGetFindingsBatch) {
      const size_t last = std::min(ids.size(), first + kGetFindingsBatch);
      nlohmann::json batch = nlohmann::json::array();
      for (size_t i = first; i < last; ++i) batch.push_back(ids[i]);
      VIEW360_ASSIGN_OR_RETURN(
          auto found, ctx.Call("guardduty", "GetFindings",
                               {{"DetectorId", detector}, {"FindingIds", std::move(batch)}}));
      for (const auto& f : found.value("Findings", nlohmann::json::array())) {
        out.push_back(FindingOf(f));
      }
    }
  }
  return OkStatus();
}

}  // namespace view360::collect::security
