#include "sim/world.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "common/hash.h"

namespace view360::sim {
namespace {

constexpr const char* kOuNames[] = {"Production", "Staging",  "Development",
                                    "Sandbox",    "Security", "Shared Services"};
constexpr const char* kEnvironments[] = {"production", "staging", "development", "sandbox"};
constexpr const char* kCustomers[] = {"Acme Corp", "Globex", "Initech", "Umbrella", "Hooli"};
constexpr const char* kPartners[] = {"Cloudreach", "Rackspace", "None"};
constexpr const char* kProducts[] = {"payments", "analytics", "web", "mobile,api", "data-lake"};
constexpr const char* kTeams[] = {"platform", "payments", "data",    "web",
                                  "mobile",   "security", "finance", "growth"};

uint64_t Fnv1a(uint64_t hash, std::string_view text) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

uint64_t SplitMix(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Days from civil date (Howard Hinnant's algorithm).
Day DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

template <typename T>
Status ReadKey(const YAML::Node& node, T& out) {
  try {
    out = node.as<T>();
    return OkStatus();
  } catch (const YAML::Exception& e) {
    return InvalidArgumentError("scenario: bad value at line " +
                                std::to_string(node.Mark().line + 1) + ": " + e.what());
  }
}

}  // namespace

// ---- Days and timestamps
// --------------------------------------------------------------------------

Day DayOf(Clock::time_point time) {
  const auto days = std::chrono::floor<std::chrono::days>(time);
  return static_cast<Day>(days.time_since_epoch().count());
}

Clock::time_point StartOf(Day day) { return Clock::time_point(std::chrono::days(day)); }

std::string FormatDay(Day day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

Result<Day> ParseDay(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  const auto digits_at = [&](std::initializer_list<int> positions) {
    for (int i : positions) {
      if (text[static_cast<size_t>(i)] < '0' || text[static_cast<size_t>(i)] > '9') return false;
    }
    return true;
  };
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' ||
      !digits_at({0, 1, 2, 3, 5, 6, 8, 9}) ||
      std::sscanf(std::string(text.substr(0, 10)).c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3 ||
      m < 1 || m > 12 || d < 1 || d > 31) {
    return InvalidArgumentError("not a date (YYYY-MM-DD): " + std::string(text));
  }
  return DaysFromCivil(y, m, d);
}

std::string IsoTime(Clock::time_point time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const Day day = DayOf(seconds);
  const auto in_day = seconds - std::chrono::floor<std::chrono::days>(seconds);
  const long s = static_cast<long>(in_day.count());
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02ld:%02ld:%02ldZ", FormatDay(day).c_str(), s / 3600,
                (s / 60) % 60, s % 60);
  return text;
}

Result<Clock::time_point> ParseTime(std::string_view text) {
  VIEW360_ASSIGN_OR_RETURN(Day day, ParseDay(text));
  auto time = StartOf(day);
  if (text.size() == 10) return time;
  int hh = 0, mm = 0;
  double ss = 0;
  if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ') ||
      std::sscanf(std::string(text.substr(11)).c_str(), "%2d:%2d:%lf", &hh, &mm, &ss) != 3) {
    return InvalidArgumentError("not an ISO-8601 timestamp: " + std::string(text));
  }
  time += std::chrono::hours(hh) + std::chrono::minutes(mm) +
          std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(ss));
  // A trailing offset (+HH:MM / -HHMM) moves the instant to UTC.
  const size_t sign = text.find_first_of("+-", 19);
  if (sign != std::string_view::npos && sign + 3 <= text.size()) {
    const int oh = std::atoi(std::string(text.substr(sign + 1, 2)).c_str());
    const int om =
        text.size() >= sign + 5 ? std::atoi(std::string(text.substr(text.size() - 2)).c_str()) : 0;
    const auto offset = std::chrono::hours(oh) + std::chrono::minutes(om);
    time += text[sign] == '+' ? -offset : offset;
  }
  return time;
}

// ---- Rng
// -----------------------------------------------------------------------------------------

Rng::Rng(uint64_t seed, std::initializer_list<std::string_view> parts) {
  uint64_t hash = Fnv1a(14695981039346656037ULL ^ seed, "view360-sim");
  for (auto part : parts) hash = Fnv1a(Fnv1a(hash, part), "\x1f");
  state_ = hash;
  Next();
}

Rng::Rng(uint64_t seed, std::initializer_list<std::string_view> parts, int64_t index)
    : Rng(seed, parts) {
  state_ ^= static_cast<uint64_t>(index) * 0xD6E8FEB86659FD93ULL;
  Next();
}

uint64_t Rng::Next() { return SplitMix(state_); }

double Rng::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

int64_t Rng::Between(int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
}

bool Rng::Chance(double probability) { return Uniform() < probability; }

double Rng::Normal(double mean, double stddev) {
  // Box-Muller; Uniform() may be 0, so take 1 - u for the logarithm.
  const double u1 = 1.0 - Uniform();
  const double u2 = Uniform();
  return mean + stddev * std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * M_PI * u2);
}

