// AWS Signature Version 4 (SigV4): signing requests (Authorization header), presigning URLs
// (X-Amz-* query parameters) and, for a server such as our AWS simulator, verifying both.
//
// SigV4 is written here as the four steps of the AWS documentation, each a small pure function
// that tests check on its own against the AWS suite and botocore
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html):
//   1. CanonicalRequest   method, canonical URI, canonical query, canonical headers, signed
//                         headers, payload hash;
//   2. StringToSign       algorithm, X-Amz-Date, credential scope, SHA-256 of step 1;
//   3. DeriveSigningKey   HMAC chain secret -> date -> region -> service -> "aws4_request";
//   4. ComputeSignature   hex HMAC of step 2 with the key of step 3.
// SignRequest and PresignRequest run the four steps over an HttpRequest; ParseSignedRequest,
// RecomputeSignature and VerifySignature run them again on the receiving side.
//
// Contract:
// - The time is an argument: nothing here reads the clock, so the same input always gives the
//   same signature.
// - HttpRequest::path is the URI-encoded path. Services other than S3 sign it URI-encoded a
//   second time after removing dot segments and duplicate slashes; S3 signs it as sent. The
//   per-service differences are the named flags of SigningOptions; ForService sets them.
// - The signer owns Authorization, X-Amz-Date, X-Amz-Security-Token and x-amz-content-sha256
//   (and the X-Amz-* query parameters of a presigned URL): a request that already carries one
//   is refused with kInvalidArgument, because it has been signed before. A retry signs a fresh
//   copy of the unsigned request, with its own time.
// - Hop-by-hop and tracing headers (IsUnsignedHeader) are sent but never signed: proxies and
//   the HTTP library may change them.
// - Errors are kInvalidArgument (the request or options are wrong: fix them) or, when
//   verifying, kPermissionDenied with the AWS error code as reason() ("SignatureDoesNotMatch",
//   "RequestTimeTooSkewed", "AccessDenied"). No message contains a secret access key, a
//   session token or a derived key; SigningResult::canonical_request may contain the session
//   token (it is signed) and is for tests, not for logs: log Describe().
//
// Thread-safety: every free function is pure and safe to call from many threads.
// SigningKeyCache is internally synchronised and meant to be shared.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/credentials.h"
#include "aws/http.h"
#include "common/status.h"

namespace view360::aws {

// Decoded query parameters, as in HttpRequest::query.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view kSigV4Algorithm = "AWS4-HMAC-SHA256";
// The payload hash of a request whose body is not signed (S3 presigned URLs, S3 uploads that
// opt out of body signing).
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
// botocore's SigV4QueryAuth.DEFAULT_EXPIRES.
inline constexpr std::chrono::seconds kDefaultPresignExpires{3600};
// A presigned URL lives at most seven days (S3's limit, also enforced by botocore).
inline constexpr std::chrono::seconds kMaxPresignExpires{7 * 24 * 3600};
// How far X-Amz-Date may be from the server's clock before AWS answers RequestTimeTooSkewed.
inline constexpr std::chrono::seconds kMaxClockSkew{15 * 60};

enum class PayloadSigning {
  kSha256,    // Hex SHA-256 of HttpRequest::body.
  kUnsigned,  // The literal UNSIGNED-PAYLOAD.
};

// Who signs for which service, and the service quirks as named flags (aws-c-auth's
// aws_signing_config_aws, botocore's SigV4Auth/S3SigV4Auth). ForService fills them; set a field
// by hand only to follow a documented exception.
struct SigningOptions {
  std::string region;   // "us-east-1"
  std::string service;  // The signing name: "s3", "sts", "dynamodb", "execute-api", ...
  // Remove "." and ".." segments and duplicate slashes from the path before signing
  // (RFC 3986 5.2.4). False for S3, whose object keys may contain them.
  bool normalize_path = true;
  // URI-encode the (already encoded) path once more, as every service but S3 expects.
  bool double_encode_path = true;
  // The payload hash of a header-signed request.
  PayloadSigning payload = PayloadSigning::kSha256;
  // The payload hash of a presigned URL: S3 signs UNSIGNED-PAYLOAD (the body is not known
  // when the URL is made), the other services the hash of the body (botocore).
  PayloadSigning presigned_payload = PayloadSigning::kSha256;
  // Send and sign x-amz-content-sha256 with the payload hash (S3 requires it on every
  // header-signed request). Not used when presigning.
  bool add_content_sha256_header = false;
  // False: X-Amz-Security-Token is added after signing and not signed, for the few endpoints
  // that want it so (the AWS suite's post-sts-header-after; IoT websocket URLs).
  bool sign_session_token = true;
  // X-Amz-Expires of a presigned URL; 1 s to kMaxPresignExpires.
  std::chrono::seconds presign_expires = kDefaultPresignExpires;

