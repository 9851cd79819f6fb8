// trusted_advisor: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the trusted_advisor collector is not implemented yet");
}

}  // namespace

const Category& TrustedAdvisorCategory() {
  static const Category category{"trusted_advisor", "trusted_advisor", "trusted_advisor",
                                 Scope::kAccount,   Collect,           {}};
  return category;
}

}  // namespace view360::collect
