// inspector[] (§b.7): Amazon Inspector (inspector2) findings first observed, last observed or
// updated in the window.
//
// As the original, ListFindings is asked without a filter and the window is applied here: the
// three dates are OR-ed, which one filterCriteria (AND across fields) cannot express. Fix
// (§g S9): every page (100 findings each), where the original read the first.
#include "collect/categories/security.h"

namespace view360::collect::security {
namespace {

constexpr int kPageSize = 100;  // ListFindings' maxResults maximum.

bool Touched(const nlohmann::json& f, const Window& window) {
  for (const char* key : {"firstObservedAt", "lastObservedAt", "updatedAt"}) {
    if (InWindow(StringOr(f, key, ""), window)) return true;
  }
  return false;
}

}  // namespace

Status CollectInspector(CategoryContext& ctx, Json& out) {
  out = Json::array();
  return ctx.Paginate("inspector2", "ListFindings", {{"maxResults", kPageSize}},
                      [&](const nlohmann::json& page) {
                        for (const auto& f : page.value("findings", nlohmann::json::array())) {
                          if (!Touched(f, ctx.window())) continue;
                          Json row = Json::object();
                          row["finding_arn"] = StringOrNull(f, "findingArn");
                          row["severity"] = StringOrNull(f, "severity");
                          row["status"] = StringOrNull(f, "status");
                          row["type"] = StringOrNull(f, "type");
                          row["title"] = StringOrNull(f, "title");
                          row["description"] = StringOrNull(f, "description");
                          row["first_observed_at"] = TimeOrNull(f, "firstObservedAt");
                          row["last_observed_at"] = TimeOrNull(f, "lastObservedAt");
                          row["updated_at"] = TimeOrNull(f, "updatedAt");
                          out.push_back(std::move(row));
                        }
                        return OkStatus();
                      });
}

}  // namespace view360::collect::security
