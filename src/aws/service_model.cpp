#include "aws/service_model.h"

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "common/embedded_files.h"

namespace view360::aws_model_files {
const std::vector<view360::EmbeddedFile>& Files();  // Generated from src/aws/models/.
}

namespace view360::aws {

using OrderedJson = nlohmann::ordered_json;

std::string_view ProtocolName(Protocol protocol) {
  switch (protocol) {
    case Protocol::kQuery:
      return "query";
    case Protocol::kEc2:
      return "ec2";
    case Protocol::kJson:
      return "json";
    case Protocol::kRestJson:
      return "rest-json";
    case Protocol::kRestXml:
      return "rest-xml";
  }
  return "unknown";
}

const Member* Shape::FindMember(std::string_view member_name) const {
  for (const Member& m : members) {
    if (m.name == member_name) return &m;
  }
  return nullptr;
}

ServiceModel::ServiceModel() = default;
ServiceModel::~ServiceModel() = default;

const Operation* ServiceModel::FindOperation(std::string_view name) const {
  auto it = operations_.find(name);
  return it == operations_.end() ? nullptr : &it->second;
}

const Shape* ServiceModel::FindShape(std::string_view name) const {
  auto it = shapes_.find(name);
  return it == shapes_.end() ? nullptr : it->second.get();
}

const Paginator* ServiceModel::FindPaginator(std::string_view operation) const {
  auto it = paginators_.find(operation);
  return it == paginators_.end() ? nullptr : &it->second;
}

std::vector<std::string> ServiceModel::OperationNames() const {
  std::vector<std::string> names;
  names.reserve(operations_.size());
  for (const auto& [name, op] : operations_) names.push_back(name);
  return names;
}

// Builds a ServiceModel from the trimmed JSON. Throws nothing: every nlohmann exception is
// caught in Parse and turned into a Status.
class ServiceModelLoader {
 public:
  explicit ServiceModelLoader(ServiceModel& model) : model_(model) {}

  Status Load(const OrderedJson& doc) {
    if (!doc.is_object()) return Error("the model is not a JSON object");
    VIEW360_RETURN_IF_ERROR(LoadMetadata(doc.value("metadata", OrderedJson::object())));
    const OrderedJson& shapes = doc.at("shapes");
    // Pass 1: every shape with its own traits; pass 2: references between them.
    for (const auto& [name, json] : shapes.items()) {
      auto shape = std::make_unique<Shape>();
      shape->name = name;
      VIEW360_RETURN_IF_ERROR(ParseType(name, json.at("type").get<std::string>(), shape->type));
      shape->payload = json.value("payload", "");
      shape->document = json.value("document", false);
      shape->is_union = json.value("union", false);
      shape->sensitive = json.value("sensitive", false);
      own_traits_[name] = ParseTraits(json, ShapeRef{});
      model_.shapes_[name] = std::move(shape);
    }
    for (const auto& [name, json] : shapes.items()) {
      Shape& shape = *model_.shapes_.at(name);
      if (shape.type == ShapeType::kStructure) {
        std::vector<std::string> required;
        if (json.contains("required"))
          required = json.at("required").get<std::vector<std::string>>();
        const OrderedJson members = json.value("members", OrderedJson::object());
        for (const auto& [member_name, ref_json] : members.items()) {
          Member member;
          member.name = member_name;
          VIEW360_ASSIGN_OR_RETURN(member.ref, ResolveRef(ref_json));
          member.required =
              std::find(required.begin(), required.end(), member_name) != required.end();
          shape.members.push_back(std::move(member));
        }
      } else if (shape.type == ShapeType::kList) {
        VIEW360_ASSIGN_OR_RETURN(shape.member, ResolveRef(json.at("member")));
      } else if (shape.type == ShapeType::kMap) {
        VIEW360_ASSIGN_OR_RETURN(shape.key, ResolveRef(json.at("key")));
        VIEW360_ASSIGN_OR_RETURN(shape.value, ResolveRef(json.at("value")));
      }
    }
    for (const auto& [name, json] : doc.at("operations").items()) {
      VIEW360_RETURN_IF_ERROR(LoadOperation(name, json));
    }
    const OrderedJson paginators = doc.value("paginators", OrderedJson::object());
    for (const auto& [name, json] : paginators.items()) {
      model_.paginators_[name] = LoadPaginator(json);
    }
    return OkStatus();
  }

