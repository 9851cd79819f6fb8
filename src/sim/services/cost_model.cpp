// The daily cost model behind Cost Explorer: each account has billing lines (region, service,
// usage type) whose cost per day follows the account's trend, a weekly rhythm, noise and rare
// spikes. A line-day is an integer base times an integer multiplier of one of the account's
// series, so sums are exact and a 10,000-account organisation sums in milliseconds.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "sim/services/cost_internal.h"

namespace view360::sim::cost {
namespace {

// One usage type of a service. Prices are AWS's public us-east-1 list prices (2025).
struct UsageSpec {
  std::string_view usage;  // Without the region prefix.
  std::string_view operation;
  std::string_view unit;
  double unit_price;  // USD per unit.
  double share;       // Of the service's cost in a region.
  std::string_view instance_type = "";
  double normalization = 0;  // Normalized units per instance hour (AWS's size factors).
};

struct ServiceSpec {
  std::string_view name;  // Cost Explorer's SERVICE value.
  bool global;            // Billed in REGION "global" rather than per region.
  double weight;          // Share of an account's spend.
  double presence;        // Chance an account uses it.
  bool weekday_heavy;     // Scales down at weekends (compute), or flat (storage).
  bool pick_lines;        // Uses only some of its lines (instance types).
  std::vector<UsageSpec> lines;
};

// clang-format off
const std::vector<ServiceSpec>& Catalogue() {
  static const std::vector<ServiceSpec> kServices = {
      {"Amazon Elastic Compute Cloud - Compute", false, 0.34, 0.95, true, true,
       {{"BoxUsage:t3.medium", "RunInstances", "Hrs", 0.0416, 0.2, "t3.medium", 2},
        {"BoxUsage:m5.large", "RunInstances", "Hrs", 0.096, 0.35, "m5.large", 4},
        {"BoxUsage:c5.xlarge", "RunInstances", "Hrs", 0.17, 0.25, "c5.xlarge", 8},
        {"BoxUsage:r6g.large", "RunInstances", "Hrs", 0.1008, 0.2, "r6g.large", 4}}},
      {"EC2 - Other", false, 0.1, 0.9, false, false,
       {{"EBS:VolumeUsage.gp3", "CreateVolume-Gp3", "GB-Mo", 0.08, 0.45},
        {"NatGateway-Hours", "NatGateway", "Hrs", 0.045, 0.25},
        {"DataTransfer-Out-Bytes", "RunInstances", "GB", 0.09, 0.2},
        {"EBS:SnapshotUsage", "CreateSnapshot", "GB-Mo", 0.05, 0.1}}},
      {"Amazon Relational Database Service", false, 0.16, 0.6, false, true,
       {{"InstanceUsage:db.t3.medium", "CreateDBInstance:0002", "Hrs", 0.068, 0.3, "db.t3.medium", 2},
        {"Multi-AZUsage:db.m5.large", "CreateDBInstance:0014", "Hrs", 0.342, 0.5, "db.m5.large", 4},
        {"RDS:GP2-Storage", "CreateDBInstance:0002", "GB-Mo", 0.115, 0.2}}},
      {"Amazon Simple Storage Service", false, 0.07, 0.98, false, false,
       {{"TimedStorage-ByteHrs", "StandardStorage", "GB-Mo", 0.023, 0.7},
        {"Requests-Tier1", "PutObject", "Requests", 0.000005, 0.2},
        {"Requests-Tier2", "GetObject", "Requests", 0.0000004, 0.1}}},
      {"AWS Lambda", false, 0.03, 0.7, true, false,
       {{"Lambda-GB-Second", "Invoke", "Lambda-GB-Second", 0.0000166667, 0.8},
        {"Request", "Invoke", "Requests", 0.0000002, 0.2}}},
      {"Amazon CloudWatch", false, 0.04, 0.97, false, false,
       {{"CW:MetricMonitorUsage", "MetricStorage", "Metrics", 0.01, 0.5},
        {"DataProcessing-Bytes", "PutLogEvents", "GB", 0.5, 0.4},
        {"CW:Requests", "GetMetricData", "Requests", 0.00001, 0.1}}},
      {"Amazon Virtual Private Cloud", false, 0.03, 0.9, false, false,
       {{"PublicIPv4:InUseAddress", "AssociateAddressVPC", "Hrs", 0.005, 0.6},
        {"VpcEndpoint-Hours", "VpcEndpoint", "Hrs", 0.01, 0.4}}},
      {"AWS Key Management Service", false, 0.005, 0.9, false, false,
       {{"KMS-Keys", "CreateKey", "Keys", 0.0333, 0.7},
        {"KMS-Requests", "Decrypt", "Requests", 0.000003, 0.3}}},
      {"Elastic Load Balancing", false, 0.04, 0.6, false, false,
       {{"LoadBalancerUsage", "LoadBalancing:Application", "Hrs", 0.0225, 0.6},
        {"LCUUsage", "LoadBalancing:Application", "LCU-Hrs", 0.008, 0.4}}},
      {"Amazon DynamoDB", false, 0.03, 0.4, true, false,
       {{"TimedStorage-ByteHrs", "StandardStorage", "GB-Mo", 0.25, 0.4},
        {"ReadRequestUnits", "PayPerRequestThroughput", "ReadRequestUnits", 0.00000025, 0.6}}},
      {"AWS CloudTrail", false, 0.005, 0.8, false, false,
       {{"PaidEventsRecorded", "None", "Events", 0.00001, 1.0}}},
      {"AWS Config", false, 0.01, 0.7, false, false,
       {{"ConfigurationItemRecorded", "None", "ConfigurationItem", 0.003, 1.0}}},
      {"Amazon GuardDuty", false, 0.01, 0.7, false, false,
       {{"PaidEventsAnalyzed", "None", "Events", 0.000004, 1.0}}},
      {"AWS Security Hub", false, 0.01, 0.6, false, false,
       {{"PaidComplianceCheck", "None", "Checks", 0.001, 1.0}}},
      {"AWS Secrets Manager", false, 0.003, 0.6, false, false,
       {{"AWSSecretsManager-Secrets", "None", "Secrets", 0.0133, 1.0}}},
      {"Amazon Route 53", true, 0.005, 0.6, false, false,
       {{"HostedZone", "", "HostedZone", 0.0167, 0.6},
        {"DNS-Queries", "A", "Queries", 0.0000004, 0.4}}},
  };
  return kServices;
}

// The prefix Cost Explorer puts before a region's usage types (none in us-east-1).
constexpr std::pair<std::string_view, std::string_view> kPrefixes[] = {
    {"us-east-1", ""},         {"us-east-2", "USE2-"},      {"us-west-1", "USW1-"},
    {"us-west-2", "USW2-"},    {"eu-west-1", "EU-"},        {"eu-west-2", "EUW2-"},
    {"eu-west-3", "EUW3-"},    {"eu-central-1", "EUC1-"},   {"eu-north-1", "EUN1-"},
    {"ap-southeast-1", "APS1-"}, {"ap-southeast-2", "APS2-"}, {"ap-northeast-1", "APN1-"},
    {"ap-south-1", "APS3-"},   {"ca-central-1", "CAN1-"},   {"sa-east-1", "SAE1-"}};
// clang-format on

constexpr std::string_view kTaxService = "Tax";
constexpr double kTaxRate = 0.06;

std::string UsagePrefix(std::string_view region) {
  if (region == "global") return "";
  for (const auto& [name, prefix] : kPrefixes) {
    if (name == region) return std::string(prefix);
  }
  // Others: the initials and the number, e.g. "me-central-1" -> "MEC1-".
  std::string out;
  bool word_start = true;
  for (char c : region) {
    if (c == '-') {
      word_start = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      out += c;
    } else if (word_start) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      word_start = false;
    }
  }
  return out + "-";
}

// Typical daily spend by environment, in USD.
double BaseDailySpend(const Account& account) {
  if (account.environment == "production") return 420;
  if (account.environment == "staging") return 90;
  if (account.environment == "development") return 45;
  if (account.environment == "management") return 25;
  return 12;  // sandbox
}

uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Day of week, 0 = Sunday (1970-01-01 was a Thursday).
int DayOfWeek(Day day) { return ((day % 7) + 11) % 7; }

bool WeekdayHeavy(int series) { return series >= kSeries / 2; }

// A line's base in Units per thousandth of multiplier: whole multiples of 1000 Units, so the
// per-mille discount of the Net metrics divides it exactly.
Units BaseOf(double usd_per_day) {
  const double per_thousandth = usd_per_day / kMultiplierScale;
  return std::max<Units>(1, static_cast<Units>(std::llround(per_thousandth * 1e7))) * 1000;
}

// Adds one line to `costs`, with its bases derived from its USD per day.
void AddLine(AccountCosts& costs, LineItem item, double usd_per_day, double quantity_per_usd,
             double normalized_per_usd, bool discounted, int discount_permille) {
  item.daily_cost = usd_per_day;
  item.cost = BaseOf(usd_per_day);
  item.net = discounted ? item.cost - item.cost * discount_permille / 1000 : item.cost;
  item.quantity = ToUnits(usd_per_day * quantity_per_usd / kMultiplierScale);
  item.normalized = ToUnits(usd_per_day * normalized_per_usd / kMultiplierScale);
  costs.items.push_back(std::move(item));
}

}  // namespace

