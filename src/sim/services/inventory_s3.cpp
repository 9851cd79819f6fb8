// S3 bucket metadata: ListBuckets and the per-bucket configuration reads (location, versioning,
// encryption, tagging, ACL, policy status, public access block), over the account's buckets
// from resources.h. Buckets are account-wide; a bucket of another account, or one that does
// not exist (yet, or any more) on the world's today, is NoSuchBucket.
#include <optional>

#include "sim/resources.h"
#include "sim/services/inventory_internal.h"

namespace view360::sim {
namespace {

constexpr std::string_view kAllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
constexpr std::string_view kService = "s3";

// The account's canonical user id (64 hex digits) and display name, as S3 shows owners.
nlohmann::json OwnerOf(const World& world, const Account& account) {
  Rng rng(world.seed(), {"s3-canonical-id", account.id});
  const std::string display = account.email.substr(0, account.email.find('@'));
  return {{"DisplayName", display}, {"ID", rng.Hex(64)}};
}

std::optional<Bucket> FindBucket(const ApiCall& call, const std::string& name) {
  for (auto& bucket : BucketsOn(call.world, call.account, call.today())) {
    if (bucket.name == name) return std::move(bucket);
  }
  return std::nullopt;
}

// Runs `body` on the call's bucket, or answers the error AWS gives for a missing/unknown one.
template <typename Body>
Handler OnBucket(Body body) {
  return [body](const ApiCall& call) -> Reply {
    const std::string name = call.Param("Bucket");
    if (name.empty()) return ValidationError(call, "Bucket name must not be empty");
    auto bucket = FindBucket(call, name);
    if (!bucket) return AwsError(404, "NoSuchBucket", "The specified bucket does not exist");
    return body(call, *bucket);
  };
}

Reply ListBuckets(const ApiCall& call) {
  const std::string prefix = call.Param("Prefix");
  const std::string region = call.Param("BucketRegion");
  nlohmann::json buckets = nlohmann::json::array();
  for (const auto& bucket : BucketsOn(call.world, call.account, call.today())) {
    if (bucket.name.compare(0, prefix.size(), prefix) != 0) continue;
    if (!region.empty() && bucket.region != region) continue;
    buckets.push_back({{"Name", bucket.name},
                       {"CreationDate", IsoTime(bucket.creation_date)},
                       {"BucketRegion", bucket.region}});
  }
  nlohmann::json output = {{"Buckets", std::move(buckets)},
                           {"Owner", OwnerOf(call.world, call.account)}};
  if (!prefix.empty()) output["Prefix"] = prefix;
  return Ok(std::move(output));
}

Reply GetBucketLocation(const ApiCall&, const Bucket& bucket) {
  // us-east-1 buckets have an empty LocationConstraint; S3 answers "EU" only for buckets created
  // with that legacy constraint, which the simulation never does.
  if (bucket.region == "us-east-1") return Ok({{"LocationConstraint", nullptr}});
  return Ok({{"LocationConstraint", bucket.region}});
}

Reply GetBucketVersioning(const ApiCall& call, const Bucket& bucket) {
  if (bucket.versioning) return Ok({{"Status", "Enabled"}, {"MFADelete", "Disabled"}});
  // Some unversioned buckets had versioning once: S3 then reports it Suspended, never absent.
  Rng rng(call.world.seed(), {"s3-versioning-suspended", call.account.id, bucket.name});
  if (rng.Chance(0.2)) return Ok({{"Status", "Suspended"}, {"MFADelete", "Disabled"}});
  return Ok(nlohmann::json::object());
}

Reply GetBucketEncryption(const ApiCall& call, const Bucket& bucket) {
  if (!bucket.encrypted) {
    return AwsError(404, "ServerSideEncryptionConfigurationNotFoundError",
                    "The server side encryption configuration was not found");
  }
  Rng rng(call.world.seed(), {"s3-encryption", call.account.id, bucket.name});
  nlohmann::json rule;
  if (rng.Chance(0.3)) {
    rule = {{"ApplyServerSideEncryptionByDefault",
             {{"SSEAlgorithm", "aws:kms"},
              {"KMSMasterKeyID", "arn:aws:kms:" + bucket.region + ":" + call.account.id + ":key/" +
                                     rng.Hex(8) + "-" + rng.Hex(4) + "-" + rng.Hex(4) + "-" +
                                     rng.Hex(4) + "-" + rng.Hex(12)}}},
            {"BucketKeyEnabled", rng.Chance(0.8)}};
  } else {
    rule = {{"ApplyServerSideEncryptionByDefault", {{"SSEAlgorithm", "AES256"}}},
            {"BucketKeyEnabled", false}};
  }
  return Ok({{"ServerSideEncryptionConfiguration", {{"Rules", nlohmann::json::array({rule})}}}});
}

Reply GetBucketTagging(const ApiCall&, const Bucket& bucket) {
  if (bucket.tags.empty()) return AwsError(404, "NoSuchTagSet", "The TagSet does not exist");
  return Ok({{"TagSet", TagList(bucket.tags)}});
}

Reply GetBucketAcl(const ApiCall& call, const Bucket& bucket) {
  const nlohmann::json owner = OwnerOf(call.world, call.account);
  nlohmann::json grants = nlohmann::json::array();
  grants.push_back(
      {{"Grantee",
        {{"Type", "CanonicalUser"}, {"ID", owner["ID"]}, {"DisplayName", owner["DisplayName"]}}},
       {"Permission", "FULL_CONTROL"}});
  if (bucket.public_read) {
    grants.push_back(
        {{"Grantee", {{"Type", "Group"}, {"URI", kAllUsers}}}, {"Permission", "READ"}});
  }
  return Ok({{"Owner", owner}, {"Grants", std::move(grants)}});
}

// Public buckets have a policy granting everyone read; a share of the others has a private one.
bool HasBucketPolicy(const ApiCall& call, const Bucket& bucket) {
  Rng rng(call.world.seed(), {"s3-policy", call.account.id, bucket.name});
  return bucket.public_read || rng.Chance(0.4);
}

Reply GetBucketPolicyStatus(const ApiCall& call, const Bucket& bucket) {
  if (!HasBucketPolicy(call, bucket)) {
    return AwsError(404, "NoSuchBucketPolicy", "The bucket policy does not exist");
  }
  return Ok({{"PolicyStatus", {{"IsPublic", bucket.public_read}}}});
}

Reply GetPublicAccessBlock(const ApiCall&, const Bucket& bucket) {
  if (!bucket.public_access_block || bucket.public_read) {
    return AwsError(404, "NoSuchPublicAccessBlockConfiguration",
                    "The public access block configuration was not found");
  }
  return Ok({{"PublicAccessBlockConfiguration",
              {{"BlockPublicAcls", true},
               {"IgnorePublicAcls", true},
               {"BlockPublicPolicy", true},
               {"RestrictPublicBuckets", true}}}});
}

}  // namespace

void RegisterS3(HandlerTable& table) {
  const std::string service(kService);
  table.Add(service, "ListBuckets", ListBuckets);
  table.Add(service, "GetBucketLocation", OnBucket(GetBucketLocation));
  table.Add(service, "GetBucketVersioning", OnBucket(GetBucketVersioning));
  table.Add(service, "GetBucketEncryption", OnBucket(GetBucketEncryption));
  table.Add(service, "GetBucketTagging", OnBucket(GetBucketTagging));
  table.Add(service, "GetBucketAcl", OnBucket(GetBucketAcl));
  table.Add(service, "GetBucketPolicyStatus", OnBucket(GetBucketPolicyStatus));
  table.Add(service, "GetPublicAccessBlock", OnBucket(GetPublicAccessBlock));
}

}  // namespace view360::sim
