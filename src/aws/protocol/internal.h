// Internal to src/aws/protocol/: helpers the five protocol files share (values on the wire,
// XML/JSON walkers, error parsing). May change at any time; include aws/protocol.h instead.
//
// Thread-safety: free functions without shared state (NewUuid4 uses OpenSSL's RNG, which is
// thread-safe).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/http.h"
#include "aws/protocol.h"
#include "aws/service_model.h"
#include "common/status.h"

namespace view360::aws::internal {

using Json = nlohmann::json;
using Pairs = std::vector<std::pair<std::string, std::string>>;

// ---- Values (values.cpp) ----

// A point in time with microsecond precision, as Python's datetime keeps it.
struct Timestamp {
  int64_t seconds = 0;  // Since the Unix epoch, UTC.
  int32_t micros = 0;   // 0..999999.
};

// A timestamp parameter: an ISO-8601 string, an epoch number, or an epoch number in a string
// (botocore's parse_to_aware_datetime). nullopt when it is none of these.
std::optional<Timestamp> ParseTimestampParam(const Json& value);
// A timestamp on the wire: ISO-8601, RFC 822 ("Wed, 21 Oct 2015 07:28:00 GMT") or epoch seconds
// (botocore's parse_timestamp).
std::optional<Timestamp> ParseTimestampText(std::string_view text);
// Epoch seconds as a JSON number, with Python's datetime.fromtimestamp rounding.
std::optional<Timestamp> TimestampFromEpoch(double seconds);
// botocore serializer formats: "%Y-%m-%dT%H:%M:%SZ", or ".%fZ" (6 digits) when there are
// microseconds; RFC 822 in GMT; whole epoch seconds.
std::string FormatIso8601(const Timestamp& t);
std::string FormatRfc822(const Timestamp& t);
int64_t FormatUnix(const Timestamp& t);
// Output format: "2025-09-15T10:20:30Z", ".123Z" for whole milliseconds, else ".123456Z".
std::string FormatOutputTimestamp(const Timestamp& t);

std::string Base64Encode(std::string_view bytes);
// Python's base64.b64decode (whitespace ignored); nullopt on bad characters or padding.
std::optional<std::string> Base64Decode(std::string_view text);

// repr() of a Python float: "0.1", "1e-05", "1.2345678901234568e+20", "12.0".
std::string PythonFloatRepr(double value);
// str() of a JSON scalar as Python would print the value json.loads gave: integers in decimal,
// floats with repr, strings unchanged, booleans "True"/"False".
std::string PythonStr(const Json& value);
// json.dumps(value) with Python's defaults: ", " and ": " separators, ASCII-only output
// (\uXXXX escapes), floats with repr.
void AppendPythonJson(const Json& value, std::string& out);
void AppendPythonJsonString(std::string_view text, std::string& out);

// urllib's quote_plus: unreserved characters kept, ' ' as '+', the rest %XX.
std::string FormUrlEncode(std::string_view text);
// A random (version 4) UUID, lower case.
std::string NewUuid4();

// The bytes of a blob parameter: a string's bytes or a JSON binary value's.
std::string BlobBytes(const Json& value);

// The value of a uri/querystring member as botocore's _get_uri_and_query_string_value makes
// it: booleans "true"/"false", timestamps iso8601 (or the member's format), floats with repr.
std::string UriOrQueryValue(const ShapeRef& ref, const Json& value);

// A scalar as text in a query/ec2 form or an XML body: UriOrQueryValue, and blobs base64.
std::string TextValue(const ShapeRef& ref, const Json& value);

// A timestamp in `format`, or in the protocol's default for where it travels when `format`
// is kDefault (iso8601 in forms, XML and query strings; RFC 822 in headers).
std::string FormatTimestampText(const Timestamp& t, TimestampFormat format,
                                TimestampFormat protocol_default);

// ---- Requests (protocol.cpp, validate.cpp) ----

// botocore's ParamValidator: unknown, missing required and wrongly typed parameters, all of
// them in one kInvalidArgument naming each ("Filters[0].Name").
Status ValidateParams(const ServiceModel& model, const Operation& op, const Json& params);

// Each protocol's serializer; params are validated, idempotency tokens filled.
Status SerializeQuery(const ServiceModel& model, const Operation& op, const Json& params,
                      HttpRequest& request);
Status SerializeEc2(const ServiceModel& model, const Operation& op, const Json& params,
                    HttpRequest& request);
Status SerializeJson(const ServiceModel& model, const Operation& op, const Json& params,
                     HttpRequest& request);
Status SerializeRestJson(const ServiceModel& model, const Operation& op, const Json& params,
                         HttpRequest& request);
Status SerializeRestXml(const ServiceModel& model, const Operation& op, const Json& params,
                        HttpRequest& request);

// The form pairs of the query and ec2 protocols (query.cpp); ec2 selects EC2's naming rules.
void SerializeFormValue(const ShapeRef& ref, const Json& value, const std::string& prefix, bool ec2,
                        Pairs& out);
std::string EncodeForm(const Pairs& pairs);

// A JSON body as botocore's JSONSerializer writes it (json_body.cpp): structure members in
// model order under their locationName, timestamps as epoch seconds (or the member's format),
// blobs base64, floats with repr. AppendJsonStructure writes only `members` of a structure.
void AppendJsonBody(const ShapeRef& ref, const Json& value, std::string& out);
void AppendJsonStructure(const Json& value, const std::vector<const Member*>& members,
                         std::string& out);

// ---- Rest requests (rest.cpp) ----

// The parts of a rest request that are the same in rest-json and rest-xml: method, path from
// the requestUri template, query string, header-bound members. Returns the members that go in
// the body (in model order); sets *payload to the payload member when the shape has one.
Result<std::vector<const Member*>> SerializeRestCommon(const Operation& op, const Json& params,
                                                       HttpRequest& request,
                                                       const Member** payload);

// ---- Responses ----

// Where a parse went wrong, for the "malformed response" message; empty when it did not.
// Values are quoted in it unless the operation's output holds secrets (Operation::
// output_sensitive): then they are withheld.
struct ParseErrors {
  explicit ParseErrors(bool redact_values = false) : redact(redact_values) {}
  std::string first;
  bool redact;
  void Add(const std::string& what) {
    if (first.empty()) first = what;
  }
  bool ok() const { return first.empty(); }
  // The value in quotes (shortened), or "a value" when values are withheld.
  std::string Quote(std::string_view value) const;
};

// The XML body of a response (xml_parse.cpp). False, with `error` saying why, unless the body
// is well-formed XML with a root element.
struct XmlBody {
  pugi::xml_document doc;
  pugi::xml_node root;
};
bool LoadXml(std::string_view body, XmlBody& out, std::string& error);
// The local name of an element or attribute ("ns:Error" -> "Error").
std::string_view LocalName(std::string_view name);
// Text of an element as ElementTree gives it (.text: the text before its first child element;
// "" when empty).
std::string XmlText(const pugi::xml_node& node);
// An XML value of the model shape `ref` (botocore's BaseXMLResponseParser): `nodes` holds the
// one element of a member, or every element of a flattened list/map.
Json ParseXmlValue(const ShapeRef& ref, const std::vector<pugi::xml_node>& nodes,
                   ParseErrors& errors);
// The body members of structure `shape` read from the children of `node`.
Json ParseXmlStructure(const Shape& shape, const pugi::xml_node& node, ParseErrors& errors);
// A scalar of shape `ref` from XML text or a rest-xml header (booleans "true", integers,
// floats, timestamps to the output format, base64 blobs normalised, jsonvalue strings).
Json ParseXmlScalar(const ShapeRef& ref, const std::string& text, ParseErrors& errors);

// A JSON value of the model shape `ref` (botocore's BaseJSONParser; rest_json selects
// RestJSONParser's scalar conversions).
Json ParseJsonValue(const ShapeRef& ref, const Json& value, bool rest_json, ParseErrors& errors);

// Response parsers per protocol; `response` is a 2xx that is not an error.
Result<Json> ParseQueryResponse(const ServiceModel& model, const Operation& op,
                                const HttpResponse& response);
Result<Json> ParseEc2Response(const ServiceModel& model, const Operation& op,
                              const HttpResponse& response);
Result<Json> ParseJsonResponse(const ServiceModel& model, const Operation& op,
                               const HttpResponse& response);
Result<Json> ParseRestJsonResponse(const ServiceModel& model, const Operation& op,
                                   const HttpResponse& response);
Result<Json> ParseRestXmlResponse(const ServiceModel& model, const Operation& op,
                                  const HttpResponse& response);

// Header- and status-bound members of a rest output (rest.cpp).
void ParseRestNonPayload(const Shape& output, int status, const Headers& headers, bool rest_json,
                         Json& result, ParseErrors& errors);
// True when `shape` has a member that travels in the body (no location).
bool HasBodyMembers(const Shape& shape);

// ---- Errors (errors.cpp) ----

// kInternal "malformed response from <service> <operation>: <what> (HTTP n, Content-Type ...)",
// with the start of the body unless the operation's output is sensitive.
Status MalformedResponse(const ServiceModel& model, const Operation& op,
                         const HttpResponse& response, std::string_view what);
// True when the body is an HTML page (a proxy's, a load balancer's) rather than an AWS one.
bool LooksLikeHtml(std::string_view body);
// kUnavailable for an HTML page where an AWS response was expected.
Status HtmlResponse(const ServiceModel& model, const Operation& op, const HttpResponse& response);
// The reason phrase of an HTTP status ("Not Found").
std::string_view HttpReasonPhrase(int status);
// S3 answers some requests with 200 and an error document (botocore's _handle_200_error).
bool IsS3ErrorIn200(const ServiceModel& model, const Operation& op, const HttpResponse& response);

// Per-protocol error bodies; they fill code, message, request_id, type.
void ParseXmlError(const HttpResponse& response, bool rest_xml, AwsError& error);
void ParseJsonError(const HttpResponse& response, bool rest_json, AwsError& error);

// The name a value travels under in a query or ec2 form: query uses locationName; ec2 uses
// queryName, else the locationName with its first letter capitalised (botocore's
// EC2Serializer). Shared by the client serializer and the server's ParseRequest.
std::string FormMemberName(const ShapeRef& ref, const std::string& default_name, bool ec2);

// A body excerpt safe for a message: at most `limit` bytes, control characters replaced.
std::string Excerpt(std::string_view body, size_t limit = 160);

}  // namespace view360::aws::internal
