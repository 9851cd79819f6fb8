// The server direction of the AWS protocols (aws/server_protocol.h) against botocore 1.43:
//   - every request botocore serialises for tests/aws/data/operations.json is identified (service
//     from its signing name, then the operation) and parsed back into the row's parameters, and
//     SerializeRequest of those parameters rebuilds botocore's request;
//   - for every operation with an output, the output botocore parsed from moto's serialised
//     response (botocore_judge.py synth) is written by SerializeResponse, and botocore's parser
//     and our ParseResponse both read it back unchanged;
//   - every service's SerializeError is read by botocore's parser and by ParseError as the same
//     code, message and request id.
// python3 with botocore (and moto, for the outputs) is required: without it these tests fail.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "aws/protocol.h"
#include "aws/protocol/internal.h"
#include "aws/server_protocol.h"
#include "aws/service_model.h"

namespace view360::aws {
namespace {

using json = nlohmann::json;

const std::string kTestDir = VIEW360_AWS_TEST_DIR;
const std::string kModelsDir = kTestDir + "/../../src/aws/models";
const std::string kOperationsFile = kTestDir + "/data/operations.json";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// botocore_judge.py with `arguments`; its results, or why it could not judge.
struct Verdicts {
  json results = json::array();
  std::string error;
};

Verdicts RunJudge(const std::string& arguments) {
  Verdicts verdicts;
  char stderr_path[] = "/tmp/view360_server_judge_XXXXXX";
  const int fd = mkstemp(stderr_path);
  if (fd < 0) {
    verdicts.error = "cannot create a temporary file";
    return verdicts;
  }
  close(fd);
  const std::string command = "python3 " + kTestDir + "/botocore_judge.py " + arguments +
                              " --models " + kModelsDir + " 2>" + stderr_path;
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe != nullptr) {
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  }
  const int status = pipe != nullptr ? pclose(pipe) : -1;
  const std::string errors = ReadFile(stderr_path);
  std::remove(stderr_path);
  if (pipe == nullptr || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    verdicts.error = "`" + command + "` failed; python3 with botocore 1.43 and moto is required: " +
                     errors.substr(0, 2000);
    return verdicts;
  }
  json doc = json::parse(out, nullptr, false);
  if (doc.is_discarded() || !doc.contains("results")) {
    verdicts.error = "the judge printed no JSON: " + out.substr(0, 2000);
    return verdicts;
  }
  verdicts.results = doc["results"];
  return verdicts;
}

std::string Show(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  return text.size() > 200 ? text.substr(0, 200) + "..." : text;
}

// The first difference between two JSON values ("" when equal; numbers compare by value).
std::string JsonDiff(const json& ours, const json& theirs, const std::string& path = "$") {
  if (ours.is_number() && theirs.is_number()) {
    return ours.get<double>() == theirs.get<double>()
               ? ""
               : path + ": ours " + Show(ours) + ", expected " + Show(theirs);
  }
  if (ours.type() != theirs.type())
    return path + ": ours " + Show(ours) + ", expected " + Show(theirs);
  if (ours.is_object()) {
    for (const auto& [key, value] : theirs.items()) {
      if (!ours.contains(key))
        return path + "." + key + ": missing in ours, expected " + Show(value);
      std::string diff = JsonDiff(ours[key], value, path + "." + key);
      if (!diff.empty()) return diff;
    }
    for (const auto& [key, value] : ours.items()) {
      if (!theirs.contains(key)) return path + "." + key + ": only in ours: " + Show(value);
    }
    return "";
  }
  if (ours.is_array()) {
    if (ours.size() != theirs.size()) {
      return path + ": " + std::to_string(ours.size()) + " elements, expected " +
             std::to_string(theirs.size());
    }
    for (size_t i = 0; i < ours.size(); ++i) {
      std::string diff = JsonDiff(ours[i], theirs[i], path + "[" + std::to_string(i) + "]");
      if (!diff.empty()) return diff;
    }
    return "";
  }
  return ours == theirs ? "" : path + ": ours " + Show(ours) + ", expected " + Show(theirs);
}

// A row's parameters as ParseRequest returns them: timestamps in the output format (whole
// seconds in headers, which carry no fraction), nulls dropped.
json NormalizeParams(const ShapeRef& ref, const json& value) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (shape.document || !value.is_object()) return value;
      json out = json::object();
      for (const Member& member : shape.members) {
        auto it = value.find(member.name);
        if (it == value.end() || it->is_null()) continue;
        out[member.name] = NormalizeParams(member.ref, *it);
      }
      return out;
    }
    case ShapeType::kList: {
      json out = json::array();
      for (const json& item : value) out.push_back(NormalizeParams(shape.member, item));
      return out;
    }
    case ShapeType::kMap: {
      json out = json::object();
      for (const auto& [key, item] : value.items()) out[key] = NormalizeParams(shape.value, item);
      return out;
    }
    case ShapeType::kTimestamp: {
      auto t = internal::ParseTimestampParam(value);
      if (!t) return value;
      if (ref.location == Location::kHeader) t->micros = 0;
      return internal::FormatOutputTimestamp(*t);
    }
    default:
      return value;
  }
}

