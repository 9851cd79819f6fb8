// cost: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the cost collector is not implemented yet");
}

}  // namespace

const Category& CostCategory() {
  static const Category category{"cost", "cost", "cost_analysis", Scope::kAccount, Collect, {}};
  return category;
}

}  // namespace view360::collect
