// Simulated Lambda ListFunctions: the functions of the call's account and region today, with
// LastModified in Lambda's own string form ("2024-05-06T07:08:09.123+0000").
#include "sim/services/resources_internal.h"

namespace view360::sim::resources {
namespace {

// A SHA-256 as Lambda shows it: 32 bytes in base64.
std::string CodeSha256(Rng& rng) {
  static constexpr char kBase64[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out(43, 'A');
  for (auto& c : out) c = kBase64[rng.Next() % 64];
  return out + "=";
}

Reply ListFunctions(const ApiCall& call) {
  const auto subnets = SubnetsOf(call.world, call.account, call.region);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : FunctionsOn(call.world, call.account, call.region, call.today())) {
    Rng rng(call.world.seed(), {"lambda-details", call.account.id, call.region, f.name},
            f.life.created);
    const bool image = rng.Chance(0.05);
    const bool arm = rng.Chance(0.3);
    nlohmann::json function = {
        {"FunctionName", f.name},
        {"FunctionArn", f.arn},
        {"Role", f.role_arn},
        {"CodeSize", image ? 0 : f.code_size},
        {"Description", f.description},
        {"Timeout", f.timeout_s},
        {"MemorySize", f.memory_mb},
        {"LastModified", f.last_modified},
        {"CodeSha256", CodeSha256(rng)},
        {"Version", "$LATEST"},
        {"TracingConfig", {{"Mode", rng.Chance(0.2) ? "Active" : "PassThrough"}}},
        {"RevisionId", Uuid(rng)},
        {"PackageType", image ? "Image" : "Zip"},
        {"Architectures", {arm ? "arm64" : "x86_64"}},
        {"EphemeralStorage", {{"Size", rng.Chance(0.1) ? 2048 : 512}}},
        {"SnapStart", {{"ApplyOn", "None"}, {"OptimizationStatus", "Off"}}},
        {"LoggingConfig", {{"LogFormat", "Text"}, {"LogGroup", "/aws/lambda/" + f.name}}}};
    if (!image) {
      function["Runtime"] = f.runtime;
      function["Handler"] = f.handler;
    }
    if (!subnets.empty() && rng.Chance(0.3)) {
      nlohmann::json subnet_ids = nlohmann::json::array();
      for (const auto& s : subnets) {
        if (!s.map_public_ip && s.vpc_id == subnets.front().vpc_id) subnet_ids.push_back(s.id);
      }
      function["VpcConfig"] = {{"SubnetIds", subnet_ids},
                               {"SecurityGroupIds", {DerivedId(call, "sg-", "lambda-" + f.name)}},
                               {"VpcId", subnets.front().vpc_id},
                               {"Ipv6AllowedForDualStack", false}};
    }
    out.push_back(std::move(function));
  }
  return Ok({{"Functions", out}});
}

}  // namespace

void RegisterLambda(HandlerTable& table) { table.Add("lambda", "ListFunctions", ListFunctions); }

}  // namespace view360::sim::resources
