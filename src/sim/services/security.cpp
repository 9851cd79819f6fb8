// Simulated security services: securityhub, guardduty, inspector2, kms, wafv2, cloudtrail,
// secretsmanager and acm, one file each (security_<service>.cpp).
#include "sim/services/security_internal.h"
#include "sim/services/services.h"

namespace view360::sim {

void RegisterSecurityServices(HandlerTable& table) {
  security::RegisterSecurityHub(table);
  security::RegisterGuardDuty(table);
  security::RegisterInspector2(table);
  security::RegisterKms(table);
  security::RegisterWafv2(table);
  security::RegisterCloudTrail(table);
  security::RegisterSecretsManager(table);
  security::RegisterAcm(table);
}

}  // namespace view360::sim
