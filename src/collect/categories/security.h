// The security category's sub-collectors (specs/view360.md §b.7, §c.5), one file each:
// security_hub.cpp, security_guardduty.cpp, security_kms.cpp, security_waf.cpp,
// security_cloudtrail.cpp, security_secrets.cpp, security_acm.cpp, security_inspector.cpp.
// security.cpp runs them and assembles the 9 members.
//
// Contract of each Collect*: fills `out` (a JSON array) and returns OK, possibly after recording
// a failure of one item (a key, an ACL, a trail) with ctx.Fail(<its tag>) and going on; or
// returns the error that stopped it (a listing call failed, the service is not enabled), and
// then security.cpp records it under the sub-collector's tag and the member stays [] (§g S2).
//
// Internal to src/collect/categories/security*.cpp. Thread-safety: the sub-collectors of one
// document run concurrently, each writing only its own members.
#pragma once

#include <string_view>

#include "collect/categories/common.h"
#include "collect/category.h"
#include "collect/context.h"

namespace view360::collect::security {

// The logs.message tags of the original (§b.17).
inline constexpr std::string_view kSecurityHubTag = "security_hub";
inline constexpr std::string_view kGuardDutyTag = "guard_duty";
inline constexpr std::string_view kKmsTag = "kms";
inline constexpr std::string_view kWafTag = "waf";  // Also waf_rules' (the original has no other).
inline constexpr std::string_view kCloudTrailTag = "cloudtrail";
inline constexpr std::string_view kSecretsTag = "secrets_manager";
inline constexpr std::string_view kCertificatesTag = "certificate_manager";
inline constexpr std::string_view kInspectorTag = "inspector";

// security_hub[]: findings of the window grouped by product.
Status CollectSecurityHub(CategoryContext& ctx, Json& out);
// guard_duty[]: findings updated in the window, of every detector.
Status CollectGuardDuty(CategoryContext& ctx, Json& out);
// kms[]: every key with its rotation status.
Status CollectKms(CategoryContext& ctx, Json& out);
// waf[] and waf_rules[] from one listing of the web ACLs (§g S5).
Status CollectWaf(CategoryContext& ctx, Json& waf, Json& waf_rules);
// cloudtrail[]: every trail visible in the region, with its status and the window's events.
Status CollectCloudTrail(CategoryContext& ctx, Json& out);
// secrets_manager[]: every secret.
Status CollectSecrets(CategoryContext& ctx, Json& out);
// certificate_manager[]: every certificate, described.
Status CollectCertificates(CategoryContext& ctx, Json& out);
// inspector[]: Inspector2 findings first observed, last observed or updated in the window.
Status CollectInspector(CategoryContext& ctx, Json& out);

}  // namespace view360::collect::security
