// The server direction of the five AWS wire protocols (query, ec2, json, rest-json, rest-xml),
// driven by the same ServiceModel as the client direction (protocol.h): a received HttpRequest
// -> which operation it is and its parameters, and an operation's output (or an error) -> the
// HttpResponse AWS would send. It is the foundation of the simulator (`view360 sim`), which
// serves a synthetic organisation over the real wire protocols.
//
// The judge is botocore 1.43, as for the client direction: tests/aws/server_protocol_test.cpp
// checks that every request botocore serialises for tests/aws/data/operations.json is
// identified and parsed back into its parameters, and that botocore's own parsers read what
// SerializeResponse and SerializeError write.
//
// Values use the conventions of protocol.h. Parameters (ParseRequest) are shaped like boto3's
// keyword arguments, so that SerializeRequest(model, op, ParseRequest(model, op, request))
// rebuilds `request`: timestamps as ISO-8601 UTC output strings ("2025-09-15T10:20:30Z",
// ".123Z"), blobs as strings of the raw bytes. Outputs (SerializeResponse) are shaped as
// ParseResponse returns them: timestamps as ISO-8601 strings (or epoch numbers), blobs as base64
// strings, except a blob/string payload (S3 GetObject's Body), which is the raw body bytes.
//
// Not done here: signature verification (sigv4.h), endpoint host prefixes, S3 virtual-host
// addressing (callers move the bucket from the host to the path first), checksums, chunked or
// compressed request bodies, event streams.
//
// Thread-safety: free functions over immutable models; safe to call from many threads. No
// exception leaves them.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "aws/http.h"
#include "aws/service_model.h"
#include "common/status.h"

namespace view360::aws {

// botocore's service name ("cloudwatch", "elbv2") of a request signed for `signing_name` (the
// service of the SigV4 credential scope: "monitoring", "elasticloadbalancing"), among the
// embedded models. When several models share a signing name, the request's X-Amz-Target prefix
// decides. kNotFound when no embedded model signs with that name.
Result<std::string> ServiceForSigningName(std::string_view signing_name,
                                          const HttpRequest& request);

struct IdentifiedOperation {
  const ServiceModel* model = nullptr;  // Valid for the life of the program.
  const Operation* operation = nullptr;
};

// The operation `request` calls on `service` (botocore's name): json by X-Amz-Target
// (<targetPrefix>.<Operation>), query and ec2 by the Action form field (the body, or the query
// string of a GET), rest-json and rest-xml by method and requestUri template (the most specific
// match wins; query-string literals of the template such as "?tagging" must be present).
// A request with X-Amz-Target to a service that also takes json (CloudWatch, which botocore
// 1.43 sends as json 1.0) is identified in the json variant of the model
// (ServiceModel::GetJsonVariant): use the returned model to parse and answer it.
// kNotFound when the service has no embedded model or no operation matches; kInvalidArgument
// when the request lacks what the protocol identifies operations by.
Result<IdentifiedOperation> IdentifyOperation(std::string_view service, const HttpRequest& request);

// The parameters of `operation` carried by `request`, as boto3 keyword arguments (see the header
// comment): URI labels decoded, query-string, header and payload members, form fields folded back
// into nested structures, lists and maps. kNotFound for an unknown operation; kInvalidArgument
// naming the member when a value cannot be read (bad number, timestamp, base64, body).
Result<nlohmann::json> ParseRequest(const ServiceModel& model, std::string_view operation,
                                    const HttpRequest& request);

// The response AWS sends for `output` of `operation`: the operation's responseCode (or the
// statusCode-bound member), Content-Type per protocol, query's <OperationResponse>/
// <OperationResult>/<ResponseMetadata> envelope, ec2's <OperationResponse><requestId>, JSON
// bodies with epoch-second timestamps, rest-xml's root element and namespace, header-bound and
// payload members. `request_id` goes where the protocol carries it. Members the model does not
// know are ignored. kNotFound for an unknown operation; kInvalidArgument when a value does not
// fit its shape.
Result<HttpResponse> SerializeResponse(const ServiceModel& model, std::string_view operation,
                                       const nlohmann::json& output, std::string_view request_id);

// The error response of the model's protocol: query's <ErrorResponse> (Type Sender for 4xx,
// Receiver for 5xx), ec2's <Response><Errors>, json's {"__type", "message"} (with
// x-amzn-query-error for awsQueryCompatible services), rest-json's x-amzn-ErrorType header and
// body, rest-xml's (S3's) <Error>. ParseError (protocol.h) reads back code and message.
HttpResponse SerializeError(const ServiceModel& model, int http_status, std::string_view code,
                            std::string_view message, std::string_view request_id);

}  // namespace view360::aws
