// What a simulated AWS operation is: a function from one authenticated call (whose account,
// which region, the parameters as boto3 keyword arguments) to the operation's output, shaped as
// ParseResponse returns it (server_protocol.h: timestamps as ISO-8601 strings via IsoTime,
// blobs as base64), or to an AWS error.
//
// Handlers never paginate lists that have a botocore paginator: they return every item under
// the paginator's result key and the server cuts pages (pagination.h). A handler that must not
// build the whole list (Organizations' 10,000 accounts) uses PageWindowOf itself, sets the
// output token and Reply::paged; the server then leaves its output alone.
//
// Thread-safety: handlers run on many server threads at once; they read the World and may
// write only to the Recorder.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/recorder.h"
#include "sim/world.h"

namespace view360::sim {

class Authenticator;

struct ApiCall {
  const World& world;
  const Account& account;  // Whose credentials signed the call.
  std::string region;      // From the SigV4 credential scope.
  std::string service;     // botocore's name: "ec2", "ce", ...
  std::string operation;
  const nlohmann::json& params;
  Recorder& recorder;
  std::string principal_arn;  // The caller: "arn:aws:iam::<id>:root" or an assumed-role ARN.
  std::string user_id;        // The caller's GetCallerIdentity UserId.
  const Authenticator* authenticator = nullptr;  // Issues STS credentials; null in unit tests.

  Day today() const { return world.today(); }
  // params[name] as a string, or fallback when absent.
  std::string Param(std::string_view name, std::string_view fallback = "") const;
};

// A handler's answer: an output, or an AWS error.
struct Reply {
  nlohmann::json output = nlohmann::json::object();
  int http_status = 200;
  std::string error_code;  // Empty on success.
  std::string error_message;
  bool paged = false;  // The handler cut the page itself (pagination.h); the server leaves it.

  bool ok() const { return error_code.empty(); }
};

Reply Ok(nlohmann::json output);
Reply AwsError(int http_status, std::string code, std::string message);
// The common ones, with the code each protocol family uses.
Reply ValidationError(const ApiCall& call, std::string message);                  // 400
Reply NotFoundError(const ApiCall& call, std::string code, std::string message);  // 400/404

using Handler = std::function<Reply(const ApiCall&)>;

// Which operations the simulator serves, by (service, operation).
class HandlerTable {
 public:
  void Add(std::string service, std::string operation, Handler handler);
  // nullptr when the operation is not served.
  const Handler* Find(std::string_view service, std::string_view operation) const;
  // Every served (service, operation), sorted.
  std::vector<std::pair<std::string, std::string>> Operations() const;

 private:
  std::map<std::pair<std::string, std::string>, Handler, std::less<>> handlers_;
};

// The full table: every services/*.cpp registers its operations here.
const HandlerTable& AllHandlers();

}  // namespace view360::sim
