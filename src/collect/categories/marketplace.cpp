// marketplace: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the marketplace collector is not implemented yet");
}

}  // namespace

const Category& MarketplaceCategory() {
  static const Category category{"marketplace",   "marketplace", "marketplace",
                                 Scope::kAccount, Collect,       {}};
  return category;
}

}  // namespace view360::collect
