// Simulated resource services: EC2 (regions, instances, volumes, subnets, snapshots), RDS,
// ELBv2, Auto Scaling, Lambda and CloudWatch GetMetricStatistics, all over the shared resource
// generators of sim/resources.h. One file per service: resources_<service>.cpp.
#include "sim/services/resources_internal.h"
#include "sim/services/services.h"

namespace view360::sim {

void RegisterResourceServices(HandlerTable& table) {
  resources::RegisterEc2(table);
  resources::RegisterRds(table);
  resources::RegisterElbv2(table);
  resources::RegisterAutoScaling(table);
  resources::RegisterLambda(table);
  resources::RegisterCloudWatchStatistics(table);
}

}  // namespace view360::sim
