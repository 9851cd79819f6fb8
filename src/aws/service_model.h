// ServiceModel: botocore's description of one AWS API (operations, shapes, protocol metadata,
// paginators), trimmed to the operations View360 calls by tools/trim_aws_models.py and compiled
// into the binary from src/aws/models/<service>.json.
//
// A model is the data the protocol code (protocol.h) walks: an operation names its HTTP binding
// and its input/output shapes; a shape is a structure, list, map or scalar; a ShapeRef is a shape
// seen through one reference (a structure member, a list member, an operation's input), carrying
// the serialization traits botocore merges from the shape and the reference (locationName,
// location, flattened, timestampFormat, ...). Names follow botocore's model format, which is
// documented at https://github.com/boto/botocore/blob/develop/botocore/model.py.
//
// Contract: ServiceModel::Get loads a service's embedded model the first time it is asked for,
// parses it once, and returns a pointer valid until the program exits. Pointers between shapes
// and into a model stay valid for the model's lifetime; a model is never modified after load.
//
// Thread-safety: Get may be called from many threads at once (each model is parsed once); a
// loaded model is immutable and safe to share.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace view360::aws {

// The five AWS protocols we speak (botocore's "protocol" metadata). CBOR is never chosen.
enum class Protocol { kQuery, kEc2, kJson, kRestJson, kRestXml };

// "query", "ec2", "json", "rest-json", "rest-xml".
std::string_view ProtocolName(Protocol protocol);

enum class ShapeType {
  kStructure,
  kList,
  kMap,
  kString,
  kInteger,
  kLong,
  kFloat,
  kDouble,
  kBoolean,
  kTimestamp,
  kBlob,
};

// Where a member travels in a rest-json/rest-xml message; kBody for every other protocol.
enum class Location { kBody, kUri, kQueryString, kHeader, kHeaders, kStatusCode };

// A timestamp member's wire format; kDefault means the protocol's default for where it travels
// (iso8601 in query/ec2/rest-xml bodies and in query strings, epoch seconds in JSON bodies,
// RFC 822 in headers).
enum class TimestampFormat { kDefault, kIso8601, kUnixTimestamp, kRfc822 };

struct Shape;

// A shape seen through one reference: the shape's own traits overridden by the reference's.
struct ShapeRef {
  const Shape* shape = nullptr;
  std::optional<std::string> location_name;  // botocore's serialization "name".
  std::optional<std::string> query_name;     // ec2 only.
  Location location = Location::kBody;
  bool flattened = false;
  TimestampFormat timestamp_format = TimestampFormat::kDefault;
  std::optional<std::string> xml_namespace_uri;
  std::string xml_namespace_prefix;  // "" for a default namespace (xmlns="...").
  bool xml_attribute = false;
  bool json_value = false;  // A header holding base64-encoded JSON.
  bool host_label = false;
  bool idempotency_token = false;
  bool streaming = false;
  bool event_stream = false;
  std::optional<std::string> result_wrapper;  // query: <OperationResult> around the output.
};

struct Member {
  std::string name;
  ShapeRef ref;
  bool required = false;
};

struct Shape {
  std::string name;
  ShapeType type = ShapeType::kString;
  std::vector<Member> members;  // Structures, in the model's order.
  ShapeRef member;              // Lists.
  ShapeRef key;                 // Maps.
  ShapeRef value;               // Maps.
  std::string payload;          // Structures: the member that is the whole HTTP body, if any.
  bool document = false;        // Free-form JSON passed through as is.
  bool is_union = false;        // Exactly one member is set.
  bool sensitive = false;       // Holds secrets or personal data: never quoted in messages.

  // The member named `name`, or nullptr.
  const Member* FindMember(std::string_view member_name) const;
};

struct Operation {
  std::string name;
  std::string http_method;  // "POST", "GET", ...
  std::string request_uri;  // A template: "/{Bucket}/{Key+}?uploads".
  int response_code = 200;
  std::optional<ShapeRef> input;
  std::optional<ShapeRef> output;
  std::string host_prefix;                // endpoint.hostPrefix; not applied by SerializeRequest.
  bool unsigned_auth = false;             // auth smithy.api#noAuth / authtype none: send unsigned.
  bool checksum_required = false;         // httpChecksum.requestChecksumRequired.
  std::string checksum_algorithm_member;  // httpChecksum.requestAlgorithmMember.
  bool gzip_request_allowed = false;      // requestcompression: gzip.
  bool output_sensitive = false;  // The output reaches a sensitive shape (credentials, emails).
};

// botocore's paginator entry (paginators-1.json). Tokens and keys are botocore's expressions
// ("NextToken", "Contents[-1].Key", "Reservations"), kept as strings.
struct Paginator {
  std::vector<std::string> input_tokens;
  std::vector<std::string> output_tokens;
  std::string limit_key;
  std::string more_results;
  std::vector<std::string> result_keys;
  std::vector<std::string> non_aggregate_keys;
};

struct ServiceMetadata {
  std::string service_name;  // botocore's service name: "ec2", "marketplace-entitlement".
  Protocol protocol = Protocol::kQuery;  // The one tools/trim_aws_models.py chose.
  std::string api_version;
  std::string endpoint_prefix;
  std::string signing_name;   // Defaults to endpoint_prefix when the model has none.
  std::string target_prefix;  // json: X-Amz-Target prefix.
  std::string json_version;   // json: "1.0" or "1.1".
  std::string global_endpoint;
  std::string signature_version;
  std::string service_id;  // "CloudWatch", "Marketplace Entitlement Service".
  std::string xml_namespace;
  bool aws_query_compatible = false;  // json services that were query (SQS).
};

class ServiceModel {
 public:
  // The embedded model of `service` (botocore's name), parsed on first use and cached for the
  // life of the program. kNotFound when no model of that name is compiled in; kInternal when the
  // embedded file is malformed (a build bug).
  static Result<const ServiceModel*> Get(std::string_view service);

  // The same service spoken in the json protocol, when its endpoint takes json besides the
  // protocol we chose (the trimmed model keeps targetPrefix and jsonVersion then): botocore 1.43
  // sends CloudWatch as json 1.0, and the simulator must answer it. Parsed once, cached like Get.
  // kNotFound when the service offers no json.
  static Result<const ServiceModel*> GetJsonVariant(std::string_view service);

  // Parses a model in the trimmed format (tools/trim_aws_models.py); for tests and tools.
  // kInvalidArgument when the text is not such a model.
  static Result<std::unique_ptr<ServiceModel>> Parse(std::string_view service,
                                                     std::string_view json_text);

  // The services whose models are compiled in, sorted.
  static std::vector<std::string> EmbeddedServices();

  ServiceModel(const ServiceModel&) = delete;
  ServiceModel& operator=(const ServiceModel&) = delete;
  ~ServiceModel();

  const ServiceMetadata& metadata() const { return metadata_; }
  // nullptr when the model has no such operation (or shape, or paginator).
  const Operation* FindOperation(std::string_view name) const;
  const Shape* FindShape(std::string_view name) const;
  const Paginator* FindPaginator(std::string_view operation) const;
  std::vector<std::string> OperationNames() const;

 private:
  ServiceModel();
  friend class ServiceModelLoader;

  ServiceMetadata metadata_;
  std::map<std::string, std::unique_ptr<Shape>, std::less<>> shapes_;
  std::map<std::string, Operation, std::less<>> operations_;
  std::map<std::string, Paginator, std::less<>> paginators_;
};

}  // namespace view360::aws
