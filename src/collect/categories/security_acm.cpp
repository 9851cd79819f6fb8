// certificate_manager[] (§b.7): every ACM certificate of the region, described.
//
// Fixes: every page of ListCertificates (§g S9), and every key algorithm: ListCertificates
// lists only RSA_2048 certificates unless Includes.keyTypes says otherwise, so the original
// missed ECDSA and other RSA sizes. A certificate that cannot be described is recorded under
// "certificate_manager" and left out (one deleted since the listing is simply gone).
#include "collect/categories/security.h"

namespace view360::collect::security {
namespace {

// ACM's KeyAlgorithm values (the keyTypes filter defaults to RSA_2048 alone).
constexpr const char* kKeyTypes[] = {"RSA_1024",      "RSA_2048",     "RSA_3072",    "RSA_4096",
                                     "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"};

Json ArrayOrEmpty(const nlohmann::json& obj, const char* key) {
  const Json value = ValueOrNull(obj, key);
  return value.is_array() ? value : Json::array();
}

Json CertificateRow(const nlohmann::json& c) {
  Json row = Json::object();
  row["arn"] = StringOrNull(c, "CertificateArn");
  row["domain_name"] = StringOrNull(c, "DomainName");
  row["subject_alternative_names"] = ArrayOrEmpty(c, "SubjectAlternativeNames");
  row["status"] = StringOrNull(c, "Status");
  row["type"] = StringOrNull(c, "Type");
  row["key_algorithm"] = StringOrNull(c, "KeyAlgorithm");
  row["signature_algorithm"] = StringOrNull(c, "SignatureAlgorithm");
  row["created_at"] = TimeOrNull(c, "CreatedAt");
  row["issued_at"] = TimeOrNull(c, "IssuedAt");
  row["not_before"] = TimeOrNull(c, "NotBefore");
  row["not_after"] = TimeOrNull(c, "NotAfter");
  row["renewal_eligibility"] = StringOrNull(c, "RenewalEligibility");
  row["key_usages"] = ArrayOrEmpty(c, "KeyUsages");
  row["extended_key_usages"] = ArrayOrEmpty(c, "ExtendedKeyUsages");
  return row;
}

}  // namespace

Status CollectCertificates(CategoryContext& ctx, Json& out) {
  std::vector<std::string> arns;
  nlohmann::json key_types = nlohmann::json::array();
  for (const char* type : kKeyTypes) key_types.push_back(type);
  VIEW360_RETURN_IF_ERROR(ctx.Paginate(
      "acm", "ListCertificates", {{"Includes", {{"keyTypes", key_types}}}},
      [&](const nlohmann::json& page) {
        for (const auto& c : page.value("CertificateSummaryList", nlohmann::json::array())) {
          arns.push_back(StringOr(c, "CertificateArn", ""));
        }
        return OkStatus();
      }));
  out = Json::array();
  for (const std::string& arn : arns) {
    auto described = ctx.Call("acm", "DescribeCertificate", {{"CertificateArn", arn}});
    if (!described.ok()) {
      if (described.status().code() != StatusCode::kNotFound) {
        ctx.Fail(kCertificatesTag, described.status());
      }
      continue;
    }
    out.push_back(CertificateRow(described->value("Certificate", nlohmann::json::object())));
  }
  return OkStatus();
}

}  // namespace view360::collect::security
