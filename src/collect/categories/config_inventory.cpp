// config_inventory (§b.9, §d.18): always `[]`, status "Pass" — a decision, not a gap (§g S8).
//
// The original sender has no producer for this key (its get_config_resource_inventory was
// removed), so every document it writes carries `[]`; the warehouse table exists with the
// service_resources columns plus resource_subtype. The natural source would be AWS Config's
// resource inventory (ListDiscoveredResources + BatchGetResourceConfig, or an advanced query),
// but those operations are not in our trimmed Config model and Config records only where a
// recorder runs, so it would be a new collector with its own IAM grants rather than a fix.
// Copying service_resources here would store every resource twice under another table. We
// therefore keep the original's value and declare no operations (the IAM policy grants
// nothing for it); documents stay interchangeable with the original's.
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"

namespace view360::collect {
namespace {

Status Collect(CategoryContext&, document::Json& section) {
  section = document::Json::array();
  return OkStatus();
}

}  // namespace

const Category& ConfigInventoryCategory() {
  static const Category category{
      "config_inventory", "config_inventory", "config_inventory", Scope::kRegional, Collect, {}};
  return category;
}

}  // namespace view360::collect
