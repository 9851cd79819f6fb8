#include "collect/category.h"

#include "collect/categories/categories.h"

namespace view360::collect {

const std::vector<Category>& AllCategories() {
  static const std::vector<Category> categories = {
      AccountCategory(),       ConfigCategory(),           ServiceCategory(),
      CostCategory(),          SecurityCategory(),         InventoryCategory(),
      MarketplaceCategory(),   TrustedAdvisorCategory(),   HealthCategory(),
      ApplicationCategory(),   ResilienceHubCategory(),    ComputeOptimizerCategory(),
      RiSpSavingsCategory(),   ServiceResourcesCategory(), ConfigInventoryCategory(),
      SupportTicketsCategory()};
  return categories;
}

const Category* FindCategory(std::string_view name) {
  for (const Category& category : AllCategories()) {
    if (category.name == name) return &category;
  }
  return nullptr;
}

}  // namespace view360::collect
