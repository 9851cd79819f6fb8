// Simulated AWS KMS: ListKeys, DescribeKey (by key id, key ARN, alias name or alias ARN) and
// GetKeyRotationStatus, over each account's AWS-managed keys (aws/s3, aws/ebs, ...) and its
// customer keys, which are created over time, sometimes disabled or scheduled for deletion.
//
// Errors as KMS gives them: NotFoundException for an unknown key, KMSInvalidStateException for
// rotation of a key pending deletion, UnsupportedOperationException for rotation of an
// asymmetric or HMAC key, and AccessDeniedException for the few keys whose policy does not let
// the caller read rotation (the View360 sender then assumes rotation is on).
#include <algorithm>
#include <array>
#include <variant>

#include "sim/services/security_internal.h"

namespace view360::sim::security {
namespace {

constexpr int kRotationPeriodDays = 365;

struct ManagedKey {
  const char* alias;
  const char* description;
  double presence;  // Share of accounts that have used the service, so have the key.
};

const std::array kManagedKeys = {
    ManagedKey{"aws/s3", "Default key that protects my S3 objects when no other key is defined",
               0.8},
    ManagedKey{"aws/ebs", "Default key that protects my EBS volumes when no other key is defined",
               0.8},
    ManagedKey{"aws/rds",
               "Default key that protects my RDS database volumes when no other key "
               "is defined",
               0.5},
    ManagedKey{"aws/lambda",
               "Default key that protects my Lambda functions when no other key is "
               "defined",
               0.7},
    ManagedKey{"aws/secretsmanager",
               "Default key that protects my Secrets Manager data when no "
               "other key is defined",
               0.6},
    ManagedKey{"aws/acm",
               "Default key that protects my ACM private keys when no other key is "
               "defined",
               0.4},
    ManagedKey{"aws/sns", "Default key that protects my SNS data when no other key is defined",
               0.3},
};

constexpr std::array kCustomerPurposes = {"payments-db", "data-lake", "app-secrets",  "backups",
                                          "logs",        "tokens",    "customer-pii", "terraform"};

KmsKey NewKey(const World& world, const Account& account, std::string_view region, Rng& rng) {
  KmsKey key;
  key.id = Uuid(rng);
  key.arn = Arn("kms", region, account.id, "key/" + key.id);
  key.state = "Enabled";
  key.spec = "SYMMETRIC_DEFAULT";
  key.usage = "ENCRYPT_DECRYPT";
  key.created = InstantIn(world.first_day() - static_cast<Day>(rng.Between(0, 600)), rng);
  return key;
}

}  // namespace

std::vector<KmsKey> KmsKeysOf(const World& world, const Account& account, std::string_view region) {
  std::vector<KmsKey> keys;
  if (!world.RegionEnabled(account, region)) return keys;
  const Day today = world.today();
  for (size_t i = 0; i < kManagedKeys.size(); ++i) {
    Rng rng(world.seed(), {"kms-managed", account.id, region}, static_cast<int64_t>(i));
    if (!rng.Chance(kManagedKeys[i].presence)) continue;
    KmsKey key = NewKey(world, account, region, rng);
    key.alias = std::string("alias/") + kManagedKeys[i].alias;
    key.description = kManagedKeys[i].description;
    key.manager = "AWS";
    key.rotation = true;  // AWS rotates its managed keys every year.
    keys.push_back(std::move(key));
  }
  const int customer =
      static_cast<int>(Rng(world.seed(), {"kms-customer-count", account.id, region}).Between(2, 7));
  for (int i = 0; i < customer; ++i) {
    Rng rng(world.seed(), {"kms-customer", account.id, region}, i);
    KmsKey key = NewKey(world, account, region, rng);
    const Day created = world.first_day() + static_cast<Day>(rng.Between(-200, 400));
    if (created > today) continue;
    key.created = InstantIn(created, rng);
    const std::string purpose = rng.Pick(kCustomerPurposes);
    key.manager = "CUSTOMER";
    key.description = purpose + " encryption key";
    if (rng.Chance(0.6)) key.alias = "alias/" + purpose + "-" + std::to_string(i);
    const double kind = rng.Uniform();
    if (kind < 0.1) {
      key.spec = "RSA_2048";
      key.usage = "SIGN_VERIFY";
      key.description = purpose + " signing key";
    } else if (kind < 0.18) {
      key.spec = "HMAC_256";
      key.usage = "GENERATE_VERIFY_MAC";
      key.description = purpose + " MAC key";
    } else {
      key.rotation = rng.Chance(0.6);
    }
    key.rotation_denied = rng.Chance(0.08);
    if (rng.Chance(0.1)) key.state = "Disabled";
    if (rng.Chance(0.15)) {  // Scheduled for deletion some day after creation.
      const Day scheduled = created + static_cast<Day>(rng.Between(30, 400));
      key.deletion_window_days = static_cast<int>(rng.Between(7, 30));
      if (scheduled <= today) {
        if (today >= scheduled + key.deletion_window_days) continue;  // Deleted.
        key.state = "PendingDeletion";
        key.deletion = InstantIn(scheduled, rng) + std::chrono::days(key.deletion_window_days);
      }
    }
    keys.push_back(std::move(key));
  }
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return keys;
}

namespace {

// The key `key_id` names (id, key ARN, alias name or alias ARN), or KMS's NotFoundException.
std::variant<KmsKey, Reply> FindKey(const ApiCall& call) {
  const std::string asked = call.Param("KeyId");
  if (asked.empty()) return ValidationError(call, "KeyId is required");
  const std::string alias_arn_prefix = Arn("kms", call.region, call.account.id, "");
  for (auto& key : KmsKeysOf(call.world, call.account, call.region)) {
    if (asked == key.id || asked == key.arn) return key;
    if (!key.alias.empty() && (asked == key.alias || asked == alias_arn_prefix + key.alias)) {
      return key;
    }
  }
  if (asked.rfind("alias/", 0) == 0 || asked.find(":alias/") != std::string::npos) {
    const std::string name = asked.substr(asked.find("alias/"));
    return AwsError(400, "NotFoundException",
                    "Alias " + alias_arn_prefix + name + " is not found.");
  }
  const std::string id =
      asked.substr(asked.rfind('/') == std::string::npos ? 0 : asked.rfind('/') + 1);
  return AwsError(
      400, "NotFoundException",
      "Key '" + Arn("kms", call.region, call.account.id, "key/" + id) + "' does not exist");
}

Reply ListKeys(const ApiCall& call) {
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& key : KmsKeysOf(call.world, call.account, call.region)) {
    keys.push_back({{"KeyId", key.id}, {"KeyArn", key.arn}});
  }
  return Ok({{"Keys", std::move(keys)}, {"Truncated", false}});
}

Reply DescribeKey(const ApiCall& call) {
  auto found = FindKey(call);
  if (auto* error = std::get_if<Reply>(&found)) return *error;
  const auto& key = std::get<KmsKey>(found);
  nlohmann::json metadata = {
      {"AWSAccountId", call.account.id},
      {"KeyId", key.id},
      {"Arn", key.arn},
      {"CreationDate", IsoTime(key.created)},
      {"Enabled", key.state == "Enabled"},
      {"Description", key.description},
      {"KeyUsage", key.usage},
      {"KeyState", key.state},
      {"Origin", "AWS_KMS"},
      {"KeyManager", key.manager},
      {"CustomerMasterKeySpec", key.spec},
      {"KeySpec", key.spec},
      {"MultiRegion", false},
  };
  if (key.usage == "ENCRYPT_DECRYPT") {
    metadata["EncryptionAlgorithms"] = {"SYMMETRIC_DEFAULT"};
  } else if (key.usage == "SIGN_VERIFY") {
    metadata["SigningAlgorithms"] = {"RSASSA_PSS_SHA_256", "RSASSA_PKCS1_V1_5_SHA_256"};
  } else {
    metadata["MacAlgorithms"] = {"HMAC_SHA_256"};
  }
  if (key.state == "PendingDeletion") {
    metadata["DeletionDate"] = IsoTime(key.deletion);
    metadata["PendingDeletionWindowInDays"] = key.deletion_window_days;
  }
  return Ok({{"KeyMetadata", std::move(metadata)}});
}

Reply GetKeyRotationStatus(const ApiCall& call) {
  auto found = FindKey(call);
  if (auto* error = std::get_if<Reply>(&found)) return *error;
  const auto& key = std::get<KmsKey>(found);
  if (key.rotation_denied) {
    return AwsError(
        400, "AccessDeniedException",
        "User: " + call.principal_arn +
            " is not authorized to perform: kms:GetKeyRotationStatus on resource: " + key.arn +
            " because no resource-based policy allows the "
            "kms:GetKeyRotationStatus action");
  }
  if (key.state == "PendingDeletion") {
    return AwsError(400, "KMSInvalidStateException", key.arn + " is pending deletion.");
  }
  if (key.spec != "SYMMETRIC_DEFAULT") {
    return AwsError(400, "UnsupportedOperationException",
                    key.arn + " key usage or key spec does not support automatic rotation.");
  }
  nlohmann::json out = {{"KeyRotationEnabled", key.rotation}, {"KeyId", key.arn}};
  if (key.rotation) {
    // The next anniversary of the key's creation after today.
    const Day created = DayOf(key.created);
    const Day periods = (call.today() - created) / kRotationPeriodDays + 1;
    out["RotationPeriodInDays"] = kRotationPeriodDays;
    out["NextRotationDate"] =
        IsoTime(key.created + std::chrono::days(periods * kRotationPeriodDays));
  }
  return Ok(std::move(out));
}

}  // namespace

void RegisterKms(HandlerTable& table) {
  table.Add("kms", "ListKeys", ListKeys);
  table.Add("kms", "DescribeKey", DescribeKey);
  table.Add("kms", "GetKeyRotationStatus", GetKeyRotationStatus);
}

}  // namespace view360::sim::security
