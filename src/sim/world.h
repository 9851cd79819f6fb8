// The simulator's synthetic organisation: a management account, OUs and N member accounts,
// derived from a seed and a Scenario, plus the small helpers every data generator shares
// (deterministic random numbers, days and timestamps).
//
// Contract: everything is a pure function of (scenario, arguments). Accounts are computed on
// demand from their index, never stored, so 10,000 accounts cost no memory; the same seed gives
// the same organisation and the same data on every run and machine.
//
// Thread-safety: a World is immutable after construction; share it freely.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace view360::sim {

using Clock = std::chrono::system_clock;

// ---- Days and timestamps (UTC) -----------------------------------------------------------------

// A calendar day as days since 1970-01-01 UTC.
using Day = int;

Day DayOf(Clock::time_point time);
Clock::time_point StartOf(Day day);
// "2025-09-15".
std::string FormatDay(Day day);
// "2025-09-15", or the day of an ISO-8601 timestamp ("2025-09-15T10:20:30Z").
Result<Day> ParseDay(std::string_view text);
// "2025-09-15T10:20:30Z": the form the protocol layer takes timestamps in (server_protocol.h).
std::string IsoTime(Clock::time_point time);
// An ISO-8601 timestamp as ParseRequest hands it over ("2025-09-15T10:20:30Z", fractions and
// offsets allowed), or a plain "2025-09-15" (midnight). kInvalidArgument otherwise.
Result<Clock::time_point> ParseTime(std::string_view text);

// ---- Deterministic random numbers
// ----------------------------------------------------------------

// SplitMix64 seeded by a hash of the seed and any number of parts (account id, region, what is
// being generated, an index): the same parts always give the same sequence.
class Rng {
 public:
  Rng(uint64_t seed, std::initializer_list<std::string_view> parts);
  Rng(uint64_t seed, std::initializer_list<std::string_view> parts, int64_t index);

  uint64_t Next();
  double Uniform();                         // [0, 1)
  int64_t Between(int64_t lo, int64_t hi);  // [lo, hi], inclusive.
  bool Chance(double probability);
  double Normal(double mean, double stddev);
  std::string Hex(int digits);        // Lower-case hexadecimal.
  std::string Alnum(int characters);  // Upper-case letters and digits.

  template <typename List>
  const auto& Pick(const List& items) {
    return items[static_cast<size_t>(Between(0, static_cast<int64_t>(std::size(items)) - 1))];
  }

 private:
  uint64_t state_;
};

// ---- The scenario
// --------------------------------------------------------------------------------

struct FaultRates {
  double latency = 0;  // Share of requests delayed by latency_ms.
  int latency_ms = 0;
  double server_error = 0;  // Share answered with a 500/503 in the protocol's error format.
  double reset = 0;         // Share whose connection is closed mid-response.
  double malformed = 0;     // Share answered 200 with a truncated body.
};

struct Scenario {
  uint64_t seed = 1;
  int accounts = 25;  // Member accounts, besides the management account.
  std::vector<std::string> regions{"us-east-1", "eu-west-1", "ap-southeast-2"};
  std::string today;       // "YYYY-MM-DD"; "" = the current UTC day.
  int history_days = 400;  // How far back generated data reaches.
  double suspended_share = 0.04;
  int page_size = 5;  // Pages hold at most this many items (AWS may return fewer than asked).
  // Roles that exist in every member account and trust the management account.
  std::vector<std::string> role_names{"View360ReadOnly", "OrganizationAccountAccessRole",
                                      "InventoryRole"};
  std::string external_id;                           // When set, AssumeRole must carry it.
  std::vector<std::string> missing_role_accounts;    // Account ids whose roles do not exist.
  std::vector<std::string> untrusted_role_accounts;  // Account ids whose roles deny the caller.
  // Account ids whose Cost Explorer is not enabled: every Cost Explorer call made in them is
  // answered AccessDeniedException, as AWS does before Cost Explorer is turned on.
  std::vector<std::string> cost_explorer_disabled_accounts;
  bool throttle = true;         // Per-(account, region, operation) token buckets.
  double throttle_scale = 1.0;  // Multiplies AWS's rates (0.1 = ten times stricter).
  FaultRates faults;
};

// Reads a scenario file (YAML; the keys are Scenario's member names, faults as a map).
// Unknown keys are refused, naming the key, so a typo is not silently ignored.
Result<Scenario> ParseScenario(std::string_view yaml_text);
Result<Scenario> LoadScenario(const std::string& path);

// ---- The organisation
// ----------------------------------------------------------------------------

struct Account {
  int index = 0;   // 0 = the management account, 1..N members.
  std::string id;  // 12 digits.
  std::string name;
  std::string email;
  std::string arn;
  std::string ou_id;          // Parent: an OU id, or the root id.
  std::string status;         // "ACTIVE" or "SUSPENDED".
  std::string joined_method;  // "CREATED" or "INVITED".
  Clock::time_point joined;
  std::vector<std::string> regions;  // Enabled regions, home region first.
  // Tags the View360 sender reads from its environment; here per account.
  std::string environment, customer, partner, product;
  bool role_missing = false;
  bool role_untrusted = false;
};

struct OrganizationalUnit {
  std::string id;
  std::string arn;
  std::string name;
  std::string parent_id;  // Root or OU id.
};

class World {
 public:
  explicit World(Scenario scenario);

  const Scenario& scenario() const { return scenario_; }
  uint64_t seed() const { return scenario_.seed; }
  Day today() const { return today_; }
  // The first day data exists for.
  Day first_day() const { return today_ - scenario_.history_days; }

  std::string organization_id() const;  // "o-..."
  std::string root_id() const;          // "r-..."
  std::string organization_arn() const;
  const std::vector<OrganizationalUnit>& organizational_units() const { return ous_; }

  int member_count() const { return scenario_.accounts; }
  Account management() const { return AccountAt(0); }
  // 0 <= index <= member_count().
  Account AccountAt(int index) const;
  std::optional<Account> FindAccount(std::string_view account_id) const;
  // Accounts whose parent is `parent_id`, in index order.
  std::vector<int> AccountsIn(std::string_view parent_id) const;

  bool RegionEnabled(const Account& account, std::string_view region) const;

 private:
  std::string AccountId(int index) const;
  std::string OuOf(int index) const;

  Scenario scenario_;
  Day today_;
  std::string id_prefix_;  // First three digits of every account id.
  std::vector<OrganizationalUnit> ous_;
};

}  // namespace view360::sim
