// security: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the security collector is not implemented yet");
}

}  // namespace

const Category& SecurityCategory() {
  static const Category category{"security",       "security", "security_all",
                                 Scope::kRegional, Collect,    {}};
  return category;
}

}  // namespace view360::collect