std::string Rng::Hex(int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(static_cast<size_t>(digits), '0');
  for (auto& c : out) c = kHex[Next() % 16];
  return out;
}

std::string Rng::Alnum(int characters) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string out(static_cast<size_t>(characters), 'A');
  for (auto& c : out) c = kChars[Next() % 36];
  return out;
}

// ---- Scenario
// ------------------------------------------------------------------------------------

Result<Scenario> ParseScenario(std::string_view yaml_text) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    return InvalidArgumentError(std::string("scenario is not valid YAML: ") + e.what());
  }
  Scenario s;
  if (!root || root.IsNull()) return s;
  if (!root.IsMap()) return InvalidArgumentError("scenario must be a YAML mapping");
  for (const auto& entry : root) {
    const auto key = entry.first.as<std::string>();
    const auto& v = entry.second;
    Status st;
    if (key == "seed")
      st = ReadKey(v, s.seed);
    else if (key == "accounts")
      st = ReadKey(v, s.accounts);
    else if (key == "regions")
      st = ReadKey(v, s.regions);
    else if (key == "today")
      st = ReadKey(v, s.today);
    else if (key == "history_days")
      st = ReadKey(v, s.history_days);
    else if (key == "suspended_share")
      st = ReadKey(v, s.suspended_share);
    else if (key == "page_size")
      st = ReadKey(v, s.page_size);
    else if (key == "role_names")
      st = ReadKey(v, s.role_names);
    else if (key == "external_id")
      st = ReadKey(v, s.external_id);
    else if (key == "missing_role_accounts")
      st = ReadKey(v, s.missing_role_accounts);
    else if (key == "untrusted_role_accounts")
      st = ReadKey(v, s.untrusted_role_accounts);
    else if (key == "cost_explorer_disabled_accounts")
      st = ReadKey(v, s.cost_explorer_disabled_accounts);
    else if (key == "throttle")
      st = ReadKey(v, s.throttle);
    else if (key == "throttle_scale")
      st = ReadKey(v, s.throttle_scale);
    else if (key == "faults") {
      if (!v.IsMap()) return InvalidArgumentError("scenario: faults must be a mapping");
      for (const auto& f : v) {
        const auto name = f.first.as<std::string>();
        if (name == "latency")
          st = ReadKey(f.second, s.faults.latency);
        else if (name == "latency_ms")
          st = ReadKey(f.second, s.faults.latency_ms);
        else if (name == "server_error")
          st = ReadKey(f.second, s.faults.server_error);
        else if (name == "reset")
          st = ReadKey(f.second, s.faults.reset);
        else if (name == "malformed")
          st = ReadKey(f.second, s.faults.malformed);
        else
          return InvalidArgumentError("scenario: unknown fault '" + name + "'");
        VIEW360_RETURN_IF_ERROR(st);
      }
    } else {
      return InvalidArgumentError("scenario: unknown key '" + key + "'");
    }
    VIEW360_RETURN_IF_ERROR(st);
  }
  if (s.accounts < 0 || s.accounts > 999999) {
    return InvalidArgumentError("scenario: accounts must be between 0 and 999999");
  }
  if (s.regions.empty()) return InvalidArgumentError("scenario: regions must not be empty");
  if (s.page_size < 1) return InvalidArgumentError("scenario: page_size must be at least 1");
  if (s.history_days < 1) return InvalidArgumentError("scenario: history_days must be >= 1");
  if (!s.today.empty()) VIEW360_RETURN_IF_ERROR(ParseDay(s.today).status());
  return s;
}

Result<Scenario> LoadScenario(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFoundError("cannot read scenario file " + path);
  std::stringstream text;
  text << in.rdbuf();
  return ParseScenario(text.str());
}

// ---- World
// ---------------------------------------------------------------------------------------

