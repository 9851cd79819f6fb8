#include "sim/services/services.h"
namespace view360::sim {
void RegisterResourceServices(HandlerTable&) {}
}  // namespace view360::sim
