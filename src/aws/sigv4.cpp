#include "aws/sigv4.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>

#include "common/hash.h"

namespace view360::aws {
namespace {

constexpr std::string_view kTerminator = "aws4_request";
constexpr std::string_view kHexDigits = "0123456789abcdef";

// Headers and query parameters the signer writes itself. Finding one in the request to sign
// means it was signed before (aws-c-auth's s_forbidden_headers and s_forbidden_params).
constexpr std::string_view kSignerHeaders[] = {"Authorization", "X-Amz-Date",
                                               "X-Amz-Security-Token", "X-Amz-Content-SHA256"};
constexpr std::string_view kSignerQueryParams[] = {
    "X-Amz-Signature", "X-Amz-Algorithm",     "X-Amz-Credential",    "X-Amz-Date",
    "X-Amz-Expires",   "X-Amz-SignedHeaders", "X-Amz-Security-Token"};

// botocore's SIGNED_HEADERS_BLACKLIST plus the websocket handshake headers of aws-c-auth's
// s_skipped_headers.
constexpr std::string_view kUnsignedHeaders[] = {"connection",
                                                 "expect",
                                                 "keep-alive",
                                                 "proxy-authenticate",
                                                 "proxy-authorization",
                                                 "te",
                                                 "trailer",
                                                 "transfer-encoding",
                                                 "upgrade",
                                                 "user-agent",
                                                 "x-amzn-trace-id",
                                                 "sec-websocket-key",
                                                 "sec-websocket-protocol",
                                                 "sec-websocket-version"};

char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ToLowerAscii(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ToLowerAscii(a[i]) != ToLowerAscii(b[i])) return false;
  }
  return true;
}

bool IsWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsLowerHex(std::string_view text, std::size_t length) {
  return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view TrimView(std::string_view text) {
  while (!text.empty() && IsWhitespace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsWhitespace(text.back())) text.remove_suffix(1);
  return text;
}

void AppendPercentEncoded(std::string& out, unsigned char c) {
  static constexpr char kUpperHex[] = "0123456789ABCDEF";
  out += '%';
  out += kUpperHex[c >> 4];
  out += kUpperHex[c & 0xf];
}

using Digest = std::array<unsigned char, 32>;

// HMAC-SHA256 through OpenSSL. Fails only when OpenSSL cannot allocate or its SHA-256 is
// unavailable, after which no request can be signed: the run cannot go on.
Digest HmacSha256(const unsigned char* key, std::size_t key_size, std::string_view data) {
  Digest out{};
  unsigned int size = 0;
  if (HMAC(EVP_sha256(), key, static_cast<int>(key_size),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(),
           &size) == nullptr ||
      size != out.size()) {
    std::fputs("view360: OpenSSL HMAC-SHA256 failed\n", stderr);
    std::abort();
  }
  return out;
}

std::string Hex(const Digest& digest) {
  std::string out;
  out.reserve(digest.size() * 2);
  for (unsigned char byte : digest) {
    out += kHexDigits[byte >> 4];
    out += kHexDigits[byte & 0xf];
  }
  return out;
}

// The endpoint for a message: without a "user:password@" part, should it have one.
std::string RedactedEndpoint(std::string_view endpoint) {
  const std::size_t at = endpoint.find('@');
  if (at == std::string_view::npos) return std::string(endpoint);
  const std::size_t scheme_end = endpoint.find("://");
  const std::size_t start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  return std::string(endpoint.substr(0, start)) + "***@" + std::string(endpoint.substr(at + 1));
}

// The Host header value of an endpoint "scheme://host[:port]": the host lower-case, the port
// only when it is not the scheme's default (botocore's _host_from_url).
Result<std::string> HostFromEndpoint(std::string_view endpoint) {
  const std::size_t scheme_end = endpoint.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) {
    return InvalidArgumentError("cannot sign: the request has no Host header and its endpoint '" +
                                RedactedEndpoint(endpoint) + "' is not of the form scheme://host");
  }
  const std::string scheme = ToLower(endpoint.substr(0, scheme_end));
  std::string_view authority = endpoint.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {  // [IPv6]:port
    const std::size_t close = authority.find(']');
    if (close != std::string_view::npos) {
      host = authority.substr(0, close + 1);
      const std::string_view rest = authority.substr(close + 1);
      if (!rest.empty() && rest.front() == ':') port = rest.substr(1);
    }
  } else if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) {
    return InvalidArgumentError("cannot sign: the request has no Host header and its endpoint '" +
                                RedactedEndpoint(endpoint) + "' names no host");
  }
  std::string out = ToLower(host);
  const bool default_port =
      (scheme == "https" && port == "443") || (scheme == "http" && port == "80");
  if (!port.empty() && !default_port) {
    out += ':';
    out += port;
  }
  return out;
}