 private:
  Status Error(const std::string& what) const {
    return InvalidArgumentError("model of " + model_.metadata_.service_name + ": " + what);
  }

  Status LoadMetadata(const OrderedJson& json) {
    ServiceMetadata& md = model_.metadata_;
    const std::string protocol = json.value("protocol", "");
    if (protocol == "query") {
      md.protocol = Protocol::kQuery;
    } else if (protocol == "ec2") {
      md.protocol = Protocol::kEc2;
    } else if (protocol == "json") {
      md.protocol = Protocol::kJson;
    } else if (protocol == "rest-json") {
      md.protocol = Protocol::kRestJson;
    } else if (protocol == "rest-xml") {
      md.protocol = Protocol::kRestXml;
    } else {
      return Error("unsupported protocol \"" + protocol + "\"");
    }
    md.api_version = json.value("apiVersion", "");
    md.endpoint_prefix = json.value("endpointPrefix", "");
    md.signing_name = json.value("signingName", md.endpoint_prefix);
    md.target_prefix = json.value("targetPrefix", "");
    md.json_version = json.value("jsonVersion", "");
    md.global_endpoint = json.value("globalEndpoint", "");
    md.signature_version = json.value("signatureVersion", "");
    md.service_id = json.value("serviceId", "");
    md.xml_namespace = json.value("xmlNamespace", "");
    // Meaningful for json only: a query model may carry it for its json variant.
    md.aws_query_compatible = md.protocol == Protocol::kJson && json.contains("awsQueryCompatible");
    if (md.protocol == Protocol::kJson && (md.target_prefix.empty() || md.json_version.empty())) {
      return Error("a json protocol model needs targetPrefix and jsonVersion");
    }
    return OkStatus();
  }

  static Status ParseType(const std::string& shape, const std::string& type, ShapeType& out) {
    static const std::map<std::string, ShapeType, std::less<>> kTypes = {
        {"structure", ShapeType::kStructure},
        {"list", ShapeType::kList},
        {"map", ShapeType::kMap},
        {"string", ShapeType::kString},
        {"integer", ShapeType::kInteger},
        {"long", ShapeType::kLong},
        {"float", ShapeType::kFloat},
        {"double", ShapeType::kDouble},
        {"boolean", ShapeType::kBoolean},
        {"timestamp", ShapeType::kTimestamp},
        {"blob", ShapeType::kBlob},
    };
    auto it = kTypes.find(type);
    if (it == kTypes.end()) {
      return InvalidArgumentError("shape " + shape + " has unsupported type \"" + type + "\"");
    }
    out = it->second;
    return OkStatus();
  }

  // The traits of `json` (a shape or a reference) laid over `base`.
  static ShapeRef ParseTraits(const OrderedJson& json, ShapeRef base) {
    if (!json.is_object()) return base;
    if (json.contains("locationName"))
      base.location_name = json.at("locationName").get<std::string>();
    if (json.contains("queryName")) base.query_name = json.at("queryName").get<std::string>();
    if (json.contains("location")) {
      const std::string location = json.at("location").get<std::string>();
      if (location == "uri") {
        base.location = Location::kUri;
      } else if (location == "querystring") {
        base.location = Location::kQueryString;
      } else if (location == "header") {
        base.location = Location::kHeader;
      } else if (location == "headers") {
        base.location = Location::kHeaders;
      } else if (location == "statusCode") {
        base.location = Location::kStatusCode;
      }
    }
    if (json.contains("flattened")) base.flattened = json.at("flattened").get<bool>();
    if (json.contains("timestampFormat")) {
      const std::string format = json.at("timestampFormat").get<std::string>();
      if (format == "iso8601") {
        base.timestamp_format = TimestampFormat::kIso8601;
      } else if (format == "unixTimestamp") {
        base.timestamp_format = TimestampFormat::kUnixTimestamp;
      } else if (format == "rfc822") {
        base.timestamp_format = TimestampFormat::kRfc822;
      }
    }
    if (json.contains("xmlNamespace")) {
      const OrderedJson& ns = json.at("xmlNamespace");
      if (ns.is_string()) {
        base.xml_namespace_uri = ns.get<std::string>();
        base.xml_namespace_prefix.clear();
      } else if (ns.is_object()) {
        base.xml_namespace_uri = ns.value("uri", "");
        base.xml_namespace_prefix = ns.value("prefix", "");
      }
    }
    if (json.contains("xmlAttribute")) base.xml_attribute = json.at("xmlAttribute").get<bool>();
    if (json.contains("jsonvalue")) base.json_value = json.at("jsonvalue").get<bool>();
    if (json.contains("hostLabel")) base.host_label = json.at("hostLabel").get<bool>();
    if (json.contains("idempotencyToken")) {
      base.idempotency_token = json.at("idempotencyToken").get<bool>();
    }
    if (json.contains("streaming")) base.streaming = json.at("streaming").get<bool>();
    if (json.contains("eventstream")) base.event_stream = json.at("eventstream").get<bool>();
    if (json.contains("resultWrapper")) {
      base.result_wrapper = json.at("resultWrapper").get<std::string>();
    }
    return base;
  }

