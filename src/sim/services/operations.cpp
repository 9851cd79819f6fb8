#include "sim/services/services.h"
namespace view360::sim {
void RegisterOperationsServices(HandlerTable&) {}
}  // namespace view360::sim