// botocore's request (as botocore_judge.py prints it) as the HttpRequest a server receives.
HttpRequest ReceivedRequest(const json& verdict) {
  HttpRequest request;
  request.method = verdict["method"];
  request.path = verdict["path"];
  for (const json& pair : verdict["query"]) request.query.emplace_back(pair[0], pair[1]);
  for (const auto& [name, value] : verdict["headers"].items()) {
    request.headers.emplace_back(name, value.get<std::string>());
  }
  const std::string kind = verdict["body_kind"];
  if (kind == "form" || kind == "json") {
    request.body = verdict["body_text"];
  } else if (kind == "xml" || kind == "raw") {
    request.body = verdict["body"];
  }
  return request;
}

std::string CanonicalXml(const pugi::xml_node& node) {
  std::string out = "<" + std::string(node.name());
  std::vector<std::string> attrs;
  for (auto attr = node.first_attribute(); attr; attr = attr.next_attribute()) {
    attrs.push_back(std::string(attr.name()) + "=\"" + attr.value() + "\"");
  }
  std::sort(attrs.begin(), attrs.end());
  for (const auto& attr : attrs) out += " " + attr;
  out += ">";
  for (auto child = node.first_child(); child; child = child.next_sibling()) {
    out += child.type() == pugi::node_element ? CanonicalXml(child) : std::string(child.value());
  }
  return out + "</" + node.name() + ">";
}

// SerializeRequest(ParseRequest(request)) against `request`: method, path, query, body.
std::string CompareRebuilt(const HttpRequest& ours, const HttpRequest& theirs,
                           const std::string& kind) {
  if (ours.method != theirs.method) return "method " + ours.method + " vs " + theirs.method;
  if (ours.path != theirs.path) return "path " + ours.path + " vs " + theirs.path;
  auto a = ours.query, b = theirs.query;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a != b) return "query differs";
  for (const auto& [name, value] : theirs.headers) {
    if (name == "content-length" || name == "user-agent") continue;
    auto mine = FindHeader(ours.headers, name);
    if (!mine || *mine != value) return "header " + name + ": " + mine.value_or("(none)");
  }
  if (kind == "json") {
    return JsonDiff(json::parse(ours.body), json::parse(theirs.body), "body");
  }
  if (kind == "xml") {
    pugi::xml_document x, y;
    if (!x.load_string(ours.body.c_str()) || !y.load_string(theirs.body.c_str())) {
      return "body is not XML";
    }
    return CanonicalXml(x.document_element()) == CanonicalXml(y.document_element())
               ? ""
               : "XML body differs: " + ours.body.substr(0, 200);
  }
  if (kind == "form") {
    std::vector<std::string> x, y;
    std::stringstream sx(ours.body), sy(theirs.body);
    for (std::string part; std::getline(sx, part, '&');) x.push_back(part);
    for (std::string part; std::getline(sy, part, '&');) y.push_back(part);
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    for (size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
      const std::string mine = i < x.size() ? x[i] : "(none)";
      const std::string theirs_pair = i < y.size() ? y[i] : "(none)";
      if (mine != theirs_pair) return "form pair: ours " + mine + ", botocore's " + theirs_pair;
    }
    return "";
  }
  return ours.body == theirs.body ? "" : "body differs";
}