AccountCosts BuildAccountCosts(const World& world, const Account& account) {
  AccountCosts costs;
  costs.world = &world;
  costs.account = account;
  costs.today = world.today();
  Rng rng(world.seed(), {"cost-account", account.id});
  costs.noise_seed = rng.Next();
  costs.first_day = std::max(world.first_day(), DayOf(account.joined) + 1);
  costs.last_day = world.today();
  if (account.status == "SUSPENDED") {
    costs.last_day =
        std::max(costs.first_day, world.today() - static_cast<Day>(rng.Between(10, 120)));
  }
  costs.growth_per_day = std::clamp(rng.Normal(0.0008, 0.0012), -0.0015, 0.003);
  costs.weekend_factor = account.environment == "production" ? 0.85 : 0.55;
  static constexpr int kDiscounts[] = {0, 30, 50, 70};  // Organisation-wide (EDP), per mille.
  const int discount = Rng(world.seed(), {"cost-edp"}).Pick(kDiscounts);

  const double spend = BaseDailySpend(account) * std::exp(rng.Normal(0, 0.5));
  const bool taxed = rng.Chance(0.7);
  double total = 0;
  costs.items.reserve(64);
  for (const auto& service : Catalogue()) {
    if (!rng.Chance(service.presence)) continue;
    const auto last_line = static_cast<int64_t>(service.lines.size()) - 1;
    const int regions = service.global ? 1 : static_cast<int>(account.regions.size());
    for (int region = 0; region < regions; ++region) {
      const double region_weight = region == 0 ? 1.0 : 0.15 + 0.45 * rng.Uniform();
      const auto must = static_cast<size_t>(rng.Between(0, last_line));
      for (size_t l = 0; l < service.lines.size(); ++l) {
        const auto& line = service.lines[l];
        if (service.pick_lines && l != must && !rng.Chance(0.4)) continue;
        LineItem item;
        item.service = service.name;
        item.record_type = "Usage";
        item.operation = line.operation;
        item.instance_type = line.instance_type;
        item.unit = line.unit;
        item.usage = line.usage;
        item.region = service.global ? -1 : region;
        item.series = (service.weekday_heavy ? kSeries / 2 : 0) +
                      static_cast<int>(rng.Between(0, kSeries / 2 - 1));
        item.tagged = rng.Chance(0.75);
        const double usd =
            spend * service.weight * region_weight * line.share * (0.6 + 0.8 * rng.Uniform());
        total += usd;
        AddLine(costs, std::move(item), usd, 1.0 / line.unit_price,
                line.normalization / line.unit_price, true, discount);
      }
    }
  }
  if (taxed && total > 0) {
    LineItem tax;
    tax.service = kTaxService;
    tax.record_type = "Tax";
    tax.unit = "N/A";
    tax.usage = "Tax";
    AddLine(costs, std::move(tax), total * kTaxRate, 0, 0, false, discount);
  }
  return costs;
}

