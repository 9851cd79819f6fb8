// The five AWS wire protocols (query, ec2, json, rest-json, rest-xml), both directions, driven by
// a ServiceModel: operation parameters -> HttpRequest, and HttpResponse -> the operation's output
// as a JSON DOM, or an error Status.
//
// The reference is botocore 1.43 (botocore/serialize.py and botocore/parsers.py, plus the S3
// response handlers boto3 applies); tests/aws/protocol_test.cpp checks every operation of
// tests/aws/data/operations.json against botocore byte for byte (canonically).
//
// Parameters (SerializeRequest): a JSON object shaped like boto3's keyword arguments. Timestamps
// are ISO-8601 strings ("2025-09-15T10:20:30Z", "2025-09-15", offsets allowed; no offset means
// UTC) or epoch seconds (numbers); blobs are JSON strings holding the raw bytes (or JSON binary
// values); null members count as absent. Map entries and keys are serialised in sorted key
// order and structure members in the model's order (botocore uses the caller's order; AWS does
// not care).
//
// Output (ParseResponse): what boto3 returns, without ResponseMetadata: lists wherever the model
// has a list (also for one XML element, and for flattened lists), maps as objects, the query
// <OperationResult> wrapper removed, timestamps as ISO-8601 UTC strings
// ("2025-09-15T10:20:30Z", with ".123Z" or ".123456Z" only when there is a fraction), numbers and
// booleans as JSON numbers and booleans, blobs as base64 strings, header- and status-bound
// members of rest operations, and a blob/string payload (S3 GetObject's Body) as a string of the
// raw body bytes (not necessarily UTF-8: do not dump() such a string as JSON).
//
// Not done here: the endpoint (request.endpoint; callers resolve it, including S3 virtual-host
// addressing, which moves the bucket from the path to the host), endpoint hostPrefix (none of
// our operations uses it), signing, checksums (S3's x-amz-checksum-*/Content-MD5) and request
// compression, retries.
//
// Thread-safety: free functions over immutable models; safe to call from many threads.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "aws/http.h"
#include "aws/service_model.h"
#include "common/status.h"

namespace view360::aws {

// Builds the HTTP request of `operation` for `params`, exactly as botocore serialises it:
// method, URI-encoded path (rest protocols expand the requestUri template; greedy labels such as
// {Key+} keep '/'), decoded query parameters, the headers the protocol sets (Content-Type,
// X-Amz-Target, header-bound members) and the body. request.endpoint is left empty.
// Idempotency-token members that are absent are filled with a random UUID.
// kInvalidArgument naming the parameter when one is unknown, missing but required, or of the
// wrong type; kNotFound when the model has no such operation.
Result<HttpRequest> SerializeRequest(const ServiceModel& model, std::string_view operation,
                                     const nlohmann::json& params);

// The parsed output of `operation` (see the header comment). An error response (non-2xx, or an
// S3 200 whose body is an <Error>) is returned as the Status of ParseError/AwsError::ToStatus.
// A response that cannot be parsed is kInternal "malformed response from <service> <operation>:
// ..." (or kUnavailable for an HTML page from a proxy, and for S3's truncated 200 responses,
// which botocore retries).
Result<nlohmann::json> ParseResponse(const ServiceModel& model, std::string_view operation,
                                     const HttpResponse& response);

// An AWS error response, as the protocol carries it.
struct AwsError {
  int http_status = 0;
  // The AWS error code ("AccessDeniedException", "Throttling", "NoSuchKey"), with json's
  // "prefix#" and ":suffix" removed; the HTTP status ("404") when the response has no code
  // (HEAD requests, generic 5xx pages).
  std::string code;
  std::string message;
  std::string request_id;     // x-amzn-RequestId / x-amz-request-id / <RequestId>, if any.
  std::string type;           // query's <Type>Sender|Receiver</Type>, if any.
  std::string bucket_region;  // S3's x-amz-bucket-region header, for region correction.
  StatusCode status_code = StatusCode::kInternal;  // ClassifyAwsError(code, http_status).
  bool malformed = false;  // The error body could not be parsed; code is the HTTP status.

  // A Status with status_code, reason() = code, and a message naming the service, operation,
  // code, message, HTTP status and request id.
  Status ToStatus(std::string_view service, std::string_view operation) const;
};

// True when `response` is an error for `operation`: a status outside 2xx, or an S3 200 whose
// body is an <Error> document or truncated XML (botocore's _handle_200_error).
bool IsErrorResponse(const ServiceModel& model, std::string_view operation,
                     const HttpResponse& response);

// The error carried by `response`. Never fails for an error response (an unparseable body gives
// an AwsError whose code is the HTTP status and `malformed` is set); kInvalidArgument when
// IsErrorResponse is false.
Result<AwsError> ParseError(const ServiceModel& model, std::string_view operation,
                            const HttpResponse& response);

// What a caller should do about an AWS error code: kResourceExhausted for throttling,
// kPermissionDenied for AccessDenied*/UnauthorizedOperation/AuthFailure/expired or invalid
// credentials, kFailedPrecondition for opt-in/subscription-required and not-enabled errors and
// redirects (wrong region), kNotFound for NoSuch*/*NotFound* codes and 404, kUnavailable for
// 5xx and transient service errors, kInvalidArgument for other 4xx.
StatusCode ClassifyAwsError(std::string_view code, int http_status);

}  // namespace view360::aws
