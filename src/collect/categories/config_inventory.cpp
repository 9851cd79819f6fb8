// config_inventory: not collected yet (placeholder until its collector lands).
#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json&) {
  return FailedPreconditionError("the config_inventory collector is not implemented yet");
}

}  // namespace

const Category& ConfigInventoryCategory() {
  static const Category category{
      "config_inventory", "config_inventory", "config_inventory", Scope::kRegional, Collect, {}};
  return category;
}

}  // namespace view360::collect
