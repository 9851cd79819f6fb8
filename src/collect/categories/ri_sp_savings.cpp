// ri_sp_savings: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the ri_sp_savings collector is not implemented yet");
}

}  // namespace

const Category& RiSpSavingsCategory() {
  static const Category category{"ri_sp_savings",  "ri_sp_savings", "ri_sp_savings",
                                 Scope::kRegional, Collect,         {}};
  return category;
}

}  // namespace view360::collect
