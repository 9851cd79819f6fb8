// The error documents of each protocol (botocore's _do_error_parse of QueryParser,
// EC2QueryParser, RestXMLParser, BaseJSONParser and RestJSONParser).
#include "aws/protocol/internal.h"

namespace view360::aws::internal {
namespace {

pugi::xml_node FindChild(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && LocalName(child.name()) == name) return child;
  }
  return {};
}

std::string ChildText(const pugi::xml_node& parent, std::string_view name) {
  pugi::xml_node child = FindChild(parent, name);
  return child ? XmlText(child) : std::string();
}

// "prefix#Code:suffix" -> "Code", as botocore strips json error types.
std::string StripJsonCode(std::string code) {
  const size_t colon = code.find(':');
  if (colon != std::string::npos) code.resize(colon);
  const size_t hash = code.rfind('#');
  if (hash != std::string::npos) code = code.substr(hash + 1);
  return code;
}

}  // namespace

void ParseXmlError(const HttpResponse& response, bool rest_xml, AwsError& error) {
  if (response.body.empty()) return;  // The HTTP status is all there is (S3 HEAD).
  XmlBody xml;
  std::string why;
  if (!LoadXml(response.body, xml, why)) {
    error.malformed = true;
    error.message = "unparseable error body: " + why + ": " + Excerpt(response.body);
    return;
  }
  const pugi::xml_node root = xml.root;
  pugi::xml_node err;
  if (LocalName(root.name()) == "Error") {
    err = root;  // S3: <Error><Code>...</Code><RequestId>...</RequestId></Error>
  } else if (pugi::xml_node direct = FindChild(root, "Error")) {
    err = direct;  // query: <ErrorResponse><Error>...</Error><RequestId/></ErrorResponse>
  } else if (pugi::xml_node errors = FindChild(root, "Errors")) {
    err = FindChild(errors, "Error");  // ec2: <Response><Errors><Error>...</Error></Errors>
  }
  if (!err) return;
  error.code = ChildText(err, "Code");
  error.message = ChildText(err, "Message");
  error.type = ChildText(err, "Type");
  if (rest_xml && err == root) {
    // botocore takes S3's request id from the headers; the body copy is the fallback.
    if (auto id = FindHeader(response.headers, "x-amz-request-id")) error.request_id = *id;
  }
  for (const pugi::xml_node& holder : {root, err}) {
    if (!error.request_id.empty()) break;
    error.request_id = ChildText(holder, "RequestId");
    if (error.request_id.empty()) error.request_id = ChildText(holder, "RequestID");
  }
}

void ParseJsonError(const HttpResponse& response, bool rest_json, AwsError& error) {
  Json body = Json::object();
  if (!response.body.empty()) {
    body = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object()) {
      error.malformed = true;
      error.message = "unparseable error body: " + Excerpt(response.body);
      return;
    }
  }
  for (const char* key : {"message", "Message"}) {
    auto it = body.find(key);
    if (it != body.end() && it->is_string()) {
      error.message = it->get<std::string>();
      break;
    }
  }
  std::string code;
  auto type = body.find("__type");
  if (type != body.end() && type->is_string()) code = type->get<std::string>();
  code = StripJsonCode(code);
  // Query-compatible services (SQS) send the old query code in a header: "Code;Sender".
  if (auto query_error = FindHeader(response.headers, "x-amzn-query-error")) {
    const size_t semi = query_error->find(';');
    if (semi != std::string::npos && semi > 0 &&
        query_error->find(';', semi + 1) == std::string::npos) {
      code = query_error->substr(0, semi);
      error.type = query_error->substr(semi + 1);
    }
  }
  if (rest_json) {
    if (auto header = FindHeader(response.headers, "x-amzn-ErrorType")) {
      code = StripJsonCode(*header);
    } else {
      for (const char* key : {"code", "Code"}) {
        auto it = body.find(key);
        if (it != body.end() && it->is_string()) {
          code = StripJsonCode(it->get<std::string>());
          break;
        }
      }
    }
  }
  error.code = code;
  if (auto id = FindHeader(response.headers, "x-amzn-RequestId")) error.request_id = *id;
}

}  // namespace view360::aws::internal
