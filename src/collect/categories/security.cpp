// security (§b.7): nine members, in the original's order, from eight sub-collectors that run
// concurrently as the original's nine-worker pool did (security.h; one file each).
//
// Fix (§g S2): a sub-collector that fails records {<its tag>: error} and makes security_status
// "Fail"; its member stays [] and the others go on. The section itself is always produced.
#include <exception>
#include <functional>
#include <future>
#include <vector>

#include "collect/categories/categories.h"
#include "collect/categories/security.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"securityhub", "GetFindings"},
    {"guardduty", "ListDetectors"},
    {"guardduty", "ListFindings"},
    {"guardduty", "GetFindings"},
    {"kms", "ListKeys"},
    {"kms", "DescribeKey"},
    {"kms", "GetKeyRotationStatus"},
    {"wafv2", "ListWebACLs"},
    {"wafv2", "GetWebACL"},
    {"wafv2", "ListResourcesForWebACL"},
    {"wafv2", "GetLoggingConfiguration"},
    {"cloudtrail", "DescribeTrails"},
    {"cloudtrail", "GetTrailStatus"},
    {"cloudtrail", "LookupEvents"},
    {"secretsmanager", "ListSecrets"},
    {"acm", "ListCertificates"},
    {"acm", "DescribeCertificate"},
    {"inspector2", "ListFindings"},
};

// One sub-collector: its tag, the members it fills, and how.
struct Part {
  std::string_view tag;
  std::vector<Json*> members;
  std::function<Status()> run;
};

Status Collect(CategoryContext& ctx, Json& section) {
  using namespace security;
  Json hub = Json::array(), guard_duty = Json::array(), kms = Json::array(), waf = Json::array(),
       waf_rules = Json::array(), cloudtrail = Json::array(), secrets = Json::array(),
       certificates = Json::array(), inspector = Json::array();
  std::vector<Part> parts;
  parts.push_back({kSecurityHubTag, {&hub}, [&] { return CollectSecurityHub(ctx, hub); }});
  parts.push_back(
      {kGuardDutyTag, {&guard_duty}, [&] { return CollectGuardDuty(ctx, guard_duty); }});
  parts.push_back({kKmsTag, {&kms}, [&] { return CollectKms(ctx, kms); }});
  parts.push_back({kWafTag, {&waf, &waf_rules}, [&] { return CollectWaf(ctx, waf, waf_rules); }});
  parts.push_back(
      {kCloudTrailTag, {&cloudtrail}, [&] { return CollectCloudTrail(ctx, cloudtrail); }});
  parts.push_back({kSecretsTag, {&secrets}, [&] { return CollectSecrets(ctx, secrets); }});
  parts.push_back(
      {kCertificatesTag, {&certificates}, [&] { return CollectCertificates(ctx, certificates); }});
  parts.push_back({kInspectorTag, {&inspector}, [&] { return CollectInspector(ctx, inspector); }});

  std::vector<std::future<Status>> running;
  running.reserve(parts.size());
  for (Part& part : parts) {
    // An exception (an output of an unexpected shape) fails its part, not the document.
    running.push_back(std::async(std::launch::async, [&part]() -> Status {
      try {
        return part.run();
      } catch (const std::exception& e) {
        return InternalError(std::string("unexpected ") + std::string(part.tag) +
                             " output: " + e.what());
      }
    }));
  }
  // Failures are recorded in member order, whatever order the parts finish in.
  for (size_t i = 0; i < parts.size(); ++i) {
    const Status status = running[i].get();
    if (status.ok()) continue;
    ctx.Fail(parts[i].tag, status);
    for (Json* member : parts[i].members) *member = Json::array();
  }

  section = Json::object();
  section["security_hub"] = std::move(hub);
  section["guard_duty"] = std::move(guard_duty);
  section["kms"] = std::move(kms);
  section["waf"] = std::move(waf);
  section["waf_rules"] = std::move(waf_rules);
  section["cloudtrail"] = std::move(cloudtrail);
  section["secrets_manager"] = std::move(secrets);
  section["certificate_manager"] = std::move(certificates);
  section["inspector"] = std::move(inspector);
  return OkStatus();
}

}  // namespace

const Category& SecurityCategory() {
  static const Category category{"security",       "security", "security_all",
                                 Scope::kRegional, Collect,    kOperations};
  return category;
}

}  // namespace view360::collect
