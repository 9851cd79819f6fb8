// Helpers shared by the simulated security services (security_*.cpp): per-account enablement,
// instants inside a day, ARNs, the timestamp forms the services use, and the request filters
// Security Hub and Inspector share (string comparisons, date windows).
//
// Internal to services/security_*.cpp; may change with them. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/handler.h"
#include "sim/world.h"

namespace view360::sim::security {

// Registration of one service each (security.cpp calls them all).
void RegisterSecurityHub(HandlerTable& table);
void RegisterGuardDuty(HandlerTable& table);
void RegisterInspector2(HandlerTable& table);
void RegisterKms(HandlerTable& table);
void RegisterWafv2(HandlerTable& table);
void RegisterCloudTrail(HandlerTable& table);
void RegisterSecretsManager(HandlerTable& table);
void RegisterAcm(HandlerTable& table);

// Whether `account` has turned `service` off (not subscribed, no detector...): a fixed
// `share` of accounts, the same on every call. The management account always has it on.
bool ServiceOff(const World& world, const Account& account, std::string_view service, double share);

// Whether the call's region holds data for the caller (an enabled region).
bool HasRegionalData(const ApiCall& call);

// An instant inside `day`, to the millisecond.
Clock::time_point InstantIn(Day day, Rng& rng);
// "2025-09-15T10:20:30.123Z": the string form Security Hub and GuardDuty use.
std::string IsoMillis(Clock::time_point time);
int64_t EpochMillis(Clock::time_point time);
// A random RFC 4122 version-4 UUID (lower case).
std::string Uuid(Rng& rng);
// "arn:aws:<service>:<region>:<account>:<resource>".
std::string Arn(std::string_view service, std::string_view region, std::string_view account_id,
                std::string_view resource);

// A request timestamp (ParseTime): absent (no value), present, or present but unreadable.
struct TimeParam {
  std::optional<Clock::time_point> value;
  bool invalid = false;
};
TimeParam ReadTime(const nlohmann::json& value);

// The names a service gives the members of its string and date filters.
struct FilterKeys {
  const char* value;       // "Value" / "value"
  const char* comparison;  // "Comparison" / "comparison"
  const char* start;       // "Start" / "startInclusive"
  const char* end;         // "End" / "endInclusive"
};
inline constexpr FilterKeys kSecurityHubKeys{"Value", "Comparison", "Start", "End"};
inline constexpr FilterKeys kInspectorKeys{"value", "comparison", "startInclusive", "endInclusive"};

// Whether `value` passes a list of string filters on one attribute: any positive filter
// (EQUALS, PREFIX, CONTAINS) must match when there is one, and every negative one (NOT_EQUALS,
// PREFIX_NOT_EQUALS, NOT_CONTAINS) must hold. An absent or empty list passes everything.
bool StringFiltersPass(const nlohmann::json* filters, std::string_view value,
                       const FilterKeys& keys);

// A date window of a filter list: [start, end] (inclusive), from Start/End or Security Hub's
// DateRange {Value, Unit DAYS} counted back from the end of `today`.
struct DateWindow {
  Clock::time_point start = Clock::time_point::min();
  Clock::time_point end = Clock::time_point::max();
  bool Contains(Clock::time_point time) const { return start <= time && time <= end; }
};
// The windows of one attribute's date filters (any may match); an error message for a bad
// timestamp. An absent list gives no windows (everything passes).
struct DateFilters {
  std::vector<DateWindow> windows;
  std::string error;
  bool Pass(Clock::time_point time) const;
  // The first and last day any window can match, clamped to [lo, hi].
  void ClampDays(Day& lo, Day& hi) const;
};
DateFilters ReadDateFilters(const nlohmann::json* filters, const FilterKeys& keys, Day today);

// The resources findings point at, chosen among those of resources.h that exist on the finding's
// day, so a finding names an instance or bucket the account really had then. Caches each
// (kind, day) list for the life of one request; not thread-safe (one per request).
enum class ResourceKind { kInstance, kVolume, kBucket, kDbInstance, kFunction, kLoadBalancer };
struct ResourceRef {
  std::string id;    // Native id: "i-...", bucket name, function name, ...
  std::string arn;   // Always set (built when the service has none).
  std::string type;  // ASFF type: "AwsEc2Instance", "AwsS3Bucket", ...
};
class ResourcePicker {
 public:
  explicit ResourcePicker(const ApiCall& call) : call_(call) {}
  // One of the resources of `kind` existing on `day` in the call's region, chosen by one draw
  // of `rng` (one whether or not there is any); nullopt when there is none.
  std::optional<ResourceRef> Pick(ResourceKind kind, Day day, Rng& rng);
  // The resource a draw of Pick's stands for, resolved later (only for the findings a page
  // shows, since loading a day's resources is what costs).
  std::optional<ResourceRef> Resolve(ResourceKind kind, Day day, uint64_t draw);
  // Every resource of `kind` existing on `day`.
  const std::vector<ResourceRef>& All(ResourceKind kind, Day day);

 private:
  const ApiCall& call_;
  std::map<std::pair<ResourceKind, Day>, std::vector<ResourceRef>> cache_;
};

// A KMS key of an account and region (security_kms.cpp), as it stands on the world's today.
// Secrets Manager encrypts with these keys.
struct KmsKey {
  std::string id, arn, alias;           // alias: "alias/aws/s3", "alias/payments", or "".
  std::string description, manager;     // manager: "AWS" or "CUSTOMER".
  std::string state;                    // "Enabled", "Disabled", "PendingDeletion".
  std::string spec, usage;              // "SYMMETRIC_DEFAULT" + "ENCRYPT_DECRYPT", ...
  Clock::time_point created, deletion;  // deletion: set when PendingDeletion.
  int deletion_window_days = 0;
  bool rotation = false;
  bool rotation_denied = false;  // The key policy does not let the caller read rotation.
};
// Every key that exists on today (PendingDeletion included), by key id; empty for a region the
// account has not enabled.
std::vector<KmsKey> KmsKeysOf(const World& world, const Account& account, std::string_view region);

// Where a self-paging handler (Reply::paged) that lists items newest day first resumes: the day
// and how many of that day's matches to skip. Packed into the page token's offset, so a page
// costs the days it shows, not every day before it.
struct DayCursor {
  static constexpr size_t kStride = 4096;  // More than any day's matches.
  Day day = 0;
  size_t skip = 0;
  static DayCursor Decode(size_t offset, Day newest) {
    return {newest - static_cast<Day>(offset / kStride), offset % kStride};
  }
  size_t Encode(Day newest) const { return static_cast<size_t>(newest - day) * kStride + skip; }
};

// params[name] when it is present and not null.
const nlohmann::json* Member(const nlohmann::json& object, std::string_view name);

}  // namespace view360::sim::security
