// The sources that ask a local HTTP endpoint: containers (ECS, EKS Pod Identity) and the EC2
// instance metadata service.
//
// Deviation from botocore, on purpose: when the IMDSv2 token request gets no answer at all
// (connection refused, timeout) we stop there with kNotFound. botocore then retries the GETs
// without a token (IMDSv1), which costs a second timeout on every machine that is not on EC2;
// IMDSv1 is still used when IMDS answers the token request with 403, 404 or 405.
#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <thread>

#include "aws/credential_chain.h"
#include "aws/credential_internal.h"
#include "common/log.h"

namespace view360::aws {
namespace {

using internal::AsciiLower;

constexpr std::string_view kContainerHost = "http://169.254.170.2";  // ECS's credential endpoint.
constexpr std::string_view kImdsTokenPath = "/latest/api/token";
constexpr std::string_view kImdsRolePath = "/latest/meta-data/iam/security-credentials/";

struct ParsedUrl {
  std::string endpoint;  // scheme://authority, without user info.
  std::string host;      // Lower-case, without brackets.
  std::string path = "/";
  std::vector<std::pair<std::string, std::string>> query;
};

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (text[i] == '+') {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

// Splits "/path?query" into the request's path and decoded query.
void SetPathAndQuery(std::string_view path_and_query, ParsedUrl& url) {
  if (const size_t hash = path_and_query.find('#'); hash != std::string_view::npos) {
    path_and_query = path_and_query.substr(0, hash);
  }
  const size_t question = path_and_query.find('?');
  const std::string_view path = path_and_query.substr(0, question);
  // Built by appending: g++ 12 at -O3 misreads insert(0, "/") as an overlapping memcpy.
  url.path.clear();
  if (path.empty() || path.front() != '/') url.path += '/';
  url.path += path;
  if (question == std::string_view::npos) return;
  std::string_view query = path_and_query.substr(question + 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      url.query.emplace_back(
          PercentDecode(pair.substr(0, eq)),
          eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
}

std::optional<ParsedUrl> ParseUrl(std::string_view text) {
  const size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  const std::string scheme = AsciiLower(text.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string_view rest = text.substr(scheme_end + 3);
  const size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  if (authority.empty()) return std::nullopt;
  ParsedUrl url;
  url.endpoint = scheme + "://" + std::string(authority);
  if (authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    url.host = AsciiLower(authority.substr(1, close - 1));
  } else {
    url.host = AsciiLower(authority.substr(0, authority.find(':')));
  }
  if (url.host.empty()) return std::nullopt;
  SetPathAndQuery(authority_end == std::string_view::npos ? "/" : rest.substr(authority_end), url);
  return url;
}

// botocore ContainerMetadataFetcher._validate_allowed_url: a loopback address, or one of the
// container credential hosts.
bool IsAllowedContainerHost(const std::string& host) {
  if (host == "localhost" || host == "169.254.170.2" || host == "169.254.170.23" ||
      host == "fd00:ec2::23") {
    return true;
  }
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool IsTrue(const std::optional<std::string>& value) {
  return value && AsciiLower(internal::Trim(*value)) == "true";
}

// An environment variable, else the profile's setting; nullopt when neither is set or empty.
std::optional<std::string> Setting(const EnvLookup& env, std::string_view variable,
                                   const Profile* profile, std::string_view key) {
  if (auto value = env(variable); value && !value->empty()) return value;
  if (profile != nullptr) {
    if (auto value = profile->Get(key); value && !value->empty()) return value;
  }
  return std::nullopt;
}

std::string RequestFailure(const Status& status) { return status.ToString(); }

}  // namespace

// -- Containers ---------------------------------------------------------------------------------

ContainerProvider::ContainerProvider(EnvLookup env, Transport& transport, ContainerOptions options,
                                     NowFunction now)
    : RefreshingProvider(std::move(now)),
      env_(std::move(env)),
      transport_(transport),
      options_(std::move(options)) {}

Result<Credentials> ContainerProvider::Fetch() {
  const auto relative = env_("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  const auto full = env_("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (!relative && !full) {
    return NotFoundError(
        "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI "
        "is set");
  }
  ParsedUrl url;
  std::string shown;  // The URL for messages, redacted.
  if (relative) {
    url.endpoint = std::string(kContainerHost);
    SetPathAndQuery(*relative, url);
    shown = Redact(url.endpoint + *relative);
  } else {
    shown = Redact(*full);
    auto parsed = ParseUrl(*full);
    if (!parsed) {
      return InvalidArgumentError("AWS_CONTAINER_CREDENTIALS_FULL_URI '" + shown +
                                  "' is not an http:// or https:// URL");
    }
    if (!IsAllowedContainerHost(parsed->host)) {
      return InvalidArgumentError(
          "AWS_CONTAINER_CREDENTIALS_FULL_URI: host '" + parsed->host +
          "' is not allowed; use a loopback address or one of localhost, 169.254.170.2, "
          "169.254.170.23, fd00:ec2::23 (as the AWS SDKs)");
    }
    url = std::move(*parsed);
  }

  HttpRequest request;
  request.method = "GET";
  request.endpoint = url.endpoint;
  request.path = url.path;
  request.query = url.query;
  SetHeader(request.headers, "Accept", "application/json");
  std::optional<std::string> token;
  if (auto file = env_("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); file && !file->empty()) {
    auto text = internal::ReadTextFile(*file);
    if (!text.ok()) {
      return FailedPreconditionError("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: " +
                                     text.status().message());
    }
    token = std::string(internal::TrimRight(*text));  // A trailing newline is not part of it.
  } else if (auto value = env_("AWS_CONTAINER_AUTHORIZATION_TOKEN")) {
    token = *value;
  }
  if (token) {
    if (token->find_first_of("\r\n") != std::string::npos) {
      return InvalidArgumentError(
          "the container authorization token holds a line break: not a legal header value");
    }
    SetHeader(request.headers, "Authorization", *token);
  }

  const int attempts = std::max(1, options_.attempts);
  Status last;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    if (attempt > 1) {
      if (options_.sleep) {
        options_.sleep(options_.retry_delay);
      } else {
        std::this_thread::sleep_for(options_.retry_delay);
      }
    }
    auto response = transport_.Send(request);
    if (!response.ok()) {
      last = Status(response.status().code(), RequestFailure(response.status()));
      continue;
    }
    if (response->status != 200) {
      const bool denied = response->status == 401 || response->status == 403;
      last = Status(denied ? StatusCode::kPermissionDenied : StatusCode::kUnavailable,
                    "HTTP " + std::to_string(response->status));
      continue;
    }
    auto fields = internal::ParseFlatJsonObject(response->body);
    if (!fields.ok()) {
      last = FailedPreconditionError("the answer is not a JSON object");
      continue;
    }
    auto credentials = internal::CredentialsFromFields(*fields, "Token", /*require_all=*/true,
                                                       "container endpoint");
    if (!credentials.ok()) {
      return FailedPreconditionError("container credentials endpoint " + shown + ": " +
                                     credentials.status().message());
    }
    return credentials;
  }
  return Status(last.code(), "container credentials endpoint " + shown + ": " + last.message() +
                                 " (" + std::to_string(attempts) + " attempt" +
                                 (attempts == 1 ? "" : "s") + ")");
}

// -- EC2 instance metadata ----------------------------------------------------------------------

ImdsOptions ImdsOptions::FromEnvironment(const EnvLookup& env, const Profile* profile) {
  ImdsOptions options;
  options.disabled = IsTrue(env("AWS_EC2_METADATA_DISABLED"));
  if (auto endpoint = Setting(env, "AWS_EC2_METADATA_SERVICE_ENDPOINT", profile,
                              "ec2_metadata_service_endpoint")) {
    options.endpoint = *endpoint;
  } else if (auto mode = Setting(env, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", profile,
                                 "ec2_metadata_service_endpoint_mode");
             mode && AsciiLower(*mode) == "ipv6") {
    options.endpoint = std::string(kIpv6Endpoint);
  }
  while (options.endpoint.size() > 1 && options.endpoint.back() == '/') options.endpoint.pop_back();
  options.v1_disabled =
      IsTrue(Setting(env, "AWS_EC2_METADATA_V1_DISABLED", profile, "ec2_metadata_v1_disabled"));
  if (auto attempts = Setting(env, "AWS_METADATA_SERVICE_NUM_ATTEMPTS", profile,
                              "metadata_service_num_attempts")) {
    try {
      options.attempts = std::clamp(std::stoi(*attempts), 1, 10);
    } catch (const std::exception&) {
      // botocore would fail on int(); a bad value keeps the default here.
    }
  }
  return options;
}

ImdsProvider::ImdsProvider(ImdsOptions options, Transport& transport, NowFunction now)
    : RefreshingProvider(std::move(now)), options_(std::move(options)), transport_(transport) {}

Result<Credentials> ImdsProvider::Fetch() {
  if (options_.disabled) return NotFoundError("AWS_EC2_METADATA_DISABLED is true");
  const int attempts = std::max(1, options_.attempts);
  const std::string& endpoint = options_.endpoint;

  // 1. The IMDSv2 session token.
  HttpRequest token_request;
  token_request.method = "PUT";
  token_request.endpoint = endpoint;
  token_request.path = std::string(kImdsTokenPath);
  SetHeader(token_request.headers, "X-aws-ec2-metadata-token-ttl-seconds",
            std::string(ImdsOptions::kTokenTtlSeconds));
  std::optional<std::string> token;
  int token_status = 0;
  Status unreachable;
  for (int attempt = 1; attempt <= attempts && !token && token_status == 0; ++attempt) {
    auto response = transport_.Send(token_request);
    if (!response.ok()) {
      unreachable = response.status();
      continue;
    }
    unreachable = OkStatus();
    if (response->status == 200 && !response->body.empty()) {
      token = response->body;
    } else if (response->status == 400) {
      return NotFoundError("the instance metadata service at " + endpoint +
                           " rejected the token request (HTTP 400)");
    } else {
      token_status = response->status;  // 403/404/405 (IMDSv1 only) or an error: go on without.
    }
  }
  if (!token && token_status == 0) {
    return NotFoundError("the instance metadata service at " + endpoint + " did not answer (" +
                         RequestFailure(unreachable) + "): not on EC2, or IMDS is blocked");
  }
  if (!token && options_.v1_disabled) {
    return FailedPreconditionError(
        "the instance metadata service refused an IMDSv2 token (HTTP " +
        std::to_string(token_status) +
        ") and IMDSv1 is disabled (AWS_EC2_METADATA_V1_DISABLED or ec2_metadata_v1_disabled)");
  }

  // 2. and 3. GETs with the token, retried on failures, empty or (for JSON) unparsable answers.
  const auto get = [&](const std::string& path, bool want_json,
                       std::map<std::string, std::string>* json) -> Result<std::string> {
    HttpRequest request;
    request.method = "GET";
    request.endpoint = endpoint;
    request.path = path;
    if (token) SetHeader(request.headers, "X-aws-ec2-metadata-token", *token);
    std::string why;
    for (int attempt = 1; attempt <= attempts; ++attempt) {
      auto response = transport_.Send(request);
      if (!response.ok()) {
        why = RequestFailure(response.status());
      } else if (response->status != 200) {
        why = "HTTP " + std::to_string(response->status);
      } else if (response->body.empty()) {
        why = "an empty answer";
      } else if (want_json) {
        auto parsed = internal::ParseFlatJsonObject(response->body);
        if (parsed.ok()) {
          *json = std::move(parsed).value();
          return std::string();
        }
        why = "an answer that is not a JSON object";
      } else {
        return std::move(response->body);
      }
    }
    return NotFoundError(why);
  };

  auto roles = get(std::string(kImdsRolePath), false, nullptr);
  if (!roles.ok()) {
    return NotFoundError("no IAM role from the instance metadata service at " + endpoint + " (" +
                         roles.status().message() + "): is an instance profile attached?");
  }
  const std::string role(internal::Trim(std::string_view(*roles).substr(0, roles->find('\n'))));
  if (role.empty()) return NotFoundError("the instance metadata service listed no IAM role");

  std::map<std::string, std::string> fields;
  auto fetched = get(std::string(kImdsRolePath) + UriEncode(role), true, &fields);
  if (!fetched.ok()) {
    return NotFoundError("no credentials for role '" + role + "' from the instance metadata " +
                         "service (" + fetched.status().message() + ")");
  }
  auto credentials = internal::CredentialsFromFields(fields, "Token", /*require_all=*/true,
                                                     "EC2 instance role " + role);
  if (!credentials.ok()) {
    // IMDS answers a JSON error (Code, Message) when, e.g., EC2 may not assume the role.
    const auto code = fields.find("Code");
    return NotFoundError("the instance metadata service gave no credentials for role '" + role +
                         "' (" +
                         (code != fields.end() ? "Code " + code->second.substr(0, 64)
                                               : credentials.status().message()) +
                         ")");
  }
  return credentials;
}

}  // namespace view360::aws
