#include "sim/faults.h"

namespace view360::sim {

Fault DrawFault(const Scenario& scenario, uint64_t request_number) {
  const FaultRates& rates = scenario.faults;
  Fault fault;
  if (rates.latency <= 0 && rates.server_error <= 0 && rates.reset <= 0 && rates.malformed <= 0) {
    return fault;
  }
  Rng rng(scenario.seed, {"fault"}, static_cast<int64_t>(request_number));
  if (rng.Chance(rates.latency)) fault.delay_ms = rates.latency_ms;
  const double roll = rng.Uniform();
  if (roll < rates.server_error) {
    fault.kind = FaultKind::kServerError;
  } else if (roll < rates.server_error + rates.reset) {
    fault.kind = FaultKind::kReset;
  } else if (roll < rates.server_error + rates.reset + rates.malformed) {
    fault.kind = FaultKind::kMalformed;
  }
  return fault;
}

}  // namespace view360::sim
