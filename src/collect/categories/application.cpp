// application: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the application collector is not implemented yet");
}

}  // namespace

const Category& ApplicationCategory() {
  static const Category category{"application",    "application", "application_signals",
                                 Scope::kRegional, Collect,       {}};
  return category;
}

}  // namespace view360::collect