  // The options botocore uses for this signing name: the S3 flags for "s3" and
  // "s3-object-lambda" (single encoding, no normalisation, x-amz-content-sha256,
  // UNSIGNED-PAYLOAD when presigning), the defaults above for the others.
  static SigningOptions ForService(std::string service, std::string region);
};

// True when `service` follows S3's signing rules.
bool IsS3SigningName(std::string_view service);

// True for headers that are never signed: hop-by-hop headers (RFC 9110 7.6.1) that proxies
// may change or drop, the HTTP library's own (user-agent, expect), and tracing (x-amzn-trace-id).
// The union of botocore's SIGNED_HEADERS_BLACKLIST and aws-c-auth's s_skipped_headers.
// Case-insensitive.
bool IsUnsignedHeader(std::string_view name);

// ---- Step 1: the canonical request -----------------------------------------------------------

// "20150830T123600Z" (ISO 8601 basic, UTC, whole seconds), the X-Amz-Date of `time`.
std::string FormatAmzDate(Clock::time_point time);
// The inverse; kInvalidArgument unless `amz_date` is exactly of that form.
Result<Clock::time_point> ParseAmzDate(std::string_view amz_date);

// Remove dot segments (RFC 3986 5.2.4) and collapse duplicate slashes; keeps a trailing slash
// unless nothing is left. "" and "/a/.." give "/".
std::string NormalizePath(std::string_view path);

// The canonical URI of an encoded path. With double_encode_path, after NormalizePath when
// normalize_path, every byte but unreserved ones and '/' is percent-encoded (so "%20" becomes
// "%2520"). Without, the path is put in the single-encoded form S3 computes: %XX of an
// unreserved byte decoded, other %XX kept upper-case, other bytes but '/' encoded.
std::string CanonicalUri(std::string_view path, const SigningOptions& options);

// Each name and value RFC 3986-encoded (UriEncode), sorted by encoded name then encoded value,
// joined as "name=value&...". A parameter without a value is "name=".
std::string CanonicalQueryString(const QueryParams& query);

// The header value as signed: leading and trailing whitespace removed, each inner run of
// whitespace (including folded lines) replaced by one space.
std::string TrimHeaderValue(std::string_view value);

struct CanonicalHeaders {
  std::string block;           // "name:value\n" per header name, names lower-case and sorted;
                               // the values of a repeated header joined with ',' in order.
  std::string signed_headers;  // "host;x-amz-date": the same names joined with ';'.
};

// The canonical headers of every header but the unsigned ones (IsUnsignedHeader).
CanonicalHeaders CanonicalizeHeaders(const Headers& headers);
// The canonical headers of exactly `names` (lower-case, as a client listed them in
// SignedHeaders), for verification. kInvalidArgument when one of them is not in `headers`.
Result<CanonicalHeaders> CanonicalizeSignedHeaders(const Headers& headers,
                                                   const std::vector<std::string>& names);

// The hex SHA-256 of the body, or UNSIGNED-PAYLOAD.
std::string PayloadHash(std::string_view body, PayloadSigning signing);

// The six lines of the canonical request, joined with '\n' (the block already ends with one,
// so a blank line follows the headers).
std::string CanonicalRequest(std::string_view method, std::string_view canonical_uri,
                             std::string_view canonical_query, const CanonicalHeaders& headers,
                             std::string_view payload_hash);

// ---- Step 2: the string to sign --------------------------------------------------------------

// "20150830/us-east-1/service/aws4_request". `date` is YYYYMMDD, the first eight characters of
// X-Amz-Date.
std::string CredentialScope(std::string_view date, std::string_view region,
                            std::string_view service);
// "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex SHA-256 of canonical_request>".
std::string StringToSign(std::string_view amz_date, std::string_view credential_scope,
                         std::string_view canonical_request);

// ---- Step 3: the signing key -----------------------------------------------------------------

// The derived key. As secret as the secret access key for that day, region and service.
struct SigningKey {
  std::array<unsigned char, 32> bytes{};
};

// HMAC("AWS4" + secret, date) -> region -> service -> "aws4_request".
SigningKey DeriveSigningKey(std::string_view secret_access_key, std::string_view date,
                            std::string_view region, std::string_view service);

// Derived keys by (secret, date, region, service), so that a signature costs one HMAC instead
// of five. A key changes once a day per region and service; the cache keeps the `capacity`
// most recently derived ones and forgets the oldest first. Holds copies of the secrets it was
// given; wipes them when destroyed. Safe to share between threads.
class SigningKeyCache {
 public:
  static constexpr std::size_t kDefaultCapacity = 64;

  explicit SigningKeyCache(std::size_t capacity = kDefaultCapacity);
  ~SigningKeyCache();
  SigningKeyCache(const SigningKeyCache&) = delete;
  SigningKeyCache& operator=(const SigningKeyCache&) = delete;

  SigningKey Get(std::string_view secret_access_key, std::string_view date, std::string_view region,
                 std::string_view service);

  // How many Get calls derived a key (for tests and the benchmark).
  std::size_t derivations() const;