TEST(ServerRequestJudgeTest, EveryBotocoreRequestIsIdentifiedAndParsedBackIntoItsParams) {
  static const Verdicts verdicts = RunJudge("requests --operations " + kOperationsFile);
  ASSERT_TRUE(verdicts.error.empty()) << verdicts.error;
  const json rows = json::parse(ReadFile(kOperationsFile));
  ASSERT_EQ(rows.size(), verdicts.results.size());
  int services = 0, identified = 0, parsed = 0, rebuilt = 0, judged = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const json& row = rows[i];
    const json& verdict = verdicts.results[i];
    const std::string label = row["service"].get<std::string>() + " " +
                              row["operation"].get<std::string>() + " (row " + std::to_string(i) +
                              ")";
    if (verdict.contains("error")) continue;  // botocore rejects the row's params.
    ++judged;
    const HttpRequest request = ReceivedRequest(verdict);
    auto model = ServiceModel::Get(row["service"].get<std::string>());
    ASSERT_TRUE(model.ok());

    auto service = ServiceForSigningName((*model)->metadata().signing_name, request);
    EXPECT_TRUE(service.ok() && *service == row["service"]) << label;
    if (service.ok() && *service == row["service"]) ++services;

    auto identified_op = IdentifyOperation(row["service"].get<std::string>(), request);
    if (!identified_op.ok() || identified_op->operation->name != row["operation"]) {
      ADD_FAILURE() << label << ": identified as "
                    << (identified_op.ok() ? identified_op->operation->name
                                           : identified_op.status().ToString());
      continue;
    }
    ++identified;

    const Operation* op = identified_op->operation;
    auto params = ParseRequest(**model, op->name, request);
    if (!params.ok()) {
      ADD_FAILURE() << label << ": " << params.status().ToString();
      continue;
    }
    json expected = op->input ? NormalizeParams(*op->input, row["params"]) : json::object();
    json ours = *params;
    for (const Member& member : op->input ? op->input->shape->members : std::vector<Member>{}) {
      // botocore filled an absent idempotency token with a UUID; we parse it back.
      if (member.ref.idempotency_token && !expected.contains(member.name)) ours.erase(member.name);
    }
    const std::string diff = JsonDiff(ours, expected);
    EXPECT_EQ(diff, "") << label;
    if (diff.empty()) ++parsed;

    auto again = SerializeRequest(**model, op->name, *params);
    if (!again.ok()) {
      ADD_FAILURE() << label << ": re-serialising: " << again.status().ToString();
      continue;
    }
    const std::string rebuild_diff = CompareRebuilt(*again, request, verdict["body_kind"]);
    EXPECT_EQ(rebuild_diff, "") << label;
    if (rebuild_diff.empty()) ++rebuilt;
  }
  std::printf(
      "[ judge    ] of %d botocore requests: %d services from the signing name, %d operations "
      "identified, %d parsed into the row's params, %d rebuilt by SerializeRequest\n",
      judged, services, identified, parsed, rebuilt);
  EXPECT_GE(judged, 100);
}

// The responses of one judged batch: ours, and what we expect botocore to parse from them.
struct Case {
  std::string service, operation;
  HttpResponse response;
  json expected;  // An output, or {"code","message","request_id"} for an error.
  bool error = false;
};

