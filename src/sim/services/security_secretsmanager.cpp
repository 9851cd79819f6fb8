// Simulated AWS Secrets Manager: ListSecrets (Filters on name, description, tag-key, tag-value
// and all; IncludePlannedDeletion; SortOrder by creation date).
//
// Secrets are created over time; some rotate every RotationRules.AutomaticallyAfterDays through
// a rotation Lambda (LastRotatedDate is the latest rotation on or before today), some are
// scheduled for deletion, and some are encrypted with one of the account's customer KMS keys
// (security_kms.cpp) rather than aws/secretsmanager.
#include <algorithm>
#include <array>

#include "sim/resources.h"
#include "sim/services/security_internal.h"

namespace view360::sim::security {
namespace {

constexpr std::array kPurposes = {"db-password", "api-key",       "oauth-client", "stripe-key",
                                  "ssh-key",     "slack-webhook", "jwt-signing",  "smtp"};
constexpr Day kDeletionWindowDays = 30;

struct Secret {
  nlohmann::json entry;
  Clock::time_point created;
  std::string name, description;
  Tags tags;
  bool deleted = false;
};

std::vector<Secret> SecretsOf(const ApiCall& call) {
  std::vector<Secret> secrets;
  if (!HasRegionalData(call)) return secrets;
  const Day today = call.today();
  const int count = static_cast<int>(
      Rng(call.world.seed(), {"secrets-count", call.account.id, call.region}).Between(2, 9));
  std::vector<KmsKey> customer_keys;
  for (auto& key : KmsKeysOf(call.world, call.account, call.region)) {
    if (key.manager == "CUSTOMER" && key.usage == "ENCRYPT_DECRYPT") {
      customer_keys.push_back(std::move(key));
    }
  }
  for (int i = 0; i < count; ++i) {
    Rng rng(call.world.seed(), {"secret", call.account.id, call.region}, i);
    const Day created_day = call.world.first_day() + static_cast<Day>(rng.Between(-300, 400));
    if (created_day > today) continue;
    Secret s;
    const std::string purpose = rng.Pick(kPurposes);
    s.name = call.account.environment + "/" +
             call.account.product.substr(0, call.account.product.find(',')) + "/" + purpose +
             (i > 0 ? "-" + std::to_string(i) : "");
    s.description =
        rng.Chance(0.8) ? "The " + purpose + " of the " + call.account.product + " service" : "";
    s.created = InstantIn(created_day, rng);
    s.tags = {{"Environment", call.account.environment},
              {"Owner", call.account.customer},
              {"Purpose", purpose}};
    const std::string arn = Arn("secretsmanager", call.region, call.account.id,
                                "secret:" + s.name + "-" + rng.Alnum(6));
    nlohmann::json entry = {{"ARN", arn},
                            {"Name", s.name},
                            {"CreatedDate", IsoTime(s.created)},
                            {"Tags", TagList(s.tags)}};
    if (!s.description.empty()) entry["Description"] = s.description;
    if (!customer_keys.empty() && rng.Chance(0.4)) {
      const auto& key = rng.Pick(customer_keys);
      if (key.created <= s.created) entry["KmsKeyId"] = key.arn;
    }
    Clock::time_point changed = s.created;
    if (rng.Chance(0.45)) {
      const int every = static_cast<int>(rng.Pick(std::array{30, 60, 90}));
      const Day rotations = (today - created_day) / every;
      entry["RotationEnabled"] = true;
      entry["RotationLambdaARN"] =
          Arn("lambda", call.region, call.account.id, "function:SecretsManager-rotate-" + purpose);
      entry["RotationRules"] = {{"AutomaticallyAfterDays", every}};
      if (rotations > 0) {
        const auto rotated = InstantIn(created_day + rotations * every, rng);
        entry["LastRotatedDate"] = IsoTime(rotated);
        changed = rotated;
      }
      entry["NextRotationDate"] =
          IsoTime(StartOf(created_day + (rotations + 1) * every) + std::chrono::hours(23));
    } else if (rng.Chance(0.3)) {
      entry["RotationEnabled"] = false;  // Rotation was set up once and turned off.
    }
    const Day edited = created_day + static_cast<Day>(rng.Between(0, 200));
    if (edited <= today) changed = std::max(changed, InstantIn(edited, rng));
    entry["LastChangedDate"] = IsoTime(changed);
    // Secrets Manager keeps the day of the last access only (midnight UTC).
    const Day accessed = today - static_cast<Day>(rng.Between(0, 40));
    if (accessed >= created_day && rng.Chance(0.9))
      entry["LastAccessedDate"] = IsoTime(StartOf(accessed));
    if (rng.Chance(0.1)) {  // Scheduled for deletion; gone once the window has passed.
      const Day deleted = created_day + static_cast<Day>(rng.Between(10, 400));
      if (deleted <= today) {
        if (today >= deleted + kDeletionWindowDays) continue;
        entry["DeletedDate"] = IsoTime(InstantIn(deleted, rng));
        s.deleted = true;
      }
    }
    s.entry = std::move(entry);
    secrets.push_back(std::move(s));
  }
  return secrets;
}

// Secrets Manager's filters: prefix matches, "!" negates; values of one key OR, keys AND.
bool FilterPasses(const Secret& s, const nlohmann::json& filter) {
  const std::string key = filter.value("Key", "");
  const auto* values = Member(filter, "Values");
  if (values == nullptr || !values->is_array() || values->empty()) return true;
  auto starts = [](const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
  };
  for (const auto& value_json : *values) {
    std::string value = value_json.get<std::string>();
    const bool negate = !value.empty() && value[0] == '!';
    if (negate) value.erase(0, 1);
    bool hit = false;
    if (key == "name" || key == "all") hit = hit || starts(s.name, value);
    if (key == "description" || key == "all") hit = hit || starts(s.description, value);
    for (const auto& [tag_key, tag_value] : s.tags) {
      if (key == "tag-key" || key == "all") hit = hit || starts(tag_key, value);
      if (key == "tag-value" || key == "all") hit = hit || starts(tag_value, value);
    }
    if (hit != negate) return true;
  }
  return false;
}

Reply ListSecrets(const ApiCall& call) {
  const auto* planned = Member(call.params, "IncludePlannedDeletion");
  const bool include_deleted = planned && planned->is_boolean() && planned->get<bool>();
  const auto* filters = Member(call.params, "Filters");
  auto secrets = SecretsOf(call);
  std::stable_sort(secrets.begin(), secrets.end(),
                   [](const Secret& a, const Secret& b) { return a.created < b.created; });
  if (call.Param("SortOrder") == "desc") std::reverse(secrets.begin(), secrets.end());
  nlohmann::json list = nlohmann::json::array();
  for (auto& s : secrets) {
    if (s.deleted && !include_deleted) continue;
    if (filters && filters->is_array() &&
        !std::all_of(filters->begin(), filters->end(),
                     [&](const nlohmann::json& f) { return FilterPasses(s, f); })) {
      continue;
    }
    list.push_back(std::move(s.entry));
  }
  return Ok({{"SecretList", std::move(list)}});
}

}  // namespace

void RegisterSecretsManager(HandlerTable& table) {
  table.Add("secretsmanager", "ListSecrets", ListSecrets);
}

}  // namespace view360::sim::security