  // A reference is {"shape": "X", traits...} or, in the trimmed format, the bare name "X".
  Result<ShapeRef> ResolveRef(const OrderedJson& json) const {
    const std::string target =
        json.is_string() ? json.get<std::string>() : json.at("shape").get<std::string>();
    auto it = model_.shapes_.find(target);
    if (it == model_.shapes_.end()) return Error("reference to unknown shape " + target);
    ShapeRef ref = ParseTraits(json, own_traits_.at(target));
    ref.shape = it->second.get();
    return ref;
  }

  Status LoadOperation(const std::string& name, const OrderedJson& json) {
    Operation op;
    op.name = name;
    const OrderedJson& http = json.at("http");
    op.http_method = http.value("method", "POST");
    op.request_uri = http.value("requestUri", "/");
    op.response_code = http.value("responseCode", 200);
    if (json.contains("input")) {
      VIEW360_ASSIGN_OR_RETURN(op.input, ResolveRef(json.at("input")));
    }
    if (json.contains("output")) {
      VIEW360_ASSIGN_OR_RETURN(op.output, ResolveRef(json.at("output")));
      std::set<const Shape*> seen;
      op.output_sensitive = ReachesSensitive(op.output->shape, seen);
    }
    if (json.contains("endpoint")) op.host_prefix = json.at("endpoint").value("hostPrefix", "");
    if (json.value("authtype", "") == "none") op.unsigned_auth = true;
    if (json.contains("auth")) {
      for (const auto& scheme : json.at("auth")) {
        if (scheme == "smithy.api#noAuth") op.unsigned_auth = true;
      }
    }
    if (json.contains("httpChecksum")) {
      const OrderedJson& checksum = json.at("httpChecksum");
      op.checksum_required = checksum.value("requestChecksumRequired", false);
      op.checksum_algorithm_member = checksum.value("requestAlgorithmMember", "");
    }
    if (json.value("httpChecksumRequired", false)) op.checksum_required = true;
    if (json.contains("requestcompression")) {
      const OrderedJson encodings =
          json.at("requestcompression").value("encodings", OrderedJson::array());
      for (const auto& encoding : encodings) {
        if (encoding == "gzip") op.gzip_request_allowed = true;
      }
    }
    model_.operations_[name] = std::move(op);
    return OkStatus();
  }

  static bool ReachesSensitive(const Shape* shape, std::set<const Shape*>& seen) {
    if (!seen.insert(shape).second) return false;
    if (shape->sensitive) return true;
    for (const Member& m : shape->members) {
      if (ReachesSensitive(m.ref.shape, seen)) return true;
    }
    for (const ShapeRef* ref : {&shape->member, &shape->key, &shape->value}) {
      if (ref->shape != nullptr && ReachesSensitive(ref->shape, seen)) return true;
    }
    return false;
  }

  static std::vector<std::string> StringOrList(const OrderedJson& json, const char* key) {
    if (!json.contains(key)) return {};
    const OrderedJson& value = json.at(key);
    if (value.is_string()) return {value.get<std::string>()};
    return value.get<std::vector<std::string>>();
  }