// What both SignRequest and PresignRequest need before they change anything.
Status ValidateSigningInput(const HttpRequest& request, const Credentials& credentials,
                            const SigningOptions& options) {
  if (credentials.access_key_id.empty()) {
    return InvalidArgumentError("cannot sign: the credentials have no access key id");
  }
  if (credentials.secret_access_key.empty()) {
    return InvalidArgumentError("cannot sign: the credentials for access key " +
                                credentials.access_key_id + " have no secret access key");
  }
  if (options.region.empty() || options.service.empty()) {
    return InvalidArgumentError(
        "cannot sign: SigningOptions needs both a region and a service signing name (got "
        "region '" +
        options.region + "', service '" + options.service + "')");
  }
  if (request.method.empty()) return InvalidArgumentError("cannot sign: the request has no method");
  if (request.path.empty() || request.path.front() != '/') {
    return InvalidArgumentError("cannot sign: the request path '" + request.path +
                                "' does not start with '/'");
  }
  for (const auto& [name, value] : request.headers) {
    for (std::string_view owned : kSignerHeaders) {
      if (EqualsIgnoreCase(name, owned)) {
        return InvalidArgumentError("cannot sign: the request already carries the header " +
                                    std::string(owned) +
                                    ", which the signer sets: it was signed before; sign a fresh "
                                    "copy of the unsigned request");
      }
    }
  }
  for (const auto& [name, value] : request.query) {
    for (std::string_view owned : kSignerQueryParams) {
      if (EqualsIgnoreCase(name, owned)) {
        return InvalidArgumentError(
            "cannot sign: the request already carries the query parameter " + std::string(owned) +
            ", which the signer sets: it was signed before; sign a fresh copy of the unsigned "
            "request");
      }
    }
  }
  return OkStatus();
}

SigningKey KeyFor(std::string_view secret, std::string_view date, const SigningOptions& options,
                  SigningKeyCache* cache) {
  if (cache != nullptr) return cache->Get(secret, date, options.region, options.service);
  return DeriveSigningKey(secret, date, options.region, options.service);
}

// Steps 2 to 4 once the canonical request is known.
void FinishSignature(SigningResult& result, std::string_view amz_date, const SigningKey& key) {
  result.string_to_sign = StringToSign(amz_date, result.credential_scope, result.canonical_request);
  result.signature = ComputeSignature(key, result.string_to_sign);
}

const std::string* FindQueryValue(const QueryParams& query, std::string_view name) {
  for (const auto& [key, value] : query) {
    if (key == name) return &value;
  }
  return nullptr;
}

Status MalformedAuthorization(std::string message) {
  return Status(StatusCode::kInvalidArgument, "malformed Authorization header: " + message,
                "IncompleteSignature");
}

Status MalformedPresignedQuery(std::string message) {
  return Status(StatusCode::kInvalidArgument, "malformed presigned URL: " + message,
                "AuthorizationQueryParametersError");
}

// "AKID/20150830/us-east-1/service/aws4_request" into `info`; an error message otherwise.
std::optional<std::string> ParseCredential(std::string_view credential, SignedRequestInfo& info) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = credential.find('/', start);
    parts.push_back(credential.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (parts.size() != 5 || parts[4] != kTerminator) {
    return "Credential '" + std::string(credential) +
           "' is not <access key id>/<YYYYMMDD>/<region>/<service>/aws4_request";
  }
  if (parts[0].empty() || parts[2].empty() || parts[3].empty()) {
    return "Credential '" + std::string(credential) + "' has an empty part";
  }
  if (parts[1].size() != 8 || !AllDigits(parts[1])) {
    return "the date '" + std::string(parts[1]) + "' of the credential scope is not YYYYMMDD";
  }
  info.access_key_id = parts[0];
  info.date = parts[1];
  info.region = parts[2];
  info.service = parts[3];
  return std::nullopt;
}