std::string AccountCosts::RegionOf(const LineItem& item) const {
  return item.region < 0 ? "global" : account.regions[static_cast<size_t>(item.region)];
}

std::string AccountCosts::UsageTypeOf(const LineItem& item) const {
  return item.region < 0 ? std::string(item.usage)
                         : UsagePrefix(account.regions[static_cast<size_t>(item.region)]) +
                               std::string(item.usage);
}

Attributes AccountCosts::AttributesOf(const LineItem& item) const {
  Attributes attributes;
  attributes.dimension = [this, &item](std::string_view dimension) -> std::string {
    if (dimension == "SERVICE") return std::string(item.service);
    if (dimension == "LINKED_ACCOUNT") return account.id;
    if (dimension == "LINKED_ACCOUNT_NAME") return account.name;
    if (dimension == "PAYER_ACCOUNT") return world->management().id;
    if (dimension == "REGION") return RegionOf(item);
    if (dimension == "USAGE_TYPE") return UsageTypeOf(item);
    if (dimension == "RECORD_TYPE") return std::string(item.record_type);
    if (dimension == "OPERATION") return std::string(item.operation);
    if (dimension == "INSTANCE_TYPE") return std::string(item.instance_type);
    if (dimension == "INSTANCE_TYPE_FAMILY") {
      return std::string(item.instance_type.substr(0, item.instance_type.rfind('.')));
    }
    if (dimension == "PURCHASE_TYPE") {
      return item.instance_type.empty() ? "" : "On Demand Instances";
    }
    if (dimension == "BILLING_ENTITY") return "AWS";
    return "";
  };
  attributes.tag = [this, &item](std::string_view key) -> std::optional<std::string> {
    if (!item.tagged) return std::nullopt;
    if (key == "Environment") return account.environment;
    if (key == "Customer") return account.customer;
    if (key == "Product") return account.product;
    return std::nullopt;
  };
  return attributes;
}