json IndexOf(const std::vector<Case>& cases) {
  json index = json::array();
  for (size_t i = 0; i < cases.size(); ++i) {
    json headers = json::object();
    for (const auto& [name, value] : cases[i].response.headers) headers[name] = value;
    index.push_back({{"name", std::to_string(i)},
                     {"service", cases[i].service},
                     {"operation", cases[i].operation},
                     {"status", cases[i].response.status},
                     {"headers", headers},
                     {"body", cases[i].response.body}});
  }
  return index;
}

Verdicts JudgeResponses(const std::vector<Case>& cases) {
  char path[] = "/tmp/view360_server_index_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return Verdicts{json::array(), "cannot create a temporary file"};
  close(fd);
  std::ofstream(path) << IndexOf(cases).dump();
  Verdicts verdicts = RunJudge(std::string("responses --index ") + path);
  std::remove(path);
  return verdicts;
}

TEST(ServerResponseJudgeTest, EveryOperationOutputIsReadBackByBotocoreAndByUs) {
  static const Verdicts synth = RunJudge("synth --operations " + kOperationsFile);
  ASSERT_TRUE(synth.error.empty()) << synth.error;
  std::vector<Case> cases;
  int ours_same = 0;
  for (const json& entry : synth.results) {
    if (!entry.contains("result")) continue;  // moto could not serialise it.
    const std::string service = entry["service"], operation = entry["operation"];
    auto model = ServiceModel::Get(service);
    ASSERT_TRUE(model.ok());
    auto response = SerializeResponse(**model, operation, entry["result"], "req-0001");
    if (!response.ok()) {
      ADD_FAILURE() << service << " " << operation << ": " << response.status().ToString();
      continue;
    }
    auto parsed = ParseResponse(**model, operation, *response);
    const std::string diff =
        parsed.ok() ? JsonDiff(*parsed, entry["result"]) : parsed.status().ToString();
    EXPECT_EQ(diff, "") << "our ParseResponse of our " << service << " " << operation;
    if (diff.empty()) ++ours_same;
    cases.push_back({service, operation, *response, entry["result"]});
  }
  const Verdicts verdicts = JudgeResponses(cases);
  ASSERT_TRUE(verdicts.error.empty()) << verdicts.error;
  ASSERT_EQ(verdicts.results.size(), cases.size());
  int botocore_same = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    const json& verdict = verdicts.results[i];
    const std::string label = cases[i].service + " " + cases[i].operation;
    if (!verdict.contains("result")) {
      ADD_FAILURE() << label << ": botocore: " << Show(verdict) << "\nbody "
                    << cases[i].response.body.substr(0, 300);
      continue;
    }
    const std::string diff = JsonDiff(verdict["result"], cases[i].expected);
    EXPECT_EQ(diff, "") << "botocore's parse of our " << label << "\nbody "
                        << cases[i].response.body.substr(0, 400);
    if (diff.empty()) ++botocore_same;
  }
  std::printf(
      "[ judge    ] of %zu outputs: %d read back unchanged by botocore, %d by our "
      "ParseResponse\n",
      cases.size(), botocore_same, ours_same);
  EXPECT_GE(cases.size(), 80u);
}

