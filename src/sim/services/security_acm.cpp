// Simulated AWS Certificate Manager: ListCertificates (CertificateStatuses and Includes.keyTypes,
// which defaults to RSA_2048 only, as AWS does) and DescribeCertificate.
//
// Certificates are requested or imported over time. Amazon-issued ones in use (by the region's
// ALBs, or CloudFront in us-east-1) renew 60 days before they expire; unused ones expire.
// Imported ones are re-imported by some teams and left to expire by others, so some expire
// within 30 days and some have expired. A few requests never validated (PENDING_VALIDATION,
// then VALIDATION_TIMED_OUT after 72 hours).
#include <algorithm>
#include <array>
#include <cctype>

#include "sim/resources.h"
#include "sim/services/security_internal.h"

namespace view360::sim::security {
namespace {

constexpr Day kAmazonValidityDays = 395;  // 13 months.
constexpr Day kRenewBeforeDays = 60;      // ACM renews managed certificates 60 days ahead.
constexpr Day kValidationDays = 3;        // 72 hours to validate, then VALIDATION_TIMED_OUT.
constexpr std::array kSubdomains = {"www", "api", "app", "admin", "portal", "*", "auth"};

struct Certificate {
  nlohmann::json detail;  // DescribeCertificate's Certificate.
  std::string key_algorithm, status;
};

std::string DomainOf(const Account& account) {
  std::string domain;
  for (char c : account.customer) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      domain += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return domain + ".com";
}

std::string Serial(Rng& rng) {
  std::string hex = rng.Hex(32), out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    if (!out.empty()) out += ':';
    out += hex.substr(i, 2);
  }
  return out;
}

nlohmann::json Validation(const std::string& domain, const std::string& status, Rng& rng) {
  const std::string base = domain.rfind("*.", 0) == 0 ? domain.substr(2) : domain;
  return {{"DomainName", domain},
          {"ValidationDomain", base},
          {"ValidationStatus", status},
          {"ResourceRecord",
           {{"Name", "_" + rng.Hex(32) + "." + base + "."},
            {"Type", "CNAME"},
            {"Value", "_" + rng.Hex(32) + "." + rng.Alnum(10) + ".acm-validations.aws."}}},
          {"ValidationMethod", "DNS"}};
}

// Who uses a certificate: one or two of the region's ALBs, or a CloudFront distribution.
nlohmann::json InUseBy(const ApiCall& call, Rng& rng) {
  nlohmann::json users = nlohmann::json::array();
  std::vector<std::string> albs;
  for (const auto& lb : LoadBalancersOn(call.world, call.account, call.region, call.today())) {
    if (lb.type == "application") albs.push_back(lb.arn);
  }
  if (!albs.empty()) {
    users.push_back(rng.Pick(albs));
    const auto& second = rng.Pick(albs);
    if (second != users[0]) users.push_back(second);
  } else if (call.region == "us-east-1") {
    users.push_back("arn:aws:cloudfront::" + call.account.id + ":distribution/E" + rng.Alnum(13));
  }
  return users;
}

std::optional<Certificate> CertificateAt(const ApiCall& call, int index) {
  Rng rng(call.world.seed(), {"acm-certificate", call.account.id, call.region}, index);
  const Day today = call.today();
  const Day requested = call.world.first_day() + static_cast<Day>(rng.Between(-500, 400));
  if (requested > today) return std::nullopt;
  const double kind = rng.Uniform();
  const std::string type = kind < 0.75 ? "AMAZON_ISSUED" : kind < 0.95 ? "IMPORTED" : "PRIVATE";
  const std::string domain = std::string(rng.Pick(kSubdomains)) + "." + DomainOf(call.account);
  nlohmann::json sans = {domain};
  if (domain.rfind("*.", 0) == 0) sans.push_back(domain.substr(2));
  const double algorithm = rng.Uniform();
  const std::string key_algorithm = algorithm < 0.85   ? "RSA_2048"
                                    : algorithm < 0.95 ? "EC_prime256v1"
                                                       : "RSA_4096";
  const bool ec = key_algorithm.rfind("EC_", 0) == 0;
  nlohmann::json d = {
      {"CertificateArn", Arn("acm", call.region, call.account.id, "certificate/" + Uuid(rng))},
      {"DomainName", domain},
      {"SubjectAlternativeNames", sans},
      {"Serial", Serial(rng)},
      {"Subject", "CN=" + domain},
      {"KeyAlgorithm", key_algorithm},
      {"SignatureAlgorithm", ec ? "SHA256WITHECDSA" : "SHA256WITHRSA"},
      {"Type", type},
      {"InUseBy", nlohmann::json::array()},
      {"RenewalEligibility", "INELIGIBLE"},
      {"Options", {{"CertificateTransparencyLoggingPreference", "ENABLED"}}},
      {"KeyUsages",
       ec ? nlohmann::json{{{"Name", "DIGITAL_SIGNATURE"}}}
          : nlohmann::json{{{"Name", "DIGITAL_SIGNATURE"}}, {{"Name", "KEY_ENCIPHERMENT"}}}},
      {"ExtendedKeyUsages",
       {{{"Name", "TLS_WEB_SERVER_AUTHENTICATION"}, {"OID", "1.3.6.1.5.5.7.3.1"}},
        {{"Name", "TLS_WEB_CLIENT_AUTHENTICATION"}, {"OID", "1.3.6.1.5.5.7.3.2"}}}},
  };
  const auto requested_at = InstantIn(requested, rng);
  std::string status = "ISSUED";
  Day not_before = requested, not_after = requested;
  bool in_use = rng.Chance(0.7);
  if (type == "IMPORTED") {
    const Day validity = rng.Chance(0.6) ? 90 : 365;
    not_before = requested - static_cast<Day>(rng.Between(0, 10));
    if (rng.Chance(0.5)) {  // Re-imported 20 days before each expiry.
      not_before += (today - not_before) / (validity - 20) * (validity - 20);
    }
    not_after = not_before + validity;
    d["ImportedAt"] = IsoTime(requested_at);
    d["Issuer"] = validity == 90 ? "Let's Encrypt" : "DigiCert Inc";
  } else {
    d["CreatedAt"] = IsoTime(requested_at);
    if (type == "PRIVATE") {
      d["Issuer"] = call.account.customer + " Private CA";
      d["CertificateAuthorityArn"] =
          Arn("acm-pca", call.region, call.account.id, "certificate-authority/" + Uuid(rng));
    } else {
      d["Issuer"] = "Amazon";
    }
    if (type == "AMAZON_ISSUED" && rng.Chance(0.08)) {  // Never validated.
      status = today - requested < kValidationDays ? "PENDING_VALIDATION" : "VALIDATION_TIMED_OUT";
      d["DomainValidationOptions"] = {Validation(
          domain, status == "PENDING_VALIDATION" ? "PENDING_VALIDATION" : "FAILED", rng)};
      d["Status"] = status;
      return Certificate{std::move(d), key_algorithm, status};
    }
    if (type == "AMAZON_ISSUED")
      d["DomainValidationOptions"] = {Validation(domain, "SUCCESS", rng)};
    const Day cycle = kAmazonValidityDays - kRenewBeforeDays;
    const Day renewals = in_use || type == "PRIVATE" ? (today - requested) / cycle : 0;
    not_before = requested + renewals * cycle;
    not_after = not_before + kAmazonValidityDays;
    d["IssuedAt"] = IsoTime(StartOf(not_before) + (requested_at - StartOf(requested)));
    if (in_use || type == "PRIVATE") d["RenewalEligibility"] = "ELIGIBLE";
    if (renewals > 0) {
      d["RenewalSummary"] = {
          {"RenewalStatus", "SUCCESS"},
          {"DomainValidationOptions", d.value("DomainValidationOptions", nlohmann::json::array())},
          {"UpdatedAt", IsoTime(StartOf(not_before))}};
    }
  }
  if (not_after <= today) {
    status = "EXPIRED";
    in_use = false;
    // Most teams delete an expired certificate sooner or later.
    if (rng.Chance(0.6) && today > not_after + static_cast<Day>(rng.Between(0, 100))) {
      return std::nullopt;
    }
  }
  if (in_use) d["InUseBy"] = InUseBy(call, rng);
  d["NotBefore"] = IsoTime(StartOf(not_before));
  d["NotAfter"] = IsoTime(StartOf(not_after) + std::chrono::hours(23) + std::chrono::minutes(59) +
                          std::chrono::seconds(59));
  d["Status"] = status;
  return Certificate{std::move(d), key_algorithm, status};
}

std::vector<Certificate> CertificatesOf(const ApiCall& call) {
  std::vector<Certificate> out;
  if (!HasRegionalData(call)) return out;
  const int count = static_cast<int>(
      Rng(call.world.seed(), {"acm-count", call.account.id, call.region}).Between(1, 8));
  for (int i = 0; i < count; ++i) {
    if (auto certificate = CertificateAt(call, i)) out.push_back(std::move(*certificate));
  }
  return out;
}

bool Listed(const nlohmann::json* list, const std::string& value) {
  return list == nullptr || !list->is_array() || list->empty() ||
         std::find(list->begin(), list->end(), value) != list->end();
}

Reply ListCertificates(const ApiCall& call) {
  const auto* statuses = Member(call.params, "CertificateStatuses");
  const auto* includes = Member(call.params, "Includes");
  const auto* key_types = includes ? Member(*includes, "keyTypes") : nullptr;
  static const nlohmann::json kDefaultKeyTypes = {"RSA_2048"};
  if (key_types == nullptr) key_types = &kDefaultKeyTypes;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : CertificatesOf(call)) {
    if (!Listed(statuses, c.status) || !Listed(key_types, c.key_algorithm)) continue;
    const auto& d = c.detail;
    nlohmann::json summary = {{"CertificateArn", d["CertificateArn"]},
                              {"DomainName", d["DomainName"]},
                              {"SubjectAlternativeNameSummaries", d["SubjectAlternativeNames"]},
                              {"HasAdditionalSubjectAlternativeNames", false},
                              {"Status", d["Status"]},
                              {"Type", d["Type"]},
                              {"KeyAlgorithm", d["KeyAlgorithm"]},
                              {"KeyUsages", nlohmann::json::array()},
                              {"ExtendedKeyUsages", nlohmann::json::array()},
                              {"InUse", !d["InUseBy"].empty()},
                              {"RenewalEligibility", d["RenewalEligibility"]}};
    for (const auto& usage : d["KeyUsages"]) summary["KeyUsages"].push_back(usage["Name"]);
    for (const auto& usage : d["ExtendedKeyUsages"]) {
      summary["ExtendedKeyUsages"].push_back(usage["Name"]);
    }
    for (const char* field : {"NotBefore", "NotAfter", "CreatedAt", "IssuedAt", "ImportedAt"}) {
      if (d.contains(field)) summary[field] = d[field];
    }
    list.push_back(std::move(summary));
  }
  return Ok({{"CertificateSummaryList", std::move(list)}});
}

Reply DescribeCertificate(const ApiCall& call) {
  const std::string arn = call.Param("CertificateArn");
  if (arn.rfind("arn:", 0) != 0) {
    return AwsError(400, "InvalidArnException", arn + " is not a valid ARN");
  }
  for (auto& c : CertificatesOf(call)) {
    if (c.detail["CertificateArn"] == arn) return Ok({{"Certificate", std::move(c.detail)}});
  }
  return AwsError(400, "ResourceNotFoundException", "Could not find certificate " + arn + ".");
}

}  // namespace

void RegisterAcm(HandlerTable& table) {
  table.Add("acm", "ListCertificates", ListCertificates);
  table.Add("acm", "DescribeCertificate", DescribeCertificate);
}

}  // namespace view360::sim::security