std::optional<std::string> ParseSignedHeaderList(std::string_view list, SignedRequestInfo& info) {
  info.signed_headers.clear();
  std::size_t start = 0;
  while (true) {
    const std::size_t semicolon = list.find(';', start);
    const std::string_view name = list.substr(start, semicolon - start);
    if (name.empty() || ToLower(name) != name) {
      return "SignedHeaders '" + std::string(list) +
             "' must be lower-case header names separated by ';'";
    }
    info.signed_headers.emplace_back(name);
    if (semicolon == std::string_view::npos) break;
    start = semicolon + 1;
  }
  return std::nullopt;
}

}  // namespace

SigningOptions SigningOptions::ForService(std::string service, std::string region) {
  SigningOptions options;
  options.region = std::move(region);
  options.service = std::move(service);
  if (IsS3SigningName(options.service)) {
    options.normalize_path = false;
    options.double_encode_path = false;
    options.add_content_sha256_header = true;
    options.presigned_payload = PayloadSigning::kUnsigned;
  }
  return options;
}

bool IsS3SigningName(std::string_view service) {
  return service == "s3" || service == "s3-object-lambda";
}

bool IsUnsignedHeader(std::string_view name) {
  return std::any_of(std::begin(kUnsignedHeaders), std::end(kUnsignedHeaders),
                     [&](std::string_view skipped) { return EqualsIgnoreCase(name, skipped); });
}

// ---- Step 1 ----------------------------------------------------------------------------------

std::string FormatAmzDate(Clock::time_point time) {
  const std::time_t seconds = Clock::to_time_t(std::chrono::floor<std::chrono::seconds>(time));
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  const std::size_t size = std::strftime(buffer, sizeof(buffer), "%Y%m%dT%H%M%SZ", &utc);
  return std::string(buffer, size);
}

Result<Clock::time_point> ParseAmzDate(std::string_view amz_date) {
  const auto invalid = [&] {
    return InvalidArgumentError("X-Amz-Date '" + std::string(amz_date) +
                                "' is not of the form YYYYMMDDTHHMMSSZ");
  };
  if (amz_date.size() != 16 || amz_date[8] != 'T' || amz_date[15] != 'Z' ||
      !AllDigits(amz_date.substr(0, 8)) || !AllDigits(amz_date.substr(9, 6))) {
    return invalid();
  }
  const auto number = [&](std::size_t pos, std::size_t count) {
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) value = value * 10 + (amz_date[i] - '0');
    return value;
  };
  std::tm utc{};
  utc.tm_year = number(0, 4) - 1900;
  utc.tm_mon = number(4, 2) - 1;
  utc.tm_mday = number(6, 2);
  utc.tm_hour = number(9, 2);
  utc.tm_min = number(11, 2);
  utc.tm_sec = number(13, 2);
  const Clock::time_point time = Clock::from_time_t(timegm(&utc));
  // timegm accepts 20150231 as 3 March: only a date that formats back the same is valid.
  if (FormatAmzDate(time) != amz_date) return invalid();
  return time;
}

std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view segment = path.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string out = "/";
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out += '/';
    out += segments[i];
  }
  if (!segments.empty() && !path.empty() && path.back() == '/') out += '/';
  return out;
}

std::string CanonicalUri(std::string_view path, const SigningOptions& options) {
  const std::string source = options.normalize_path ? NormalizePath(path)
                             : path.empty()         ? std::string("/")
                                                    : std::string(path);
  if (options.double_encode_path) return UriEncode(source, /*keep_slash=*/true);
  // Single encoding: the path as S3 recomputes it from what it received.
  std::string out;
  out.reserve(source.size() + 8);
  for (std::size_t i = 0; i < source.size(); ++i) {
    const auto c = static_cast<unsigned char>(source[i]);
    if (c == '%' && i + 2 < source.size() && HexValue(source[i + 1]) >= 0 &&
        HexValue(source[i + 2]) >= 0) {
      const auto byte =
          static_cast<unsigned char>(HexValue(source[i + 1]) * 16 + HexValue(source[i + 2]));
      if (IsUnreserved(byte)) {
        out += static_cast<char>(byte);
      } else {
        AppendPercentEncoded(out, byte);
      }
      i += 2;
    } else if (IsUnreserved(c) || c == '/') {
      out += static_cast<char>(c);
    } else {
      AppendPercentEncoded(out, c);
    }
  }
  return out;
}

