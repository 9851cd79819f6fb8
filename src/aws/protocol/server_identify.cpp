// The server direction's first step (aws/server_protocol.h): which service and operation a
// received request is. json by X-Amz-Target, query and ec2 by the Action field, rest by method
// and requestUri template (the most specific match wins).
#include <exception>

#include "aws/protocol/internal.h"
#include "aws/protocol/server_internal.h"
#include "aws/server_protocol.h"

namespace view360::aws {
namespace internal {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

// One template segment against one (encoded) path segment: literal, or prefix{Label}suffix.
bool MatchSegment(std::string_view tmpl, std::string_view segment, UriLabels& labels,
                  int& literal_score) {
  const size_t open = tmpl.find('{');
  if (open == std::string_view::npos) {
    if (tmpl != segment) return false;
    literal_score += 100;
    return true;
  }
  const size_t close = tmpl.find('}', open);
  if (close == std::string_view::npos) return false;
  const std::string_view prefix = tmpl.substr(0, open);
  const std::string_view suffix = tmpl.substr(close + 1);
  std::string_view label = tmpl.substr(open + 1, close - open - 1);
  if (!label.empty() && label.back() == '+') label.remove_suffix(1);
  if (segment.size() <= prefix.size() + suffix.size() || !segment.starts_with(prefix) ||
      !segment.ends_with(suffix)) {
    return false;
  }
  segment = segment.substr(prefix.size(), segment.size() - prefix.size() - suffix.size());
  labels[std::string(label)] = UrlDecode(segment, /*plus_is_space=*/false);
  literal_score += 2 + static_cast<int>(prefix.size() + suffix.size());
  return true;
}

}  // namespace

std::optional<int> MatchRequestUri(const Operation& op, const HttpRequest& request,
                                   UriLabels& labels) {
  labels.clear();
  const std::string_view uri = op.request_uri;
  const size_t question = uri.find('?');
  int score = 0;
  if (question != std::string_view::npos) {
    Pairs literals;
    std::string_view rest = uri.substr(question + 1);
    while (!rest.empty()) {
      const size_t amp = rest.find('&');
      const std::string_view part = rest.substr(0, amp);
      const size_t eq = part.find('=');
      const std::string name(part.substr(0, eq));
      bool found = false;
      for (const auto& [key, value] : request.query) {
        if (key == name && (eq == std::string_view::npos || value == part.substr(eq + 1))) {
          found = true;
        }
      }
      if (!name.empty() && !found) return std::nullopt;
      score += 10;
      if (amp == std::string_view::npos) break;
      rest.remove_prefix(amp + 1);
    }
  }
  const std::vector<std::string_view> tmpl = SplitPath(uri.substr(0, question));
  std::string_view path = request.path;
  const std::vector<std::string_view> segments = SplitPath(path);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    const std::string_view t = tmpl[i];
    if (t.size() > 3 && t.front() == '{' && t.ends_with("+}")) {
      // A greedy label takes the rest of the path, '/' included; it must not be empty.
      if (i + 1 != tmpl.size() || i >= segments.size()) return std::nullopt;
      std::string joined;
      for (size_t j = i; j < segments.size(); ++j) {
        if (j > i) joined += '/';
        joined += segments[j];
      }
      if (joined.empty()) return std::nullopt;
      labels[std::string(t.substr(1, t.size() - 3))] = UrlDecode(joined, false);
      return score + 1;
    }
    if (i >= segments.size() || !MatchSegment(t, segments[i], labels, score)) return std::nullopt;
  }
  if (segments.size() != tmpl.size()) return std::nullopt;
  return score + 2;  // Beats a greedy label matching the same path.
}

// Operations sharing a template (S3's PutObject, UploadPart and CopyObject: PUT
// /{Bucket}/{Key+}) differ in required query-string and header members: a request lacking one
// is not that operation, and one having them is more specifically that operation.
std::optional<int> ScoreRequiredMembers(const Operation& op, const HttpRequest& request,
                                        int score) {
  if (!op.input) return score;
  for (const Member& member : op.input->shape->members) {
    const std::string name = member.ref.location_name.value_or(member.name);
    bool present = false;
    if (member.ref.location == Location::kQueryString) {
      for (const auto& [key, value] : request.query) present = present || key == name;
    } else if (member.ref.location == Location::kHeader) {
      present = FindHeader(request.headers, name).has_value();
    } else {
      continue;
    }
    if (member.required && !present) return std::nullopt;
    if (present) score += 5;
  }
  return score;
}

}  // namespace internal

