// resilience_hub: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the resilience_hub collector is not implemented yet");
}

}  // namespace

const Category& ResilienceHubCategory() {
  static const Category category{"resilience_hub", "resilience_hub", "resilience_hub",
                                 Scope::kRegional, Collect,          {}};
  return category;
}

}  // namespace view360::collect
