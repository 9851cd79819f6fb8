// inventory: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the inventory collector is not implemented yet");
}

}  // namespace

const Category& InventoryCategory() {
  static const Category category{"inventory",      "inventory", "inventory",
                                 Scope::kRegional, Collect,     {}};
  return category;
}

}  // namespace view360::collect