std::string CanonicalQueryString(const QueryParams& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) encoded.emplace_back(UriEncode(name), UriEncode(value));
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::string TrimHeaderValue(std::string_view value) {
  value = TrimView(value);
  std::string out;
  out.reserve(value.size());
  bool in_space = false;
  for (char c : value) {
    if (IsWhitespace(c)) {
      in_space = true;
      continue;
    }
    if (in_space) out += ' ';
    in_space = false;
    out += c;
  }
  return out;
}

namespace {

CanonicalHeaders JoinCanonicalHeaders(
    const std::vector<std::pair<std::string, std::string>>& sorted_headers) {
  CanonicalHeaders out;
  for (const auto& [name, value] : sorted_headers) {
    out.block += name;
    out.block += ':';
    out.block += value;
    out.block += '\n';
    if (!out.signed_headers.empty()) out.signed_headers += ';';
    out.signed_headers += name;
  }
  return out;
}

}  // namespace

CanonicalHeaders CanonicalizeHeaders(const Headers& headers) {
  std::map<std::string, std::string> by_name;
  for (const auto& [name, value] : headers) {
    if (IsUnsignedHeader(name)) continue;
    auto [it, inserted] = by_name.try_emplace(ToLower(TrimView(name)));
    if (!inserted) it->second += ',';
    it->second += TrimHeaderValue(value);
  }
  return JoinCanonicalHeaders({by_name.begin(), by_name.end()});
}

Result<CanonicalHeaders> CanonicalizeSignedHeaders(const Headers& headers,
                                                   const std::vector<std::string>& names) {
  std::vector<std::pair<std::string, std::string>> listed;
  listed.reserve(names.size());
  for (const std::string& name : names) {
    std::string joined;
    bool found = false;
    for (const auto& [key, value] : headers) {
      if (!EqualsIgnoreCase(TrimView(key), name)) continue;
      if (found) joined += ',';
      joined += TrimHeaderValue(value);
      found = true;
    }
    if (!found) {
      return InvalidArgumentError("the signed header '" + name +
                                  "' listed in SignedHeaders is not in the request");
    }
    listed.emplace_back(name, std::move(joined));
  }
  return JoinCanonicalHeaders(listed);
}

std::string PayloadHash(std::string_view body, PayloadSigning signing) {
  if (signing == PayloadSigning::kUnsigned) return std::string(kUnsignedPayload);
  return Sha256Hex(body);
}

std::string CanonicalRequest(std::string_view method, std::string_view canonical_uri,
                             std::string_view canonical_query, const CanonicalHeaders& headers,
                             std::string_view payload_hash) {
  std::string out;
  out.reserve(method.size() + canonical_uri.size() + canonical_query.size() + headers.block.size() +
              headers.signed_headers.size() + payload_hash.size() + 8);
  out.append(method).append("\n");
  out.append(canonical_uri).append("\n");
  out.append(canonical_query).append("\n");
  out.append(headers.block).append("\n");
  out.append(headers.signed_headers).append("\n");
  out.append(payload_hash);
  return out;
}

// ---- Step 2 ----------------------------------------------------------------------------------

std::string CredentialScope(std::string_view date, std::string_view region,
                            std::string_view service) {
  std::string out;
  out.reserve(date.size() + region.size() + service.size() + kTerminator.size() + 3);
  out.append(date).append("/").append(region).append("/").append(service).append("/");
  out.append(kTerminator);
  return out;
}

std::string StringToSign(std::string_view amz_date, std::string_view credential_scope,
                         std::string_view canonical_request) {
  std::string out;
  out.reserve(kSigV4Algorithm.size() + amz_date.size() + credential_scope.size() + 67);
  out.append(kSigV4Algorithm).append("\n");
  out.append(amz_date).append("\n");
  out.append(credential_scope).append("\n");
  out.append(Sha256Hex(canonical_request));
  return out;
}

// ---- Step 3 ----------------------------------------------------------------------------------

SigningKey DeriveSigningKey(std::string_view secret_access_key, std::string_view date,
                            std::string_view region, std::string_view service) {
  std::string k_secret = "AWS4";
  k_secret.append(secret_access_key);
  const Digest k_date =
      HmacSha256(reinterpret_cast<const unsigned char*>(k_secret.data()), k_secret.size(), date);
  OPENSSL_cleanse(k_secret.data(), k_secret.size());
  const Digest k_region = HmacSha256(k_date.data(), k_date.size(), region);
  const Digest k_service = HmacSha256(k_region.data(), k_region.size(), service);
  SigningKey key;
  key.bytes = HmacSha256(k_service.data(), k_service.size(), kTerminator);
  return key;
}