double AccountCosts::ExpectedFactor(int series, Day day) const {
  const double trend = std::max(0.2, 1.0 + growth_per_day * (day - today));
  const int dow = DayOfWeek(day);
  const bool weekend = dow == 0 || dow == 6;
  return trend * (WeekdayHeavy(series) && weekend ? weekend_factor : 1.0);
}

int64_t AccountCosts::Multiplier(int series, Day day) const {
  if (day < first_day || day >= last_day) return 0;
  const uint64_t h = Mix(noise_seed ^ (static_cast<uint64_t>(series) << 56) ^
                         (static_cast<uint64_t>(day) * 0xD6E8FEB86659FD93ULL));
  const double u = static_cast<double>(h >> 11) * 0x1.0p-53;
  double factor = ExpectedFactor(series, day) * (0.88 + 0.24 * u);                  // +-12% noise.
  if ((h & 0x3FF) < 3) factor *= 2.0 + static_cast<double>((h >> 10) & 0xF) / 4.0;  // Spikes.
  return std::llround(factor * kMultiplierScale);
}

int64_t AccountCosts::MultiplierSum(int series, Period days) const {
  int64_t sum = 0;
  for (Day day = std::max(days.start, first_day); day < std::min(days.end, last_day); ++day) {
    sum += Multiplier(series, day);
  }
  return sum;
}

std::vector<int> VisibleAccounts(const ApiCall& call, const Filter& filter) {
  if (call.account.index != 0) return {call.account.index};
  std::vector<int> out;
  if (auto ids = filter.ExactValues("LINKED_ACCOUNT")) {
    for (const auto& id : *ids) {
      if (auto account = call.world.FindAccount(id)) out.push_back(account->index);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  for (int i = 0; i <= call.world.member_count(); ++i) out.push_back(i);
  return out;
}

void ForEachAccount(
    const ApiCall& call, const Filter& filter,
    const std::function<void(const AccountCosts&, const std::vector<const LineItem*>&)>& visit) {
  std::vector<const LineItem*> matching;
  for (int index : VisibleAccounts(call, filter)) {
    const AccountCosts costs = BuildAccountCosts(call.world, call.world.AccountAt(index));
    matching.clear();
    for (const auto& item : costs.items) {
      if (filter.empty() || filter.Matches(costs.AttributesOf(item))) matching.push_back(&item);
    }
    if (!matching.empty()) visit(costs, matching);
  }
}

}  // namespace view360::sim::cost