World::World(Scenario scenario) : scenario_(std::move(scenario)) {
  today_ = scenario_.today.empty() ? DayOf(Clock::now()) : *ParseDay(scenario_.today);
  // Account ids: three digits from the seed, then the index in nine (management = index 0).
  id_prefix_ = std::to_string(100 + scenario_.seed % 900);
  const std::string root = root_id();
  for (size_t i = 0; i < std::size(kOuNames); ++i) {
    Rng rng(seed(), {"ou"}, static_cast<int64_t>(i));
    OrganizationalUnit ou;
    ou.id = "ou-" + root.substr(2) + "-" + rng.Hex(8);
    ou.name = kOuNames[i];
    ou.parent_id = root;
    ou.arn = "arn:aws:organizations::" + AccountId(0) + ":ou/" + organization_id() + "/" + ou.id;
    ous_.push_back(ou);
  }
  // One nested OU, so ListChildren / ListOrganizationalUnitsForParent have depth to walk.
  OrganizationalUnit nested = ous_[0];
  nested.parent_id = ous_[0].id;
  nested.name = "Workloads";
  nested.id = "ou-" + root.substr(2) + "-" + Rng(seed(), {"ou-nested"}).Hex(8);
  nested.arn =
      "arn:aws:organizations::" + AccountId(0) + ":ou/" + organization_id() + "/" + nested.id;
  ous_.push_back(nested);
}

std::string World::organization_id() const { return "o-" + Rng(seed(), {"org"}).Hex(10); }
std::string World::root_id() const { return "r-" + Rng(seed(), {"root"}).Hex(4); }
std::string World::organization_arn() const {
  return "arn:aws:organizations::" + AccountId(0) + ":organization/" + organization_id();
}

std::string World::AccountId(int index) const {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%09d", index);
  return id_prefix_ + digits;
}

std::string World::OuOf(int index) const {
  if (index == 0) return root_id();
  Rng rng(seed(), {"account-ou"}, index);
  const auto pick = rng.Between(0, static_cast<int64_t>(ous_.size()));
  return pick == static_cast<int64_t>(ous_.size()) ? root_id() : ous_[static_cast<size_t>(pick)].id;
}

Account World::AccountAt(int index) const {
  Rng rng(seed(), {"account"}, index);
  Account a;
  a.index = index;
  a.id = AccountId(index);
  const std::string team = rng.Pick(kTeams);
  a.environment = index == 0 ? "management" : rng.Pick(kEnvironments);
  a.name = index == 0 ? "management" : team + "-" + a.environment + "-" + std::to_string(index);
  a.email = "aws+" + (index == 0 ? std::string("management") : team + std::to_string(index)) +
            "@example.com";
  a.arn = "arn:aws:organizations::" + AccountId(0) + ":account/" + organization_id() + "/" + a.id;
  a.ou_id = OuOf(index);
  a.status = index > 0 && rng.Chance(scenario_.suspended_share) ? "SUSPENDED" : "ACTIVE";
  a.joined_method = index == 0 || rng.Chance(0.8) ? "CREATED" : "INVITED";
  a.joined = StartOf(today_ - 30 - static_cast<Day>(rng.Between(0, 2000))) +
             std::chrono::seconds(rng.Between(0, 86399));
  const auto& regions = scenario_.regions;
  const size_t home = static_cast<size_t>(rng.Between(0, static_cast<int64_t>(regions.size()) - 1));
  a.regions.push_back(regions[home]);
  for (size_t i = 0; i < regions.size(); ++i) {
    if (i != home && (index == 0 || rng.Chance(0.7))) a.regions.push_back(regions[i]);
  }
  a.customer = rng.Pick(kCustomers);
  a.partner = rng.Pick(kPartners);
  a.product = rng.Pick(kProducts);
  const auto& missing = scenario_.missing_role_accounts;
  const auto& untrusted = scenario_.untrusted_role_accounts;
  a.role_missing = std::find(missing.begin(), missing.end(), a.id) != missing.end();
  a.role_untrusted = std::find(untrusted.begin(), untrusted.end(), a.id) != untrusted.end();
  return a;
}

std::optional<Account> World::FindAccount(std::string_view account_id) const {
  if (account_id.size() != 12 || account_id.substr(0, 3) != id_prefix_) return std::nullopt;
  int index = 0;
  for (char c : account_id.substr(3)) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + (c - '0');
  }
  if (index > member_count()) return std::nullopt;
  return AccountAt(index);
}

std::vector<int> World::AccountsIn(std::string_view parent_id) const {
  std::vector<int> out;
  for (int i = 0; i <= member_count(); ++i) {
    if (OuOf(i) == parent_id) out.push_back(i);
  }
  return out;
}

bool World::RegionEnabled(const Account& account, std::string_view region) const {
  return std::find(account.regions.begin(), account.regions.end(), region) != account.regions.end();
}

}  // namespace view360::sim
