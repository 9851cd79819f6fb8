// AWS Marketplace Entitlement Service: GetEntitlements for a few SaaS contract products
// (ops::kMarketplaceProductCodes). Each product has its customers (some of them accounts of the
// organisation) with one entitlement per dimension, until the contract's expiration date. An
// unknown product code answers an empty list (the simulator's choice; AWS only serves the product's
// seller).
//
// Region: the service's endpoint is us-east-1; every region answers the same data here.
#include <algorithm>

#include "sim/services/operations_internal.h"

namespace view360::sim {
namespace {

enum class ValueType { kInteger, kDouble, kBoolean, kString };

struct Dimension {
  const char* name;
  ValueType type;
};

struct Product {
  const char* code;  // 25 lower-case characters, as Marketplace assigns them.
  const char* title;
  std::vector<Dimension> dimensions;
};

const std::vector<Product>& Products() {
  static const auto* products = new std::vector<Product>{
      {ops::kMarketplaceProductCodes[0],
       "Observability SaaS",
       {{"users", ValueType::kInteger},
        {"tier", ValueType::kString},
        {"sso", ValueType::kBoolean}}},
      {ops::kMarketplaceProductCodes[1],
       "Log Analytics Pro",
       {{"ingest_gb_per_day", ValueType::kDouble}, {"retention_days", ValueType::kInteger}}},
      {ops::kMarketplaceProductCodes[2],
       "Threat Detection Enterprise",
       {{"protected_hosts", ValueType::kInteger}, {"premium_support", ValueType::kBoolean}}},
  };
  return *products;
}

nlohmann::json ValueOf(const Dimension& d, Rng& rng) {
  static constexpr const char* kTiers[] = {"Basic", "Standard", "Enterprise"};
  switch (d.type) {
    case ValueType::kInteger:
      return {{"IntegerValue", rng.Between(1, 40) * 5}};
    case ValueType::kDouble:
      return {{"DoubleValue", static_cast<double>(rng.Between(5, 500)) / 2}};
    case ValueType::kBoolean:
      return {{"BooleanValue", rng.Chance(0.5)}};
    case ValueType::kString:
      return {{"StringValue", rng.Pick(kTiers)}};
  }
  return nlohmann::json::object();
}

bool Passes(const nlohmann::json& filter, const char* key, const std::string& value) {
  return ops::Allowed(ops::StringList(filter, key), value);
}

Reply GetEntitlements(const ApiCall& call) {
  const std::string code = call.Param("ProductCode");
  if (code.empty()) return ValidationError(call, "ProductCode is required.");
  const nlohmann::json filter = call.params.value("Filter", nlohmann::json::object());
  if (filter.contains("LICENSE_ARN")) return Ok({{"Entitlements", nlohmann::json::array()}});
  nlohmann::json out = nlohmann::json::array();
  for (const auto& product : Products()) {
    if (code != product.code) continue;
    const World& world = call.world;
    Rng rng(world.seed(), {"marketplace-customers", product.code});
    const int customers = static_cast<int>(rng.Between(6, 14));
    for (int c = 0; c < customers; ++c) {
      Rng r(world.seed(), {"marketplace-customer", product.code}, c);
      const std::string customer = r.Alnum(11);
      // About a third of the customers are accounts of the organisation.
      const std::string account_id =
          world.member_count() > 0 && r.Chance(0.35)
              ? world.AccountAt(static_cast<int>(r.Between(1, world.member_count()))).id
              : std::to_string(r.Between(100000000000LL, 999999999999LL));
      // Contracts renew yearly; the current term ends some time within the coming year.
      const auto expires = StartOf(world.today() + static_cast<Day>(r.Between(1, 365)));
      for (const auto& d : product.dimensions) {
        Rng value(world.seed(), {"marketplace-value", product.code, customer, d.name});
        if (!Passes(filter, "CUSTOMER_IDENTIFIER", customer) ||
            !Passes(filter, "CUSTOMER_AWS_ACCOUNT_ID", account_id) ||
            !Passes(filter, "DIMENSION", d.name)) {
          continue;
        }
        out.push_back({{"ProductCode", product.code},
                       {"Dimension", d.name},
                       {"CustomerIdentifier", customer},
                       {"CustomerAWSAccountId", account_id},
                       {"Value", ValueOf(d, value)},
                       {"ExpirationDate", IsoTime(expires)}});
      }
    }
  }
  return Ok({{"Entitlements", out}});
}

}  // namespace

void RegisterMarketplaceEntitlementService(HandlerTable& table) {
  table.Add("marketplace-entitlement", "GetEntitlements", GetEntitlements);
}

}  // namespace view360::sim
