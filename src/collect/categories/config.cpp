// config: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the config collector is not implemented yet");
}

}  // namespace

const Category& ConfigCategory() {
  static const Category category{"config", "config", "config", Scope::kRegional, Collect, {}};
  return category;
}

}  // namespace view360::collect
