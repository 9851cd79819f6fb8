// view360 aws SERVICE OPERATION: one AWS call through View360's own AWS layer, printed as JSON.
// A user's tool for checking credentials, permissions and endpoints, and our handle for tests.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aws/session.h"
#include "cli/commands.h"

namespace view360::cli {
namespace {

struct AwsCommandOptions {
  std::string service;
  std::string operation;
  std::string params = "{}";
  bool paginate = false;
  int max_pages = aws::kDefaultMaxPages;
  int max_attempts = 3;
  aws::SessionOptions session;
};

Result<nlohmann::json> ReadParams(const std::string& text) {
  std::string json_text = text;
  if (!text.empty() && text.front() == '@') {
    std::ifstream in(text.substr(1));
    if (!in) return InvalidArgumentError("cannot read parameters file " + text.substr(1));
    std::stringstream buffer;
    buffer << in.rdbuf();
    json_text = buffer.str();
  }
  auto params = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (params.is_discarded() || !params.is_object()) {
    return InvalidArgumentError("--params must be a JSON object (or @file holding one)");
  }
  return params;
}

void Print(const Context& context, const nlohmann::json& value) {
  // Payload members (S3 GetObject's Body) may hold any bytes: replace what is not UTF-8.
  const int indent = context.json() ? -1 : 2;
  std::cout << value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

Status RunAws(const Context& context, AwsCommandOptions options) {
  VIEW360_ASSIGN_OR_RETURN(auto params, ReadParams(options.params));
  options.session.retry.max_attempts = options.max_attempts;
  VIEW360_ASSIGN_OR_RETURN(auto session, aws::AwsSession::Create(options.session));
  auto client = session->Client();
  if (options.paginate) {
    // One JSON document per page, as pages arrive (no page is held back).
    return client->Paginate(
        options.service, options.operation, params,
        [&](const nlohmann::json& page) {
          Print(context, page);
          return OkStatus();
        },
        options.max_pages);
  }
  VIEW360_ASSIGN_OR_RETURN(auto output, client->Call(options.service, options.operation, params));
  Print(context, output);
  return OkStatus();
}

}  // namespace

void RegisterAwsCommand(CLI::App& app, Context& context, Action* action) {
  auto options = std::make_shared<AwsCommandOptions>();
  auto* cmd = app.add_subcommand(
      "aws", "Call one AWS operation through View360's AWS layer and print its output as JSON");
  cmd->add_option("service", options->service,
                  "Service, by botocore's name: sts, ec2, s3, securityhub, ce, ...")
      ->required();
  cmd->add_option("operation", options->operation, "Operation: GetCallerIdentity, ...")->required();
  cmd->add_option("--params", options->params,
                  "Parameters as a JSON object, or @FILE (default {})");
  cmd->add_flag("--paginate", options->paginate,
                "Follow pagination; print one JSON document per page");
  cmd->add_option("--max-pages", options->max_pages, "Stop after this many pages");
  cmd->add_option("--region", options->session.region,
                  "Region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's)");
  cmd->add_option("--profile", options->session.profile, "Profile of ~/.aws/config");
  cmd->add_option("--endpoint-url", options->session.endpoint_url,
                  "Send every call here (a simulator, moto, a local emulator)");
  cmd->add_option("--max-attempts", options->max_attempts, "Attempts per call, retries included")
      ->check(CLI::Range(1, 20));
  cmd->callback([&context, action, options] {
    *action = [&context, options] { return RunAws(context, *options); };
  });
}

}  // namespace view360::cli