Result<std::string> ServiceForSigningName(std::string_view signing_name,
                                          const HttpRequest& request) {
  const std::optional<std::string> target = FindHeader(request.headers, "X-Amz-Target");
  std::vector<std::string> candidates;
  for (const std::string& service : ServiceModel::EmbeddedServices()) {
    Result<const ServiceModel*> model = ServiceModel::Get(service);
    if (!model.ok()) return model.status();
    const ServiceMetadata& md = (*model)->metadata();
    if (md.signing_name != signing_name) continue;
    if (target && !md.target_prefix.empty() && target->starts_with(md.target_prefix + ".")) {
      return service;  // The target names the service outright.
    }
    candidates.push_back(service);
  }
  if (candidates.empty()) {
    return NotFoundError("no embedded AWS model signs with the name " + std::string(signing_name));
  }
  return candidates.front();
}

Result<IdentifiedOperation> IdentifyOperation(std::string_view service,
                                              const HttpRequest& request) {
  VIEW360_ASSIGN_OR_RETURN(const ServiceModel* model, ServiceModel::Get(service));
  // A service that takes json besides our protocol (CloudWatch): an X-Amz-Target says json.
  if (model->metadata().protocol != Protocol::kJson && !model->metadata().target_prefix.empty() &&
      FindHeader(request.headers, "X-Amz-Target")) {
    VIEW360_ASSIGN_OR_RETURN(model, ServiceModel::GetJsonVariant(service));
  }
  const ServiceMetadata& md = model->metadata();
  IdentifiedOperation result;
  result.model = model;
  auto found = [&](std::string_view name) -> Result<IdentifiedOperation> {
    result.operation = model->FindOperation(name);
    if (result.operation == nullptr) {
      return NotFoundError("the " + md.service_name + " model has no operation " +
                           std::string(name));
    }
    return result;
  };
  try {
    switch (md.protocol) {
      case Protocol::kJson: {
        const std::optional<std::string> target = FindHeader(request.headers, "X-Amz-Target");
        if (!target) return InvalidArgumentError("a json request without X-Amz-Target");
        const std::string prefix = md.target_prefix + ".";
        if (!target->starts_with(prefix)) {
          return NotFoundError("X-Amz-Target " + *target + " is not a " + md.service_name +
                               " operation (prefix " + md.target_prefix + ")");
        }
        return found(std::string_view(*target).substr(prefix.size()));
      }
      case Protocol::kQuery:
      case Protocol::kEc2: {
        for (const auto& [name, value] : internal::DecodeForm(request.body)) {
          if (name == "Action") return found(value);
        }
        for (const auto& [name, value] : request.query) {
          if (name == "Action") return found(value);
        }
        return InvalidArgumentError("a " + std::string(ProtocolName(md.protocol)) +
                                    " request without an Action");
      }
      case Protocol::kRestJson:
      case Protocol::kRestXml: {
        int best_score = -1;
        internal::UriLabels labels;
        for (const std::string& name : model->OperationNames()) {
          const Operation* op = model->FindOperation(name);
          if (op->http_method != request.method) continue;
          std::optional<int> score = internal::MatchRequestUri(*op, request, labels);
          if (score) score = internal::ScoreRequiredMembers(*op, request, *score);
          if (score && *score > best_score) {
            best_score = *score;
            result.operation = op;
          }
        }
        if (result.operation == nullptr) {
          return NotFoundError("no " + md.service_name + " operation matches " + request.method +
                               " " + request.path);
        }
        return result;
      }
    }
  } catch (const std::exception& e) {
    return InvalidArgumentError("cannot identify the " + md.service_name +
                                " operation: " + e.what());
  }
  return InternalError("unknown protocol");
}

}  // namespace view360::aws
