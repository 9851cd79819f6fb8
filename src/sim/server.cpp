#include "sim/server.h"

#include <httplib.h>
#include <strings.h>

#include "common/http_listen.h"
#include "sim/handler.h"

namespace view360::sim {
namespace {

constexpr size_t kMaxBody = 64 << 20;  // S3 PutObject of a large document fits.

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding of one query component ('+' stays '+': AWS clients encode spaces as %20).
std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// The request as the AWS layer sees it: the path exactly as sent (SigV4 signs it encoded), the
// query decoded in order, every header.
aws::HttpRequest ToAwsRequest(const httplib::Request& req) {
  aws::HttpRequest out;
  out.method = req.method;
  const std::string& target = req.target;
  const size_t question = target.find('?');
  out.path = target.substr(0, question);
  if (question != std::string::npos) {
    std::string_view query(target);
    query.remove_prefix(question + 1);
    while (!query.empty()) {
      const size_t amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      if (!pair.empty()) {
        const size_t eq = pair.find('=');
        out.query.emplace_back(
            PercentDecode(pair.substr(0, eq)),
            eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1)));
      }
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }
  for (const auto& [name, value] : req.headers) {
    if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
        name == "LOCAL_PORT") {
      continue;  // httplib's own annotations, not sent by the client.
    }
    out.headers.emplace_back(name, value);
  }
  out.endpoint = "http://" + req.get_header_value("Host");
  out.body = req.body;
  return out;
}

void WriteJson(httplib::Response& res, const nlohmann::json& value, int status = 200) {
  res.status = status;
  res.set_content(value.dump(2), "application/json");
}

}  // namespace

SimServer::SimServer(Simulator& simulator, ServerOptions options)
    : simulator_(simulator), options_(std::move(options)), server_(new httplib::Server) {}

SimServer::~SimServer() { Stop(); }

std::string SimServer::endpoint() const {
  return "http://" + options_.host + ":" + std::to_string(port_);
}

void SimServer::Route() {
  auto& s = *server_;
  s.Get("/_sim/stats", [this](const httplib::Request&, httplib::Response& res) {
    WriteJson(res, simulator_.recorder().Stats());
  });
  s.Get("/_sim/notifications", [this](const httplib::Request&, httplib::Response& res) {
    WriteJson(res, simulator_.recorder().Notifications());
  });
  s.Get("/_sim/metrics", [this](const httplib::Request&, httplib::Response& res) {
    WriteJson(res, simulator_.recorder().Metrics());
  });
  s.Get("/_sim/operations", [](const httplib::Request&, httplib::Response& res) {
    nlohmann::json ops = nlohmann::json::array();
    for (const auto& [service, operation] : AllHandlers().Operations()) {
      ops.push_back({{"service", service}, {"operation", operation}});
    }
    WriteJson(res, ops);
  });
  s.Get("/_sim/world", [this](const httplib::Request&, httplib::Response& res) {
    const World& world = simulator_.world();
    const auto& sc = world.scenario();
    WriteJson(res, {{"seed", sc.seed},
                    {"today", FormatDay(world.today())},
                    {"first_day", FormatDay(world.first_day())},
                    {"accounts", sc.accounts},
                    {"regions", sc.regions},
                    {"page_size", sc.page_size},
                    {"management_account", world.management().id},
                    {"organization_id", world.organization_id()},
                    {"root_id", world.root_id()},
                    {"role_names", sc.role_names},
                    {"external_id", sc.external_id}});
  });
  s.Get("/_sim/credentials", [this](const httplib::Request& req, httplib::Response& res) {
    const World& world = simulator_.world();
    std::string id = req.get_param_value("account");
    if (id.empty()) id = world.management().id;
    auto account = world.FindAccount(id);
    if (!account) return WriteJson(res, {{"error", "no such account: " + id}}, 404);
    const auto credentials = simulator_.authenticator().RootCredentials(*account);
    WriteJson(res, {{"AccessKeyId", credentials.access_key_id},
                    {"SecretAccessKey", credentials.secret_access_key},
                    {"Account", account->id}});
  });
  s.Post("/_sim/truth", [this](const httplib::Request& req, httplib::Response& res) {
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (!body.is_object()) return WriteJson(res, {{"error", "body must be a JSON object"}}, 400);
    auto truth = simulator_.Truth(body.value("service", ""), body.value("operation", ""),
                                  body.value("params", nlohmann::json::object()),
                                  body.value("account", simulator_.world().management().id),
                                  body.value("region", ""));
    if (!truth.ok()) {
      return WriteJson(
          res, {{"error", truth.status().message()}, {"code", truth.status().reason()}}, 409);
    }
    WriteJson(res, *truth);
  });
  s.Post("/_sim/reset", [this](const httplib::Request&, httplib::Response& res) {
    simulator_.Reset();
    WriteJson(res, {{"reset", true}});
  });

  const auto aws = [this](const httplib::Request& req, httplib::Response& res) {
    auto answer = simulator_.Handle(ToAwsRequest(req));
    res.status = answer.response.status;
    std::string content_type = "application/octet-stream";
    for (const auto& [name, value] : answer.response.headers) {
      if (strcasecmp(name.c_str(), "Content-Type") == 0) {
        content_type = value;
      } else if (strcasecmp(name.c_str(), "Content-Length") != 0) {
        res.set_header(name, value);
      }
    }
    std::string body = std::move(answer.response.body);
    switch (answer.fault) {
      case FaultKind::kReset:
        // Headers promise the whole body; the provider gives up at once, so httplib closes the
        // connection: the client sees a reset mid-response.
        res.set_content_provider(body.size(), content_type,
                                 [](size_t, size_t, httplib::DataSink&) { return false; });
        return;
      case FaultKind::kMalformed:
        body.resize(body.size() / 2);
        break;
      default:
        break;
    }
    res.set_content(std::move(body), content_type);
  };
  s.Get(".*", aws);
  s.Post(".*", aws);
  s.Put(".*", aws);
  s.Delete(".*", aws);
  s.Patch(".*", aws);
}

Status SimServer::Start() {
  const int threads = std::max(1, options_.threads);
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_keep_alive_max_count(100000);
  server_->set_keep_alive_timeout(options_.idle_timeout_s);
  server_->set_payload_max_length(kMaxBody);
  server_->set_tcp_nodelay(true);
  Route();
  VIEW360_ASSIGN_OR_RETURN(port_,
                           ListenInBackground(*server_, options_.host, options_.port, &thread_));
  return OkStatus();
}

void SimServer::Stop() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace view360::sim
