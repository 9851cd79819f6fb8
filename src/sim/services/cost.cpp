// Cost services: Cost Explorer (GetCostAndUsage, GetCostForecast, GetReservationUtilization,
// GetSavingsPlansUtilization), Savings Plans (DescribeSavingsPlans) and the reservation listings
// of EC2 (DescribeReservedInstances) and RDS (DescribeReservedDBInstances). The pieces live in
// cost_*.cpp; cost_internal.h describes what they share.
#include "sim/services/cost_internal.h"
#include "sim/services/services.h"

namespace view360::sim {

void RegisterCostServices(HandlerTable& table) {
  cost::RegisterCostAndUsage(table);
  cost::RegisterCostForecast(table);
  cost::RegisterUtilization(table);
  cost::RegisterReservationListings(table);
  cost::RegisterSavingsPlansListing(table);
}

}  // namespace view360::sim
