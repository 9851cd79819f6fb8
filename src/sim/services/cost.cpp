#include "sim/services/services.h"
namespace view360::sim {
void RegisterCostServices(HandlerTable&) {}
}  // namespace view360::sim
