#include "aws/client.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <thread>

#include "aws/endpoints.h"
#include "aws/protocol.h"
#include "aws/service_model.h"

namespace view360::aws {
namespace {

using nlohmann::json;

// A clock-skew answer is believed only when the server's Date differs from ours by more than
// this (the Java SDK's threshold): small differences are not what made the call fail.
constexpr std::chrono::minutes kSkewThreshold{4};

std::optional<Clock::time_point> ParseHttpDate(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  return Clock::from_time_t(timegm(&tm));
}

// S3 buckets that can be addressed as <bucket>.s3.<region>.amazonaws.com with TLS: 3 to 63
// lower-case letters, digits and hyphens, no dots (a dot breaks the wildcard certificate).
bool VirtualHostable(const std::string& bucket) {
  if (bucket.size() < 3 || bucket.size() > 63 || bucket.front() == '-' || bucket.back() == '-') {
    return false;
  }
  for (char c : bucket) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

bool IsAwsHost(const std::string& url) {
  auto host_end = url.find('/', url.find("://") + 3);
  std::string host = url.substr(0, host_end);
  return host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn");
}

// Moves the bucket from the path to the host, as every SDK does for AWS's own endpoints.
void UseVirtualHost(HttpRequest& request, const std::string& bucket) {
  const std::string prefix = "/" + bucket;
  if (!request.path.starts_with(prefix)) return;
  std::string rest = request.path.substr(prefix.size());
  if (!rest.empty() && rest.front() != '/') return;
  request.path = rest.empty() ? "/" : rest;
  const auto scheme_end = request.endpoint.find("://") + 3;
  request.endpoint.insert(scheme_end, bucket + ".");
}

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

struct AwsClient::Attempt {
  std::string service;
  std::string operation;
  const ServiceModel* model = nullptr;
  const Operation* op = nullptr;
  HttpRequest unsigned_request;
  std::string bucket;  // S3 operations on a bucket.
  std::string region;
  std::string stats_key;
  int number = 0;
  bool skew_corrected = false;
  bool redirected = false;
  // Set by CallOnce on an AWS error answer.
  std::optional<AwsError> error;
  std::optional<Clock::time_point> server_date;
};

AwsClient::AwsClient(Dependencies dependencies, ClientOptions options)
    : deps_(std::move(dependencies)), options_(std::move(options)) {
  if (!deps_.now) deps_.now = [] { return Clock::now(); };
  if (!deps_.sleep)
    deps_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

bool AwsClient::CanPaginate(std::string_view service, std::string_view operation) {
  auto model = ServiceModel::Get(service);
  return model.ok() && (*model)->FindPaginator(operation) != nullptr;
}

void AwsClient::Count(const std::string& key, bool throttled, bool retry) {
  std::lock_guard<std::mutex> lock(mu_);
  ++stats_.calls[key];
  if (throttled) ++stats_.throttled;
  if (retry) ++stats_.retries;
}

CallStats AwsClient::Stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

Result<json> AwsClient::CallOnce(Attempt& attempt) {
  attempt.error.reset();
  attempt.server_date.reset();
  const ServiceMetadata& meta = attempt.model->metadata();
  VIEW360_ASSIGN_OR_RETURN(
      Endpoint endpoint,
      ResolveEndpoint(EndpointQuery{attempt.service, meta.endpoint_prefix, meta.service_id,
                                    attempt.region, options_.endpoint_url}));
  HttpRequest request = attempt.unsigned_request;
  request.endpoint = endpoint.url;
  if (!attempt.bucket.empty() && options_.endpoint_url.empty() && IsAwsHost(endpoint.url) &&
      VirtualHostable(attempt.bucket) && Env("AWS_S3_FORCE_PATH_STYLE") != "true") {
    UseVirtualHost(request, attempt.bucket);
  }

  if (deps_.limiter) {
    deps_.limiter->Acquire(
        RateKey{options_.account, endpoint.signing_region, attempt.service, attempt.operation});
  }
  if (!attempt.op->unsigned_auth) {
    VIEW360_ASSIGN_OR_RETURN(Credentials credentials, deps_.credentials->Get());
    const auto now = deps_.now() + std::chrono::milliseconds(clock_skew_ms_.load());
    auto signed_request =
        SignRequest(request, credentials,
                    SigningOptions::ForService(meta.signing_name, endpoint.signing_region), now,
                    &signing_keys_);
    VIEW360_RETURN_IF_ERROR(signed_request.status());
  }

  const auto started = std::chrono::steady_clock::now();
  auto response = deps_.transport->Send(request);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  if (!response.ok()) {
    spdlog::debug("aws {}.{}: {} after {} ms (attempt {})", attempt.service, attempt.operation,
                  response.status().message(), elapsed.count(), attempt.number);
    return response.status();
  }
  spdlog::debug("aws {}.{}: HTTP {} in {} ms (attempt {})", attempt.service, attempt.operation,
                response->status, elapsed.count(), attempt.number);
  if (!IsErrorResponse(*attempt.model, attempt.operation, *response)) {
    return ParseResponse(*attempt.model, attempt.operation, *response);
  }
  VIEW360_ASSIGN_OR_RETURN(AwsError error,
                           ParseError(*attempt.model, attempt.operation, *response));
  if (auto date = FindHeader(response->headers, "Date")) attempt.server_date = ParseHttpDate(*date);
  Status status = error.ToStatus(attempt.service, attempt.operation);
  attempt.error = std::move(error);
  return status;
}

Result<json> AwsClient::Call(std::string_view service, std::string_view operation,
                             const json& params) {
  Attempt attempt;
  attempt.service = std::string(service);
  attempt.operation = std::string(operation);
  attempt.stats_key = attempt.service + ":" + attempt.operation;
  VIEW360_ASSIGN_OR_RETURN(attempt.model, ServiceModel::Get(service));
  attempt.op = attempt.model->FindOperation(operation);
  if (attempt.op == nullptr) {
    return NotFoundError("the " + attempt.service + " model View360 carries has no operation " +
                         attempt.operation);
  }
  VIEW360_ASSIGN_OR_RETURN(attempt.unsigned_request,
                           SerializeRequest(*attempt.model, operation, params));
  attempt.region = options_.region;
  if (service == "s3" && params.is_object() && params.contains("Bucket") &&
      params["Bucket"].is_string()) {
    attempt.bucket = params["Bucket"].get<std::string>();
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = bucket_region_.find(attempt.bucket); it != bucket_region_.end()) {
      attempt.region = it->second;
    }
  }

  const int max_attempts = std::max(1, options_.retry.max_attempts);
  for (int retry = 0;; ++retry) {
    attempt.number = retry + 1;
    std::optional<InFlightLimiter::Slot> slot;
    if (deps_.in_flight) slot.emplace(deps_.in_flight->Enter(options_.account));
    auto result = CallOnce(attempt);
    slot.reset();
    const Status& status = result.status();
    const bool throttled = !result.ok() && IsThrottlingCode(status.reason());
    Count(attempt.stats_key, throttled, retry > 0);
    const RateKey key{options_.account, attempt.region, attempt.service, attempt.operation};
    if (result.ok()) {
      if (deps_.limiter) deps_.limiter->OnSuccess(key);
      return result;
    }
    if (throttled && deps_.limiter) deps_.limiter->OnThrottled(key);

    // S3 answers for a bucket in another region with that region: go there once, and remember.
    if (attempt.error && !attempt.error->bucket_region.empty() &&
        attempt.error->bucket_region != attempt.region && !attempt.redirected) {
      attempt.redirected = true;
      attempt.region = attempt.error->bucket_region;
      std::lock_guard<std::mutex> lock(mu_);
      bucket_region_[attempt.bucket] = attempt.region;
      continue;
    }
    // Our clock is off: sign again with the server's time, once.
    if (IsClockSkewError(status) && attempt.server_date && !attempt.skew_corrected) {
      const auto skew = *attempt.server_date - deps_.now();
      if (skew > kSkewThreshold || skew < -kSkewThreshold) {
        attempt.skew_corrected = true;
        clock_skew_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(skew).count();
        spdlog::warn("the local clock is off from AWS's by {} s; signing with AWS's time",
                     std::chrono::duration_cast<std::chrono::seconds>(skew).count());
        continue;
      }
    }
    if (!IsRetryable(status)) return status;
    if (attempt.number >= max_attempts) {
      return Status(
          status.code(),
          status.message() + " (gave up after " + std::to_string(attempt.number) + " attempts)",
          status.reason());
    }
    deps_.sleep(Backoff(options_.retry, retry, deps_.uniform01));
  }
}

Status AwsClient::Paginate(std::string_view service, std::string_view operation, json params,
                           const std::function<Status(const json&)>& on_page, int max_pages) {
  VIEW360_ASSIGN_OR_RETURN(const ServiceModel* model, ServiceModel::Get(service));
  const Paginator* paginator = model->FindPaginator(operation);
  if (paginator == nullptr) {
    return InvalidArgumentError(std::string(service) + " " + std::string(operation) +
                                " cannot be paginated");
  }
  PaginatorConfig config{paginator->input_tokens, paginator->output_tokens, paginator->more_results,
                         paginator->limit_key};
  return aws::Paginate([&](const json& p) { return Call(service, operation, p); },
                       std::move(params), config, on_page, max_pages);
}

}  // namespace view360::aws
