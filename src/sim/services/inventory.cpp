#include "sim/services/services.h"
namespace view360::sim {
void RegisterInventoryServices(HandlerTable&) {}
}  // namespace view360::sim