SigningKeyCache::SigningKeyCache(std::size_t capacity)
    : capacity_(std::max<std::size_t>(1, capacity)) {}

SigningKeyCache::~SigningKeyCache() {
  for (Entry& entry : entries_) OPENSSL_cleanse(entry.id.data(), entry.id.size());
}

SigningKey SigningKeyCache::Get(std::string_view secret_access_key, std::string_view date,
                                std::string_view region, std::string_view service) {
  std::string id;
  id.reserve(secret_access_key.size() + date.size() + region.size() + service.size() + 3);
  id.append(secret_access_key).append("\n").append(date).append("\n").append(region);
  id.append("\n").append(service);
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
      if (it->id == id) {
        const SigningKey key = it->key;
        OPENSSL_cleanse(id.data(), id.size());
        return key;
      }
    }
  }
  // Derived outside the lock: other threads' hits do not wait for it.
  const SigningKey key = DeriveSigningKey(secret_access_key, date, region, service);
  std::lock_guard<std::mutex> lock(mu_);
  ++derivations_;
  if (entries_.size() >= capacity_) {
    OPENSSL_cleanse(entries_.front().id.data(), entries_.front().id.size());
    entries_.erase(entries_.begin());
  }
  entries_.push_back(Entry{std::move(id), key});
  return key;
}

std::size_t SigningKeyCache::derivations() const {
  std::lock_guard<std::mutex> lock(mu_);
  return derivations_;
}

// ---- Step 4 ----------------------------------------------------------------------------------

std::string ComputeSignature(const SigningKey& key, std::string_view string_to_sign) {
  return Hex(HmacSha256(key.bytes.data(), key.bytes.size(), string_to_sign));
}

std::string AuthorizationHeaderValue(std::string_view access_key_id,
                                     std::string_view credential_scope,
                                     std::string_view signed_headers, std::string_view signature) {
  std::string out;
  out.reserve(kSigV4Algorithm.size() + access_key_id.size() + credential_scope.size() +
              signed_headers.size() + signature.size() + 40);
  out.append(kSigV4Algorithm).append(" Credential=").append(access_key_id).append("/");
  out.append(credential_scope).append(", SignedHeaders=").append(signed_headers);
  out.append(", Signature=").append(signature);
  return out;
}

// ---- Signing ---------------------------------------------------------------------------------

std::string SigningResult::Describe() const {
  return "scope=" + credential_scope + " signed_headers=" + signed_headers +
         " canonical_request_sha256=" + Sha256Hex(canonical_request) + " signature=" + signature;
}

