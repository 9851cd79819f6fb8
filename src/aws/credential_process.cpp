// credential_process: an external program that prints credentials as JSON
// (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html).
#include <filesystem>
#include <system_error>

#include "aws/credential_chain.h"
#include "aws/credential_internal.h"
#include "common/process.h"

namespace view360::aws {
namespace {

// RunProcess gives stdout and stderr mixed: take the whole output when it parses, else the
// span from its first '{' to its last '}' (a warning printed to stderr around the JSON).
Result<std::map<std::string, std::string>> ParseProcessOutput(std::string_view output) {
  auto whole = internal::ParseFlatJsonObject(output);
  if (whole.ok()) return whole;
  const size_t open = output.find('{');
  const size_t close = output.rfind('}');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return whole.status();
  }
  return internal::ParseFlatJsonObject(output.substr(open, close - open + 1));
}

}  // namespace

ProcessProvider::ProcessProvider(std::string command, std::string profile, NowFunction now)
    : RefreshingProvider(std::move(now)),
      command_(std::move(command)),
      profile_(std::move(profile)) {}

Result<Credentials> ProcessProvider::Fetch() {
  const std::string what = "the credential_process of profile '" + profile_ + "'";
  // botocore: compat_shell_split, then Popen without a shell.
  auto argv = ShellSplit(command_);
  if (!argv.ok()) return argv.status().WithContext("cannot split " + what + " into words");
  if (argv->empty()) return InvalidArgumentError(what + " is empty");
  const std::string program = argv->front();

  ProcessOptions process_options;
  std::error_code ec;
  const auto cwd = std::filesystem::current_path(ec);
  if (!ec) process_options.working_dir = cwd.string();  // As botocore: the caller's directory.
  auto ran = RunProcess(*argv, process_options);
  if (!ran.ok()) {
    // RunProcess's own message quotes the program's output: not repeated here.
    return FailedPreconditionError(what + ": cannot run '" + program + "' (" +
                                   StatusCodeName(ran.status().code()) +
                                   "): check the path and that it is executable");
  }
  const auto output_note = [&] {
    return " (its output, " + std::to_string(ran->output.size()) +
           " bytes, is not shown: it may hold credentials; run the command yourself to see it)";
  };
  if (ran->exit_code != 0) {
    return FailedPreconditionError(what + ": '" + program + "' exited with code " +
                                   std::to_string(ran->exit_code) + output_note());
  }
  auto fields = ParseProcessOutput(ran->output);
  if (!fields.ok()) {
    return FailedPreconditionError(what + ": '" + program + "' did not print a JSON object" +
                                   output_note());
  }
  // botocore: parsed.get('Version') != 1 is an error ("supported versions: 1").
  const auto version = fields->find("Version");
  if (version == fields->end()) {
    return FailedPreconditionError(what +
                                   ": the JSON has no \"Version\"; only Version 1 is "
                                   "supported");
  }
  if (version->second != "1") {
    return FailedPreconditionError(what + ": unsupported \"Version\" '" +
                                   version->second.substr(0, 16) + "'; only 1 is supported");
  }
  auto credentials = internal::CredentialsFromFields(*fields, "SessionToken",
                                                     /*require_all=*/false,
                                                     "credential_process of profile " + profile_);
  if (!credentials.ok()) {
    return FailedPreconditionError(what + ": " + credentials.status().message());
  }
  return credentials;
}

}  // namespace view360::aws