  static Paginator LoadPaginator(const OrderedJson& json) {
    Paginator p;
    p.input_tokens = StringOrList(json, "input_token");
    p.output_tokens = StringOrList(json, "output_token");
    p.limit_key = json.value("limit_key", "");
    p.more_results = json.value("more_results", "");
    p.result_keys = StringOrList(json, "result_key");
    p.non_aggregate_keys = StringOrList(json, "non_aggregate_keys");
    return p;
  }

  ServiceModel& model_;
  std::map<std::string, ShapeRef, std::less<>> own_traits_;
};

Result<std::unique_ptr<ServiceModel>> ServiceModel::Parse(std::string_view service,
                                                          std::string_view json_text) {
  std::unique_ptr<ServiceModel> model(new ServiceModel());
  model->metadata_.service_name = std::string(service);
  try {
    const OrderedJson doc = OrderedJson::parse(json_text);
    VIEW360_RETURN_IF_ERROR(ServiceModelLoader(*model).Load(doc));
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgumentError("model of " + std::string(service) + " is malformed: " + e.what());
  }
  return model;
}

namespace {

constexpr std::string_view kModelSuffix = ".json";

struct CacheEntry {
  std::string_view contents;
  std::once_flag once;
  std::unique_ptr<ServiceModel> model;
  Status status;
  std::once_flag json_once;  // The json variant (GetJsonVariant).
  std::unique_ptr<ServiceModel> json_model;
  Status json_status;
};

// One entry per embedded file, built once; each model is parsed once, on first use.
std::map<std::string, CacheEntry, std::less<>>& Cache() {
  static auto* cache = [] {
    auto* entries = new std::map<std::string, CacheEntry, std::less<>>();
    for (const EmbeddedFile& file : aws_model_files::Files()) {
      std::string_view path = file.path;
      if (path.size() <= kModelSuffix.size() ||
          path.substr(path.size() - kModelSuffix.size()) != kModelSuffix) {
        continue;
      }
      path.remove_suffix(kModelSuffix.size());
      (*entries)[std::string(path)].contents = file.contents;
    }
    return entries;
  }();
  return *cache;
}

}  // namespace

Result<const ServiceModel*> ServiceModel::Get(std::string_view service) {
  auto& cache = Cache();
  auto it = cache.find(service);
  if (it == cache.end()) {
    return NotFoundError("no AWS service model named \"" + std::string(service) +
                         "\" is compiled in (see tools/trim_aws_models.py)");
  }
  CacheEntry& entry = it->second;
  std::call_once(entry.once, [&] {
    auto parsed = Parse(it->first, entry.contents);
    if (parsed.ok()) {
      entry.model = std::move(parsed).value();
    } else {
      entry.status = Status(StatusCode::kInternal, "embedded " + parsed.status().message());
    }
  });
  if (!entry.model) return entry.status;
  return static_cast<const ServiceModel*>(entry.model.get());
}

Result<const ServiceModel*> ServiceModel::GetJsonVariant(std::string_view service) {
  VIEW360_ASSIGN_OR_RETURN(const ServiceModel* model, Get(service));
  if (model->metadata().protocol == Protocol::kJson) return model;
  if (model->metadata().target_prefix.empty() || model->metadata().json_version.empty()) {
    return NotFoundError(std::string(service) + " is not offered in the json protocol");
  }
  CacheEntry& entry = Cache().find(service)->second;
  std::call_once(entry.json_once, [&] {
    auto text = OrderedJson::parse(entry.contents, nullptr, false);
    text["metadata"]["protocol"] = "json";
    auto parsed = Parse(service, text.dump());
    if (parsed.ok()) {
      entry.json_model = std::move(parsed).value();
    } else {
      entry.json_status = Status(StatusCode::kInternal, "embedded " + parsed.status().message());
    }
  });
  if (!entry.json_model) return entry.json_status;
  return static_cast<const ServiceModel*>(entry.json_model.get());
}

std::vector<std::string> ServiceModel::EmbeddedServices() {
  std::vector<std::string> names;
  for (const auto& [name, entry] : Cache()) names.push_back(name);
  return names;
}

}  // namespace view360::aws
