#include "sim/services/services.h"
namespace view360::sim {
void RegisterSecurityServices(HandlerTable&) {}
}  // namespace view360::sim
