// The commitments an account holds: EC2 Reserved Instances and RDS reserved DB instances per
// region, and Savings Plans per account, with their terms, prices and daily utilisation.
#include <algorithm>
#include <cmath>

#include "sim/services/cost_internal.h"

namespace view360::sim::cost {
namespace {

constexpr int64_t kYearSeconds = 31'536'000;  // AWS's one-year term (365 days).

struct Priced {
  std::string_view type;
  double on_demand_hourly;  // AWS list price, us-east-1 Linux (2025).
};
constexpr Priced kEc2Types[] = {{"t3.medium", 0.0416}, {"m5.large", 0.096},  {"m5.xlarge", 0.192},
                                {"c5.large", 0.085},   {"c5.xlarge", 0.17},  {"r5.large", 0.126},
                                {"m6i.large", 0.096},  {"r6g.large", 0.1008}};
constexpr Priced kRdsClasses[] = {{"db.t3.medium", 0.068},
                                  {"db.m5.large", 0.171},
                                  {"db.r5.large", 0.25},
                                  {"db.m6g.large", 0.152},
                                  {"db.r6g.xlarge", 0.43}};
constexpr std::string_view kEc2Products[] = {"Linux/UNIX", "Linux/UNIX", "Linux/UNIX",
                                             "Linux/UNIX (Amazon VPC)", "Windows"};
constexpr std::string_view kRdsProducts[] = {"mysql", "postgresql", "aurora-postgresql",
                                             "aurora-mysql", "mariadb"};
constexpr PaymentOption kPayments[] = {PaymentOption::kNoUpfront, PaymentOption::kPartialUpfront,
                                       PaymentOption::kAllUpfront};

// Chance that an account of this environment holds commitments at all. The management account
// always does: organisations often buy commitments centrally and share them.
double CommitmentChance(const Account& account, double production) {
  if (account.index == 0) return 1;
  if (account.environment == "production") return production;
  if (account.environment == "staging") return production / 2.5;
  return production / 4;
}

std::string Uuid(Rng& rng) {
  return rng.Hex(8) + "-" + rng.Hex(4) + "-" + rng.Hex(4) + "-" + rng.Hex(4) + "-" + rng.Hex(12);
}

// Effective hourly rate as a share of on-demand, by term and payment (AWS's typical discounts).
double RateShare(int years, PaymentOption payment) {
  const double one_year[] = {0.62, 0.59, 0.58};
  const double three_years[] = {0.42, 0.39, 0.38};
  return (years == 1 ? one_year : three_years)[static_cast<int>(payment)];
}

std::string StateOf(Day start, Day end, Day today) {
  if (end <= today) return "retired";
  if (start >= today) return "payment-pending";
  return "active";
}

// Fills the term, prices and state common to EC2 and RDS reservations.
void PriceReservation(Rng& rng, Day today, double on_demand, bool active, Reservation& r) {
  const int years = rng.Chance(0.7) ? 1 : 3;
  r.duration_seconds = kYearSeconds * years;
  r.start =
      today - static_cast<Day>(active ? rng.Between(30, 300) : rng.Between(0, years * 365 + 300));
  r.end = r.start + years * 365;
  r.payment = rng.Pick(kPayments);
  r.count = static_cast<int>(rng.Between(1, 8));
  r.on_demand_hourly = on_demand;
  const double effective =
      on_demand * RateShare(years, r.payment) * (r.offering_class == "convertible" ? 1.08 : 1.0);
  const double hours = 8760.0 * years;
  const double upfront_share = r.payment == PaymentOption::kAllUpfront       ? 1.0
                               : r.payment == PaymentOption::kPartialUpfront ? 0.5
                                                                             : 0.0;
  r.fixed_price = std::round(effective * hours * upfront_share);
  r.recurring_hourly = std::round(effective * (1 - upfront_share) * 1e4) / 1e4;
  r.utilization = rng.Chance(0.15) ? 0.1 + 0.4 * rng.Uniform() : 0.6 + 0.4 * rng.Uniform();
  r.state = StateOf(r.start, r.end, today);
}

int Holdings(Rng& rng, const Account& account, double production_chance) {
  if (!rng.Chance(CommitmentChance(account, production_chance))) return 0;
  return static_cast<int>(account.index == 0 ? rng.Between(4, 9) : rng.Between(1, 4));
}

// The management account's first commitment of each kind is running, so there is always one.
bool ForcedActive(const Account& account, int i) { return account.index == 0 && i == 0; }

}  // namespace

std::string_view PaymentOptionName(PaymentOption option) {
  switch (option) {
    case PaymentOption::kNoUpfront:
      return "No Upfront";
    case PaymentOption::kPartialUpfront:
      return "Partial Upfront";
    case PaymentOption::kAllUpfront:
      return "All Upfront";
  }
  return "No Upfront";
}

std::vector<Reservation> Ec2Reservations(const World& world, const Account& account,
                                         std::string_view region) {
  std::vector<Reservation> out;
  if (!world.RegionEnabled(account, region)) return out;
  Rng holdings(world.seed(), {"ec2-ri", account.id, region});
  const int n = Holdings(holdings, account, 0.5);
  for (int i = 0; i < n; ++i) {
    Rng rng(world.seed(), {"ec2-ri", account.id, region}, i);
    Reservation r;
    r.account_id = account.id;
    r.region = std::string(region);
    r.id = Uuid(rng);
    const auto& type = rng.Pick(kEc2Types);
    r.instance_type = std::string(type.type);
    r.product = std::string(rng.Pick(kEc2Products));
    r.offering_class = rng.Chance(0.75) ? "standard" : "convertible";
    r.scope = rng.Chance(0.8) ? "Region" : "Availability Zone";
    if (r.scope != "Region") r.zone = r.region + (rng.Chance(0.5) ? "a" : "b");
    r.offering_id = Uuid(rng);
    PriceReservation(rng, world.today(), type.on_demand_hourly, ForcedActive(account, i), r);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Reservation> RdsReservations(const World& world, const Account& account,
                                         std::string_view region) {
  std::vector<Reservation> out;
  if (!world.RegionEnabled(account, region)) return out;
  Rng holdings(world.seed(), {"rds-ri", account.id, region});
  const int n = Holdings(holdings, account, 0.35);
  for (int i = 0; i < n; ++i) {
    Rng rng(world.seed(), {"rds-ri", account.id, region}, i);
    Reservation r;
    r.rds = true;
    r.account_id = account.id;
    r.region = std::string(region);
    const auto& type = rng.Pick(kRdsClasses);
    r.instance_type = std::string(type.type);
    r.product = std::string(rng.Pick(kRdsProducts));
    r.multi_az = rng.Chance(0.4);
    r.offering_id = Uuid(rng);
    r.lease_id = Uuid(rng);
    PriceReservation(rng, world.today(), type.on_demand_hourly * (r.multi_az ? 2 : 1),
                     ForcedActive(account, i), r);
    r.id = "ri-" + FormatDay(r.start) + "-" + std::to_string(rng.Between(100000, 999999));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Reservation> AllReservations(const World& world, const Account& account) {
  std::vector<Reservation> out;
  for (const auto& region : account.regions) {
    for (auto& r : Ec2Reservations(world, account, region)) out.push_back(std::move(r));
    for (auto& r : RdsReservations(world, account, region)) out.push_back(std::move(r));
  }
  return out;
}

double SavingsPlan::upfront() const {
  const double hours = term_seconds / 3600.0;
  if (payment == PaymentOption::kAllUpfront) return commitment * hours;
  if (payment == PaymentOption::kPartialUpfront) return commitment * hours / 2;
  return 0;
}

double SavingsPlan::recurring_hourly() const {
  if (payment == PaymentOption::kAllUpfront) return 0;
  if (payment == PaymentOption::kPartialUpfront) return commitment / 2;
  return commitment;
}

std::vector<SavingsPlan> SavingsPlans(const World& world, const Account& account) {
  std::vector<SavingsPlan> out;
  Rng holdings(world.seed(), {"savings-plan", account.id});
  const int n = Holdings(holdings, account, 0.4);
  for (int i = 0; i < n; ++i) {
    Rng rng(world.seed(), {"savings-plan", account.id}, i);
    SavingsPlan plan;
    plan.account_id = account.id;
    plan.id = Uuid(rng);
    plan.arn = "arn:aws:savingsplans::" + account.id + ":savingsplan/" + plan.id;
    plan.offering_id = Uuid(rng);
    const double kind = rng.Uniform();
    plan.type = kind < 0.6 ? "Compute" : kind < 0.95 ? "EC2Instance" : "SageMaker";
    if (plan.type == "EC2Instance") {
      static constexpr std::string_view kFamilies[] = {"m5", "c5", "r5", "m6i"};
      plan.instance_family = std::string(rng.Pick(kFamilies));
      plan.region = account.regions.front();
    }
    plan.product_types = plan.type == "Compute"
                             ? std::vector<std::string>{"EC2", "Fargate", "Lambda"}
                         : plan.type == "EC2Instance" ? std::vector<std::string>{"EC2"}
                                                      : std::vector<std::string>{"SageMaker"};
    plan.payment = rng.Pick(kPayments);
    const int years = rng.Chance(0.65) ? 1 : 3;
    plan.term_seconds = kYearSeconds * years;
    const bool queued = !ForcedActive(account, i) && rng.Chance(0.05);
    const int64_t age =
        ForcedActive(account, i) ? rng.Between(30, 300) : rng.Between(1, years * 365 + 200);
    plan.start = queued ? world.today() + static_cast<Day>(rng.Between(1, 20))
                        : world.today() - static_cast<Day>(age);
    plan.end = plan.start + years * 365;
    const double scale = account.environment == "production" ? 8.0 : 1.0;
    plan.commitment = std::round(scale * (0.05 + 2 * rng.Uniform()) * 1000) / 1000;
    const double base_rate = plan.type == "EC2Instance" ? 0.38 : 0.28;
    plan.savings_rate = years == 1 ? base_rate : base_rate + 0.22;
    plan.utilization = rng.Chance(0.15) ? 0.2 + 0.4 * rng.Uniform() : 0.75 + 0.25 * rng.Uniform();
    plan.state = plan.start > world.today()  ? "queued"
                 : plan.end <= world.today() ? "retired"
                                             : "active";
    out.push_back(std::move(plan));
  }
  return out;
}

double UtilizationOn(const World& world, std::string_view id, double typical, Day start, Day end,
                     Day day) {
  if (day < start || day >= end || day < world.first_day() || day >= world.today()) return 0;
  Rng rng(world.seed(), {"commitment-use", id}, day);
  return std::clamp(typical + (rng.Uniform() - 0.5) * 0.16, 0.0, 1.0);
}

}  // namespace view360::sim::cost
