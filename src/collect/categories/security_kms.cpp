// kms[] (§b.7): every KMS key of the region (AWS-managed and customer), described, with its
// rotation status.
//
// Fixes: every page of ListKeys (§g S9). Rotation (§g S16): a key whose policy denies
// GetKeyRotationStatus is null (unknown), not true; a key that cannot rotate automatically
// (asymmetric, HMAC, imported: UnsupportedOperationException) is false; a key whose state
// forbids the call (pending deletion: KMSInvalidStateException) is null. Any other rotation or
// DescribeKey error is a failure of this key, recorded under "kms"; the other keys go on.
#include "collect/categories/security.h"

namespace view360::collect::security {
namespace {

// KeyRotationEnabled, or what the error says about it.
Json Rotation(CategoryContext& ctx, const std::string& key_id) {
  auto status = ctx.Call("kms", "GetKeyRotationStatus", {{"KeyId", key_id}});
  if (status.ok()) return ValueOrNull(*status, "KeyRotationEnabled");
  const std::string& code = status.status().reason();
  if (code == "UnsupportedOperationException") return false;
  if (status.status().code() == StatusCode::kPermissionDenied ||
      code == "KMSInvalidStateException") {
    return nullptr;
  }
  ctx.Fail(kKmsTag, status.status());
  return nullptr;
}

}  // namespace

Status CollectKms(CategoryContext& ctx, Json& out) {
  std::vector<std::string> key_ids;
  VIEW360_RETURN_IF_ERROR(
      ctx.Paginate("kms", "ListKeys", nlohmann::json::object(), [&](const nlohmann::json& page) {
        for (const auto& key : page.value("Keys", nlohmann::json::array())) {
          key_ids.push_back(StringOr(key, "KeyId", ""));
        }
        return OkStatus();
      }));
  out = Json::array();
  for (const std::string& key_id : key_ids) {
    auto described = ctx.Call("kms", "DescribeKey", {{"KeyId", key_id}});
    if (!described.ok()) {
      // A key deleted since the listing is simply gone.
      if (described.status().code() != StatusCode::kNotFound) {
        ctx.Fail(kKmsTag, described.status());
      }
      continue;
    }
    const nlohmann::json metadata = described->value("KeyMetadata", nlohmann::json::object());
    Json key = Json::object();
    key["key_id"] = StringOrNull(metadata, "KeyId");
    key["arn"] = StringOrNull(metadata, "Arn");
    key["description"] = StringOrNull(metadata, "Description");
    key["key_usage"] = StringOrNull(metadata, "KeyUsage");
    key["key_state"] = StringOrNull(metadata, "KeyState");
    key["creation_date"] = TimeOrNull(metadata, "CreationDate");
    key["enabled"] = ValueOrNull(metadata, "Enabled");
    key["key_rotation_enabled"] = Rotation(ctx, key_id);
    out.push_back(std::move(key));
  }
  return OkStatus();
}

}  // namespace view360::collect::security
