// AWS error responses: recognising them, classifying their codes, and the Status they become.
#include <algorithm>
#include <array>
#include <cctype>

#include "aws/protocol/internal.h"
#include "aws/retry.h"

namespace view360::aws {
namespace {

using internal::Excerpt;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

template <size_t N>
bool OneOf(std::string_view code, const std::array<std::string_view, N>& codes) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

constexpr std::array<std::string_view, 19> kPermissionCodes = {
    "UnauthorizedOperation",
    "AuthFailure",
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "SignatureDoesNotMatch",
    "IncompleteSignature",
    "MissingAuthenticationToken",
    "MissingAuthenticationTokenException",
    "ExpiredToken",
    "ExpiredTokenException",
    "TokenRefreshRequired",
    "InvalidAccessKeyId",
    "InvalidToken",
    "InvalidIdentityToken",
    "NotAuthorized",
    "AuthorizationError",
    "Forbidden",
    "ForbiddenException",
    "AccountProblem",
};

// The account has not enabled or subscribed to the service, or the clock is wrong: nothing a
// retry fixes, and not the caller's input either.
constexpr std::array<std::string_view, 12> kPreconditionCodes = {
    "SubscriptionRequiredException",
    "SubscriptionRequired",
    "OptInRequired",
    "OptInRequiredException",
    "AWSOrganizationsNotInUseException",
    "InvalidAccessException",
    "NoAvailableConfigurationRecorderException",
    "NotSignedUp",
    "PendingVerification",
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
};

bool IsNotFoundCode(std::string_view code) {
  return StartsWith(code, "NoSuch") || EndsWith(code, "NotFound") ||
         EndsWith(code, "NotFoundException") || EndsWith(code, "NotFoundFault") ||
         code.find(".NotFound") != std::string_view::npos || EndsWith(code, "NonExistentQueue") ||
         code == "QueueDoesNotExist" || code == "DataUnavailableException";
}

}  // namespace

StatusCode ClassifyAwsError(std::string_view code, int http_status) {
  if (IsThrottlingCode(code) || http_status == 429) return StatusCode::kResourceExhausted;
  if (IsTransientCode(code) || http_status >= 500) return StatusCode::kUnavailable;
  if (StartsWith(code, "AccessDenied") || StartsWith(code, "Unauthorized") ||
      OneOf(code, kPermissionCodes)) {
    return StatusCode::kPermissionDenied;
  }
  if (OneOf(code, kPreconditionCodes)) return StatusCode::kFailedPrecondition;
  if (IsNotFoundCode(code) || http_status == 404) return StatusCode::kNotFound;
  if (http_status == 403) return StatusCode::kPermissionDenied;
  if (http_status >= 300 && http_status < 400) return StatusCode::kFailedPrecondition;
  return StatusCode::kInvalidArgument;
}

Status AwsError::ToStatus(std::string_view service, std::string_view operation) const {
  std::string text = malformed ? "malformed response from " : "";
  text += std::string(service) + " " + std::string(operation) + ": " + code;
  if (!message.empty()) text += ": " + message;
  text += " (HTTP " + std::to_string(http_status);
  if (!request_id.empty()) text += ", request id " + request_id;
  if (!bucket_region.empty()) text += ", bucket region " + bucket_region;
  text += ")";
  return Status(status_code, std::move(text), code);
}

namespace internal {

std::string Excerpt(std::string_view body, size_t limit) {
  std::string out;
  for (char c : body.substr(0, limit)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 && c != ' ') ? ' ' : c;
  }
  if (body.size() > limit) out += "...";
  return out;
}

std::string ParseErrors::Quote(std::string_view value) const {
  return redact ? std::string("a value") : "\"" + Excerpt(value, 40) + "\"";
}

std::string_view HttpReasonPhrase(int status) {
  switch (status) {
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Request Entity Too Large";
    case 416:
      return "Requested Range Not Satisfiable";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

bool LooksLikeHtml(std::string_view body) {
  size_t start = 0;
  while (start < body.size() && std::isspace(static_cast<unsigned char>(body[start]))) ++start;
  std::string head;
  for (char c : body.substr(start, 16)) {
    head += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return StartsWith(head, "<html") || StartsWith(head, "<!doctype html");
}

Status MalformedResponse(const ServiceModel& model, const Operation& op,
                         const HttpResponse& response, std::string_view what) {
  std::string text = "malformed response from " + model.metadata().service_name + " " + op.name +
                     ": " + std::string(what) + " (HTTP " + std::to_string(response.status);
  if (auto type = FindHeader(response.headers, "Content-Type")) text += ", Content-Type " + *type;
  text += ", " + std::to_string(response.body.size()) + " body bytes";
  if (!response.body.empty() && !op.output_sensitive) text += ": " + Excerpt(response.body);
  text += ")";
  return Status(StatusCode::kInternal, std::move(text));
}

Status HtmlResponse(const ServiceModel& model, const Operation& op, const HttpResponse& response) {
  return Status(StatusCode::kUnavailable,
                model.metadata().service_name + " " + op.name + ": got an HTML page (HTTP " +
                    std::to_string(response.status) +
                    ") instead of an AWS response; a proxy or load balancer answered: " +
                    Excerpt(response.body),
                std::to_string(response.status));
}

bool IsS3ErrorIn200(const ServiceModel& model, const Operation& op, const HttpResponse& response) {
  // botocore.handlers._handle_200_error: S3 only, 200 only, not for streaming payloads.
  if (model.metadata().service_name != "s3" || response.status != 200 || response.body.empty() ||
      !op.output) {
    return false;
  }
  const Shape& output = *op.output->shape;
  if (!output.payload.empty()) {
    const Member* payload = output.FindMember(output.payload);
    if (payload != nullptr && (payload->ref.shape->type == ShapeType::kBlob ||
                               payload->ref.shape->type == ShapeType::kString)) {
      return false;
    }
  }
  XmlBody xml;
  std::string error;
  if (!LoadXml(response.body, xml, error)) return true;  // Truncated: botocore retries.
  return std::string_view(xml.root.name()) == "Error";
}

}  // namespace internal

bool IsErrorResponse(const ServiceModel& model, std::string_view operation,
                     const HttpResponse& response) {
  if (response.status < 200 || response.status >= 300) return true;
  const Operation* op = model.FindOperation(operation);
  return op != nullptr && internal::IsS3ErrorIn200(model, *op, response);
}

Result<AwsError> ParseError(const ServiceModel& model, std::string_view operation,
                            const HttpResponse& response) {
  const Operation* op = model.FindOperation(operation);
  if (op == nullptr) {
    return NotFoundError(model.metadata().service_name + " has no operation " +
                         std::string(operation));
  }
  const bool s3_200 = internal::IsS3ErrorIn200(model, *op, response);
  if (!s3_200 && response.status >= 200 && response.status < 300) {
    return InvalidArgumentError("HTTP " + std::to_string(response.status) + " from " +
                                model.metadata().service_name + " " + op->name +
                                " is not an error response");
  }
  AwsError error;
  // botocore turns S3's 200-with-error into a 500 before parsing it.
  error.http_status = s3_200 ? 500 : response.status;
  if (auto region = FindHeader(response.headers, "x-amz-bucket-region")) {
    error.bucket_region = *region;
  }

  std::string_view body = response.body;
  size_t start = 0;
  while (start < body.size() && std::isspace(static_cast<unsigned char>(body[start]))) ++start;
  body.remove_prefix(start);
  const bool html = internal::LooksLikeHtml(body);
  if (error.http_status >= 500 && (body.empty() || html)) {
    // botocore's generic error: code is the HTTP status.
    error.code = std::to_string(error.http_status);
    error.message = std::string(internal::HttpReasonPhrase(error.http_status));
    if (html) error.message += " (HTML page from a proxy or load balancer)";
  } else if (html) {
    error.code = std::to_string(error.http_status);
    error.message = "an HTML page instead of an AWS error (a proxy?): " + internal::Excerpt(body);
    error.malformed = true;
  } else {
    switch (model.metadata().protocol) {
      case Protocol::kQuery:
      case Protocol::kEc2:
        internal::ParseXmlError(response, /*rest_xml=*/false, error);
        break;
      case Protocol::kRestXml:
        internal::ParseXmlError(response, /*rest_xml=*/true, error);
        break;
      case Protocol::kJson:
        internal::ParseJsonError(response, /*rest_json=*/false, error);
        break;
      case Protocol::kRestJson:
        internal::ParseJsonError(response, /*rest_json=*/true, error);
        break;
    }
    if (error.code.empty()) {
      error.code = std::to_string(error.http_status);
      if (error.message.empty()) {
        error.message = std::string(internal::HttpReasonPhrase(error.http_status));
      }
    }
  }
  if (s3_200) error.message += " (S3 answered HTTP 200 with this error document)";
  if (error.request_id.empty()) {
    for (const char* name : {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-request-id"}) {
      if (auto id = FindHeader(response.headers, name)) {
        error.request_id = *id;
        break;
      }
    }
  }
  if (html) {
    error.status_code = StatusCode::kUnavailable;
  } else if (error.malformed && error.http_status < 500) {
    error.status_code = StatusCode::kInternal;
  } else {
    error.status_code = ClassifyAwsError(error.code, error.http_status);
  }
  return error;
}

}  // namespace view360::aws