TEST(ServerErrorJudgeTest, EveryServiceErrorIsReadByBotocoreAndByUs) {
  std::vector<Case> cases;
  int ours_same = 0;
  const std::vector<std::tuple<int, std::string, std::string>> errors = {
      {400, "ValidationException", "1 validation error: <Name> & \"x\" \u00e9"},
      {404, "NoSuchThing", "The thing does not exist"},
      {503, "ServiceUnavailable", "Try again later"},
  };
  for (const std::string& service : ServiceModel::EmbeddedServices()) {
    auto model = ServiceModel::Get(service);
    ASSERT_TRUE(model.ok());
    const std::string operation = (*model)->OperationNames().front();
    for (const auto& [status, code, message] : errors) {
      const HttpResponse response =
          SerializeError(**model, status, code, message, "req-" + service);
      auto parsed = ParseError(**model, operation, response);
      const bool same = parsed.ok() && parsed->code == code && parsed->message == message &&
                        parsed->request_id == "req-" + service && parsed->http_status == status;
      EXPECT_TRUE(same) << service << " " << code << ": ours "
                        << (parsed.ok() ? parsed->code + " / " + parsed->message + " / " +
                                              parsed->request_id
                                        : parsed.status().ToString());
      if (same) ++ours_same;
      if ((*model)->metadata().aws_query_compatible) {
        EXPECT_EQ(FindHeader(response.headers, "x-amzn-query-error").value_or(""),
                  code + (status >= 500 ? ";Receiver" : ";Sender"));
      }
      cases.push_back({service,
                       operation,
                       response,
                       {{"code", code},
                        {"message", message},
                        {"request_id", "req-" + service},
                        {"http_status", status}},
                       true});
    }
  }
  const Verdicts verdicts = JudgeResponses(cases);
  ASSERT_TRUE(verdicts.error.empty()) << verdicts.error;
  ASSERT_EQ(verdicts.results.size(), cases.size());
  int botocore_same = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    const json& verdict = verdicts.results[i];
    const std::string diff = verdict.contains("error")
                                 ? JsonDiff(verdict["error"], cases[i].expected)
                                 : "not an error: " + Show(verdict);
    EXPECT_EQ(diff, "") << "botocore's parse of our " << cases[i].service << " error\n"
                        << cases[i].response.body;
    if (diff.empty()) ++botocore_same;
  }
  std::printf("[ judge    ] of %zu errors: %d read by botocore, %d by our ParseError\n",
              cases.size(), botocore_same, ours_same);
}

// ---- Identification rules ----

HttpRequest Get(std::string path, std::vector<std::pair<std::string, std::string>> query = {}) {
  HttpRequest request;
  request.method = "GET";
  request.path = std::move(path);
  request.query = std::move(query);
  return request;
}

std::string Identified(std::string_view service, const HttpRequest& request) {
  auto op = IdentifyOperation(service, request);
  return op.ok() ? op->operation->name : op.status().ToString();
}

TEST(IdentifyOperationTest, MostSpecificS3TemplateWins) {
  EXPECT_EQ(Identified("s3", Get("/bucket", {{"tagging", ""}})), "GetBucketTagging");
  EXPECT_EQ(Identified("s3", Get("/bucket", {{"list-type", "2"}})), "ListObjectsV2");
  EXPECT_EQ(Identified("s3", Get("/bucket", {{"location", ""}})), "GetBucketLocation");
  EXPECT_EQ(Identified("s3", Get("/bucket/a/b%20c.txt")), "GetObject");
  EXPECT_EQ(Identified("s3", Get("/")), "ListBuckets");
  HttpRequest put = Get("/bucket/key", {{"partNumber", "1"}, {"uploadId", "u"}});
  put.method = "PUT";
  EXPECT_EQ(Identified("s3", put), "UploadPart");
  put.query.clear();
  EXPECT_EQ(Identified("s3", put), "PutObject");
  put.headers.emplace_back("x-amz-copy-source", "other/key");
  EXPECT_EQ(Identified("s3", put), "CopyObject");
}

TEST(IdentifyOperationTest, GreedyLabelsAreDecodedWithTheirSlashes) {
  auto model = ServiceModel::Get("s3");
  ASSERT_TRUE(model.ok());
  auto params = ParseRequest(**model, "GetObject", Get("/my-bucket/a/b%20c%2Bd.txt"));
  ASSERT_TRUE(params.ok()) << params.status().ToString();
  EXPECT_EQ((*params)["Bucket"], "my-bucket");
  EXPECT_EQ((*params)["Key"], "a/b c+d.txt");
}

