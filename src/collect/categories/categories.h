// The categories, one file each under categories/. Internal to src/collect: others use
// collect/category.h's AllCategories().
#pragma once

#include "collect/category.h"

namespace view360::collect {

const Category& AccountCategory();           // account.cpp
const Category& ConfigCategory();            // config.cpp
const Category& ServiceCategory();           // service.cpp
const Category& CostCategory();              // cost.cpp
const Category& SecurityCategory();          // security.cpp (+ security_*.cpp)
const Category& InventoryCategory();         // inventory.cpp
const Category& MarketplaceCategory();       // marketplace.cpp
const Category& TrustedAdvisorCategory();    // trusted_advisor.cpp
const Category& HealthCategory();            // health.cpp
const Category& ApplicationCategory();       // application.cpp
const Category& ResilienceHubCategory();     // resilience_hub.cpp
const Category& ComputeOptimizerCategory();  // compute_optimizer.cpp
const Category& RiSpSavingsCategory();       // ri_sp_savings.cpp
const Category& ServiceResourcesCategory();  // service_resources.cpp
const Category& ConfigInventoryCategory();   // config_inventory.cpp
const Category& SupportTicketsCategory();    // support_tickets.cpp

}  // namespace view360::collect