Result<SigningResult> SignRequest(HttpRequest& request, const Credentials& credentials,
                                  const SigningOptions& options, Clock::time_point now,
                                  SigningKeyCache* cache) {
  VIEW360_RETURN_IF_ERROR(ValidateSigningInput(request, credentials, options));
  Headers headers = request.headers;
  if (!FindHeader(headers, "host")) {
    VIEW360_ASSIGN_OR_RETURN(std::string host, HostFromEndpoint(request.endpoint));
    headers.emplace_back("Host", std::move(host));
  }
  const std::string amz_date = FormatAmzDate(now);
  const std::string_view date = std::string_view(amz_date).substr(0, 8);
  const std::string payload_hash = PayloadHash(request.body, options.payload);
  headers.emplace_back("X-Amz-Date", amz_date);
  const bool has_token = !credentials.session_token.empty();
  if (has_token && options.sign_session_token) {
    headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  if (options.add_content_sha256_header) headers.emplace_back("X-Amz-Content-SHA256", payload_hash);

  // Step 1.
  const CanonicalHeaders canonical_headers = CanonicalizeHeaders(headers);
  SigningResult result;
  result.canonical_request =
      CanonicalRequest(request.method, CanonicalUri(request.path, options),
                       CanonicalQueryString(request.query), canonical_headers, payload_hash);
  result.signed_headers = canonical_headers.signed_headers;
  result.credential_scope = CredentialScope(date, options.region, options.service);
  // Steps 2 to 4.
  FinishSignature(result, amz_date, KeyFor(credentials.secret_access_key, date, options, cache));

  headers.emplace_back("Authorization",
                       AuthorizationHeaderValue(credentials.access_key_id, result.credential_scope,
                                                result.signed_headers, result.signature));
  if (has_token && !options.sign_session_token) {
    headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  request.headers = std::move(headers);
  return result;
}

Result<SigningResult> PresignRequest(HttpRequest& request, const Credentials& credentials,
                                     const SigningOptions& options, Clock::time_point now,
                                     SigningKeyCache* cache) {
  VIEW360_RETURN_IF_ERROR(ValidateSigningInput(request, credentials, options));
  if (options.presign_expires < std::chrono::seconds(1) ||
      options.presign_expires > kMaxPresignExpires) {
    return InvalidArgumentError("cannot presign: X-Amz-Expires must be 1 to " +
                                std::to_string(kMaxPresignExpires.count()) + " seconds, not " +
                                std::to_string(options.presign_expires.count()));
  }
  // The host is signed but not added to the request: a URL carries it itself.
  Headers signed_headers = request.headers;
  if (!FindHeader(signed_headers, "host")) {
    VIEW360_ASSIGN_OR_RETURN(std::string host, HostFromEndpoint(request.endpoint));
    signed_headers.emplace_back("Host", std::move(host));
  }
  const std::string amz_date = FormatAmzDate(now);
  const std::string_view date = std::string_view(amz_date).substr(0, 8);
  const CanonicalHeaders canonical_headers = CanonicalizeHeaders(signed_headers);

  SigningResult result;
  result.signed_headers = canonical_headers.signed_headers;
  result.credential_scope = CredentialScope(date, options.region, options.service);
  QueryParams query = request.query;
  query.emplace_back("X-Amz-Algorithm", std::string(kSigV4Algorithm));
  query.emplace_back("X-Amz-Credential", credentials.access_key_id + "/" + result.credential_scope);
  query.emplace_back("X-Amz-Date", amz_date);
  query.emplace_back("X-Amz-Expires", std::to_string(options.presign_expires.count()));
  query.emplace_back("X-Amz-SignedHeaders", result.signed_headers);
  const bool has_token = !credentials.session_token.empty();
  if (has_token && options.sign_session_token) {
    query.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }

  // Step 1: the query now holds every X-Amz-* parameter but the signature.
  result.canonical_request = CanonicalRequest(request.method, CanonicalUri(request.path, options),
                                              CanonicalQueryString(query), canonical_headers,
                                              PayloadHash(request.body, options.presigned_payload));
  // Steps 2 to 4.
  FinishSignature(result, amz_date, KeyFor(credentials.secret_access_key, date, options, cache));

  if (has_token && !options.sign_session_token) {
    query.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  query.emplace_back("X-Amz-Signature", result.signature);
  request.query = std::move(query);
  return result;
}

// ---- Verifying -------------------------------------------------------------------------------

std::string SignedRequestInfo::Describe() const {
  std::string out = std::string(presigned ? "presigned" : "header-signed") +
                    " access_key_id=" + access_key_id +
                    " scope=" + CredentialScope(date, region, service) + " signed_headers=";
  for (std::size_t i = 0; i < signed_headers.size(); ++i) {
    if (i > 0) out += ';';
    out += signed_headers[i];
  }
  out += " x-amz-date=" + amz_date;
  if (presigned) out += " expires=" + std::to_string(expires.count());
  return out;
}

Result<SignedRequestInfo> ParseAuthorization(std::string_view header_value) {
  std::string_view rest = TrimView(header_value);
  if (rest.substr(0, kSigV4Algorithm.size()) != kSigV4Algorithm ||
      rest.size() == kSigV4Algorithm.size() || !IsWhitespace(rest[kSigV4Algorithm.size()])) {
    return MalformedAuthorization("it does not start with '" + std::string(kSigV4Algorithm) + " '");
  }
  rest.remove_prefix(kSigV4Algorithm.size());
  SignedRequestInfo info;
  bool have_credential = false;
  bool have_signed_headers = false;
  bool have_signature = false;
  std::size_t start = 0;
  while (start <= rest.size()) {
    std::size_t comma = rest.find(',', start);
    if (comma == std::string_view::npos) comma = rest.size();
    const std::string_view part = TrimView(rest.substr(start, comma - start));
    start = comma + 1;
    const std::size_t equals = part.find('=');
    if (equals == std::string_view::npos) {
      return MalformedAuthorization("'" + std::string(part) + "' is not of the form Key=Value");
    }
    const std::string_view key = part.substr(0, equals);
    const std::string_view value = part.substr(equals + 1);
    std::optional<std::string> error;
    bool* seen = nullptr;
    if (key == "Credential") {
      seen = &have_credential;
      error = ParseCredential(value, info);
    } else if (key == "SignedHeaders") {
      seen = &have_signed_headers;
      error = ParseSignedHeaderList(value, info);
    } else if (key == "Signature") {
      seen = &have_signature;
      if (!IsLowerHex(value, 64)) error = "Signature is not 64 lower-case hex digits";
      info.signature = value;
    } else {
      return MalformedAuthorization("unknown part '" + std::string(key) + "'");
    }
    if (*seen) return MalformedAuthorization(std::string(key) + " appears twice");
    *seen = true;
    if (error) return MalformedAuthorization(*error);
  }
  if (!have_credential) return MalformedAuthorization("no Credential");
  if (!have_signed_headers) return MalformedAuthorization("no SignedHeaders");
  if (!have_signature) return MalformedAuthorization("no Signature");
  return info;
}

Result<SignedRequestInfo> ParseSignedRequest(const HttpRequest& request) {
  const std::optional<std::string> authorization = FindHeader(request.headers, "authorization");
  const std::string* query_signature = FindQueryValue(request.query, "X-Amz-Signature");
  SignedRequestInfo info;
  if (authorization && query_signature != nullptr) {
    return Status(StatusCode::kInvalidArgument,
                  "the request carries both an Authorization header and an X-Amz-Signature "
                  "query parameter; only one authentication mechanism is allowed",
                  "InvalidRequest");
  }
  if (authorization) {
    VIEW360_ASSIGN_OR_RETURN(info, ParseAuthorization(*authorization));
    const std::optional<std::string> amz_date = FindHeader(request.headers, "x-amz-date");
    if (!amz_date) return MalformedAuthorization("the request has no X-Amz-Date header");
    info.amz_date = *amz_date;
  } else if (query_signature != nullptr) {
    info.presigned = true;
    const auto param = [&](std::string_view name) -> Result<std::string> {
      const std::string* value = FindQueryValue(request.query, name);
      if (value == nullptr) {
        return MalformedPresignedQuery("the query parameter " + std::string(name) + " is missing");
      }
      return *value;
    };
    VIEW360_ASSIGN_OR_RETURN(const std::string algorithm, param("X-Amz-Algorithm"));
    if (algorithm != kSigV4Algorithm) {
      return MalformedPresignedQuery("X-Amz-Algorithm is '" + algorithm + "', not " +
                                     std::string(kSigV4Algorithm));
    }
    VIEW360_ASSIGN_OR_RETURN(const std::string credential, param("X-Amz-Credential"));
    if (auto error = ParseCredential(credential, info)) return MalformedPresignedQuery(*error);
    VIEW360_ASSIGN_OR_RETURN(const std::string signed_headers, param("X-Amz-SignedHeaders"));
    if (auto error = ParseSignedHeaderList(signed_headers, info)) {
      return MalformedPresignedQuery(*error);
    }
    VIEW360_ASSIGN_OR_RETURN(info.amz_date, param("X-Amz-Date"));
    VIEW360_ASSIGN_OR_RETURN(const std::string expires, param("X-Amz-Expires"));
    if (!AllDigits(expires) || expires.size() > 7 || std::stol(expires) < 1 ||
        std::stol(expires) > kMaxPresignExpires.count()) {
      return MalformedPresignedQuery("X-Amz-Expires '" + expires + "' is not 1 to " +
                                     std::to_string(kMaxPresignExpires.count()) + " seconds");
    }
    info.expires = std::chrono::seconds(std::stol(expires));
    if (!IsLowerHex(*query_signature, 64)) {
      return MalformedPresignedQuery("X-Amz-Signature is not 64 lower-case hex digits");
    }
    info.signature = *query_signature;
  } else {
    return Status(StatusCode::kInvalidArgument,
                  "the request is not signed: it has neither an Authorization header nor an "
                  "X-Amz-Signature query parameter",
                  "MissingAuthenticationToken");
  }
  const auto malformed = [&](std::string message) {
    return info.presigned ? MalformedPresignedQuery(std::move(message))
                          : MalformedAuthorization(std::move(message));
  };
  if (!ParseAmzDate(info.amz_date).ok()) {
    return malformed("X-Amz-Date '" + info.amz_date + "' is not of the form YYYYMMDDTHHMMSSZ");
  }
  if (info.amz_date.compare(0, 8, info.date) != 0) {
    return malformed("the credential scope's date " + info.date + " is not the day of X-Amz-Date " +
                     info.amz_date);
  }
  if (std::find(info.signed_headers.begin(), info.signed_headers.end(), "host") ==
      info.signed_headers.end()) {
    return malformed("the host header is not among the signed headers");
  }
  return info;
}

Result<SigningResult> RecomputeSignature(const HttpRequest& request, const SignedRequestInfo& info,
                                         std::string_view secret_access_key) {
  const SigningOptions options = SigningOptions::ForService(info.service, info.region);
  VIEW360_ASSIGN_OR_RETURN(const CanonicalHeaders canonical_headers,
                           CanonicalizeSignedHeaders(request.headers, info.signed_headers));
  QueryParams query;
  query.reserve(request.query.size());
  for (const auto& param : request.query) {
    if (info.presigned && param.first == "X-Amz-Signature") continue;
    query.push_back(param);
  }
  std::string payload_hash;
  if (const auto claimed = FindHeader(request.headers, "x-amz-content-sha256")) {
    payload_hash = *claimed;
    if (IsLowerHex(payload_hash, 64) && payload_hash != Sha256Hex(request.body)) {
      return Status(StatusCode::kPermissionDenied,
                    "the x-amz-content-sha256 header is not the SHA-256 of the body received",
                    "XAmzContentSHA256Mismatch");
    }
  } else {
    payload_hash = PayloadHash(
        request.body, info.presigned ? options.presigned_payload : PayloadSigning::kSha256);
  }
  SigningResult result;
  result.signed_headers = canonical_headers.signed_headers;
  result.credential_scope = CredentialScope(info.date, info.region, info.service);
  result.canonical_request =
      CanonicalRequest(request.method, CanonicalUri(request.path, options),
                       CanonicalQueryString(query), canonical_headers, payload_hash);
  FinishSignature(result, info.amz_date,
                  DeriveSigningKey(secret_access_key, info.date, info.region, info.service));
  return result;
}

Status VerifySignature(const HttpRequest& request, const SignedRequestInfo& info,
                       std::string_view secret_access_key) {
  VIEW360_ASSIGN_OR_RETURN(const SigningResult expected,
                           RecomputeSignature(request, info, secret_access_key));
  if (ConstantTimeEquals(expected.signature, info.signature)) return OkStatus();
  return Status(StatusCode::kPermissionDenied,
                "the request signature does not match the one computed for access key " +
                    info.access_key_id + " over scope " + expected.credential_scope +
                    " and signed headers " + expected.signed_headers +
                    ": check the secret access key and that nothing was changed after signing",
                "SignatureDoesNotMatch");
}

Status CheckSigningTime(const SignedRequestInfo& info, Clock::time_point now,
                        std::chrono::seconds max_skew) {
  VIEW360_ASSIGN_OR_RETURN(const Clock::time_point signed_at, ParseAmzDate(info.amz_date));
  if (info.presigned) {
    if (now + max_skew < signed_at) {
      return Status(StatusCode::kPermissionDenied,
                    "the presigned URL is not valid yet: X-Amz-Date " + info.amz_date +
                        " is after the server's time " + FormatAmzDate(now),
                    "AccessDenied");
    }
    if (now > signed_at + info.expires) {
      return Status(StatusCode::kPermissionDenied,
                    "the presigned URL has expired: signed at " + info.amz_date + " for " +
                        std::to_string(info.expires.count()) + " s, the server's time is " +
                        FormatAmzDate(now),
                    "AccessDenied");
    }
    return OkStatus();
  }
  if (now > signed_at + max_skew || now + max_skew < signed_at) {
    return Status(StatusCode::kPermissionDenied,
                  "X-Amz-Date " + info.amz_date + " is more than " +
                      std::to_string(max_skew.count()) + " s from the server's time " +
                      FormatAmzDate(now) + ": check the client's clock",
                  "RequestTimeTooSkewed");
  }
  return OkStatus();
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace view360::aws
