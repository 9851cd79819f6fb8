// view360 iam-policy: the least-privilege policy of a collector, generated from the operations
// the categories call (collect/iam_policy.h).
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "collect/iam_policy.h"

namespace view360::cli {

void RegisterIamPolicyCommand(CLI::App& app, Context&, Action* action) {
  auto options = std::make_shared<collect::PolicyOptions>();
  auto* cmd = app.add_subcommand(
      "iam-policy", "Print the IAM policy a sender, member role or management collector needs");
  cmd->add_option("--for", options->role,
                  "member: the role assumed in each account (and a push sender's reads); "
                  "management: plus Organizations discovery and sts:AssumeRole")
      ->check(CLI::IsMember({"member", "management"}));
  cmd->add_option("--role-name", options->role_name, "Member role name (default View360ReadOnly)");
  cmd->add_option("--bucket", options->bucket, "Landing bucket: adds s3:PutObject on it");
  cmd->add_option("--prefix", options->prefix, "Key prefix inside the bucket");
  cmd->add_option("--kms-key", options->kms_key,
                  "KMS key ARN for SSE-KMS: adds kms:GenerateDataKey");
  cmd->callback([action, options] {
    *action = [options] {
      std::cout << collect::IamPolicy(*options).dump(2) << '\n';
      return OkStatus();
    };
  });
}

}  // namespace view360::cli
