// health: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the health collector is not implemented yet");
}

}  // namespace

const Category& HealthCategory() {
  static const Category category{"health", "health", "health", Scope::kAccount, Collect, {}};
  return category;
}

}  // namespace view360::collect