TEST(IdentifyOperationTest, UnknownRequestsAreNotFoundOrInvalid) {
  // The model has no plain GET /{Bucket} (ListObjects v1): every bucket GET needs its literal.
  EXPECT_EQ(IdentifyOperation("s3", Get("/b", {{"nosuchthing", ""}})).status().code(),
            StatusCode::kNotFound);
  HttpRequest json_request;
  json_request.method = "POST";
  EXPECT_EQ(IdentifyOperation("kms", json_request).status().code(), StatusCode::kInvalidArgument);
  json_request.headers.emplace_back("X-Amz-Target", "TrentService.NoSuchOperation");
  EXPECT_EQ(IdentifyOperation("kms", json_request).status().code(), StatusCode::kNotFound);
  json_request.headers = {{"X-Amz-Target", "Other.ListKeys"}};
  EXPECT_EQ(IdentifyOperation("kms", json_request).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(IdentifyOperation("no-such-service", json_request).status().code(),
            StatusCode::kNotFound);
  HttpRequest query = Get("/");
  query.method = "POST";
  query.body = "Version=2011-06-15";
  EXPECT_EQ(IdentifyOperation("sts", query).status().code(), StatusCode::kInvalidArgument);
}

std::string ServiceOf(std::string_view signing_name) {
  auto service = ServiceForSigningName(signing_name, HttpRequest{});
  return service.ok() ? *service : service.status().ToString();
}

TEST(ServiceForSigningNameTest, SigningNamesMapToBotocoreServiceNames) {
  const HttpRequest request;
  EXPECT_EQ(ServiceOf("monitoring"), "cloudwatch");
  EXPECT_EQ(ServiceOf("elasticloadbalancing"), "elbv2");
  EXPECT_EQ(ServiceOf("aws-marketplace"), "marketplace-entitlement");
  EXPECT_EQ(ServiceOf("s3"), "s3");
  EXPECT_EQ(ServiceForSigningName("nope", request).status().code(), StatusCode::kNotFound);
}

TEST(ParseRequestTest, MalformedBodiesAreInvalidArguments) {
  auto kms = ServiceModel::Get("kms");
  ASSERT_TRUE(kms.ok());
  HttpRequest request;
  request.method = "POST";
  request.body = "{not json";
  EXPECT_EQ(ParseRequest(**kms, "ListKeys", request).status().code(), StatusCode::kInvalidArgument);
  request.body = R"({"Limit": "ten"})";
  EXPECT_EQ(ParseRequest(**kms, "ListKeys", request).status().code(), StatusCode::kInvalidArgument);
  request.body = "{}";
  EXPECT_EQ(ParseRequest(**kms, "DescribeKey", request).status().code(),
            StatusCode::kInvalidArgument)
      << "KeyId is required";
  EXPECT_EQ(ParseRequest(**kms, "NoSuchOperation", request).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(SerializeResponse(**kms, "NoSuchOperation", json::object(), "r").status().code(),
            StatusCode::kNotFound);
}

TEST(SerializeResponseTest, EnvelopesCarryTheRequestIdAndNamespace) {
  auto sts = ServiceModel::Get("sts");
  ASSERT_TRUE(sts.ok());
  auto response = SerializeResponse(
      **sts, "GetCallerIdentity",
      {{"Account", "123456789012"}, {"Arn", "arn:aws:iam::123456789012:root"}, {"UserId", "u"}},
      "rid-7");
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_NE(response->body.find("<GetCallerIdentityResponse "
                                "xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                                "<GetCallerIdentityResult>"),
            std::string::npos)
      << response->body;
  EXPECT_NE(response->body.find("<ResponseMetadata><RequestId>rid-7</RequestId>"),
            std::string::npos);
  auto ec2 = ServiceModel::Get("ec2");
  ASSERT_TRUE(ec2.ok());
  auto regions = SerializeResponse(**ec2, "DescribeRegions", json::object(), "rid-8");
  ASSERT_TRUE(regions.ok()) << regions.status().ToString();
  EXPECT_NE(regions->body.find("<requestId>rid-8</requestId>"), std::string::npos) << regions->body;
}

}  // namespace
}  // namespace view360::aws