 private:
  struct Entry {
    std::string id;  // secret '\n' date '\n' region '\n' service
    SigningKey key;
  };
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::vector<Entry> entries_;  // Oldest first.
  std::size_t derivations_ = 0;
};

// ---- Step 4: the signature -------------------------------------------------------------------

// Lower-case hex HMAC-SHA256 of the string to sign.
std::string ComputeSignature(const SigningKey& key, std::string_view string_to_sign);

// "AWS4-HMAC-SHA256 Credential=<akid>/<scope>, SignedHeaders=<names>, Signature=<hex>".
std::string AuthorizationHeaderValue(std::string_view access_key_id,
                                     std::string_view credential_scope,
                                     std::string_view signed_headers, std::string_view signature);

// ---- Signing ---------------------------------------------------------------------------------

// What a signature was computed from, stage by stage.
struct SigningResult {
  std::string canonical_request;  // May contain the session token: not for logs.
  std::string string_to_sign;
  std::string credential_scope;
  std::string signed_headers;
  std::string signature;

  // "scope=... signed_headers=... signature=..." and the hash of the canonical request: what to
  // log when a signature is refused. Holds no secret.
  std::string Describe() const;
};

// Signs `request` in its headers. Adds Host (from the endpoint, when absent), X-Amz-Date,
// X-Amz-Security-Token (session credentials), x-amz-content-sha256 (when asked) and
// Authorization. kInvalidArgument, with `request` unchanged, when the credentials or options
// are incomplete, the endpoint has no host, or the request is already signed. `cache` may be
// null; when given it must outlive the call.
Result<SigningResult> SignRequest(HttpRequest& request, const Credentials& credentials,
                                  const SigningOptions& options, Clock::time_point now,
                                  SigningKeyCache* cache = nullptr);

// Presigns `request`: appends X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires,
// X-Amz-SignedHeaders, X-Amz-Security-Token (session credentials) and X-Amz-Signature to its
// query, so that request.Url() is the presigned URL. Signs the host and the headers the request
// carries (whoever uses the URL must send those too). Errors as SignRequest's, and
// kInvalidArgument when options.presign_expires is out of range.
Result<SigningResult> PresignRequest(HttpRequest& request, const Credentials& credentials,
                                     const SigningOptions& options, Clock::time_point now,
                                     SigningKeyCache* cache = nullptr);

// ---- Verifying (server side) -----------------------------------------------------------------

// What a signed request claims, from its Authorization header or its presigned query.
struct SignedRequestInfo {
  bool presigned = false;
  std::string access_key_id;
  std::string date;                         // YYYYMMDD, from the credential scope.
  std::string region;                       // From the credential scope.
  std::string service;                      // From the credential scope.
  std::vector<std::string> signed_headers;  // Lower-case, in the order listed.
  std::string signature;                    // 64 lower-case hex digits.
  std::string amz_date;                     // X-Amz-Date (header or query parameter).
  std::chrono::seconds expires{0};          // X-Amz-Expires; presigned only.

  // Everything above but the signature, for logs.
  std::string Describe() const;
};

// Parses "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request,
// SignedHeaders=host;x-amz-date, Signature=<hex>" (spaces after the commas optional).
// Leaves amz_date empty. kInvalidArgument, naming the part that is wrong, otherwise.
Result<SignedRequestInfo> ParseAuthorization(std::string_view header_value);

// The claims of a received request: its Authorization header if it has one (with X-Amz-Date
// from the header), otherwise its X-Amz-* query parameters. kInvalidArgument when it has
// neither or they are malformed, when the credential scope's date is not X-Amz-Date's day,
// or when "host" is not among the signed headers.
Result<SignedRequestInfo> ParseSignedRequest(const HttpRequest& request);

// Runs the four steps on a received request, as the client must have: the canonical URI from
// request.path exactly as received (S3 rules when info.service is S3's), the query without
// X-Amz-Signature, exactly the headers the client listed, and as payload hash the
// x-amz-content-sha256 header when present, UNSIGNED-PAYLOAD for an S3 presigned URL, the
// hash of the body otherwise. kInvalidArgument when a signed header is missing;
// kPermissionDenied (reason "XAmzContentSHA256Mismatch") when x-amz-content-sha256 is a hash
// that is not the body's.
Result<SigningResult> RecomputeSignature(const HttpRequest& request, const SignedRequestInfo& info,
                                         std::string_view secret_access_key);

// OK when the request's signature is the one RecomputeSignature computes with this secret
// (compared in constant time); kPermissionDenied with reason "SignatureDoesNotMatch"
// otherwise, or RecomputeSignature's error.
Status VerifySignature(const HttpRequest& request, const SignedRequestInfo& info,
                       std::string_view secret_access_key);

// OK when the request is fresh at `now`: a header-signed request within `max_skew` of
// X-Amz-Date (else reason "RequestTimeTooSkewed"), a presigned URL not before X-Amz-Date less
// `max_skew` nor after X-Amz-Date plus X-Amz-Expires (else reason "AccessDenied").
// kPermissionDenied either way.
Status CheckSigningTime(const SignedRequestInfo& info, Clock::time_point now,
                        std::chrono::seconds max_skew = kMaxClockSkew);

// Equality whose time depends only on the lengths, not on where the strings differ: for
// comparing signatures without telling an attacker how many leading characters were right.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace view360::aws
