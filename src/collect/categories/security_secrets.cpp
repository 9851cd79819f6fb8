// secrets_manager[] (§b.7): every secret of the region (secrets scheduled for deletion are not
// listed, as ListSecrets' default).
//
// Fix (§g S9): every page of ListSecrets. rotation_enabled is null when the secret has never
// had rotation configured (the API omits it), false when rotation was turned off.
#include "collect/categories/security.h"

namespace view360::collect::security {

Status CollectSecrets(CategoryContext& ctx, Json& out) {
  out = Json::array();
  return ctx.Paginate(
      "secretsmanager", "ListSecrets", nlohmann::json::object(), [&](const nlohmann::json& page) {
        for (const auto& s : page.value("SecretList", nlohmann::json::array())) {
          Json tags = Json::array();
          for (const auto& tag : s.value("Tags", nlohmann::json::array())) {
            tags.push_back(
                {{"Key", StringOrNull(tag, "Key")}, {"Value", StringOrNull(tag, "Value")}});
          }
          Json row = Json::object();
          row["name"] = StringOrNull(s, "Name");
          row["arn"] = StringOrNull(s, "ARN");
          row["description"] = StringOrNull(s, "Description");
          row["created_date"] = TimeOrNull(s, "CreatedDate");
          row["last_changed_date"] = TimeOrNull(s, "LastChangedDate");
          row["last_accessed_date"] = TimeOrNull(s, "LastAccessedDate");
          row["rotation_enabled"] = ValueOrNull(s, "RotationEnabled");
          row["rotation_lambda_arn"] = StringOrNull(s, "RotationLambdaARN");
          row["kms_key_id"] = StringOrNull(s, "KmsKeyId");
          row["tags"] = std::move(tags);
          out.push_back(std::move(row));
        }
        return OkStatus();
      });
}

}  // namespace view360::collect::security
