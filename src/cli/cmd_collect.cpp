// view360 collect: the sender. Push (this account, its own credentials) or pull (--org or
// --accounts-file: every account through an assumed role), for one period or a backfill,
// landing one document per account, region and period in a directory or an S3 bucket.
//
// Settings come from flags, then the original sender's environment (REGION, BUCKET,
// ANALYTICS_KMS_KEY, CUSTOMER, PARTNER, CATEGORY, ENVIRONMENT, PRODUCT), then the config file's
// `collect:` section, then defaults (docs/collect.md).
#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aws/credential_chain.h"
#include "aws/session.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "collect/accounts.h"
#include "collect/category.h"
#include "collect/run.h"
#include "store/object_store.h"

namespace view360::cli {
namespace {

using collect::AccountList;
using collect::RunSummary;

struct CollectOptions {
  // Period.
  std::string interval;
  std::string date;
  bool history = false;
  std::string start, end;
  std::string event;  // The original's event JSON, or @file.
  // What and where.
  std::string regions;
  std::string categories;
  std::string out;
  std::string kms_key;
  std::string customer, partner, category, environment, product;
  // Pull.
  bool org = false;
  std::string accounts_file;
  std::string role_name;
  std::string external_id;
  std::vector<std::string> include_ous, skip_ous, skip_accounts;
  int parallel_accounts = 0;
  int max_in_flight = 0;
  std::string fail_on;
  // AWS.
  aws::SessionOptions session;
  int max_attempts = 0;
  bool no_rate_limit = false;
};

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// The config file's `collect:` section, as strings (lists joined with ',').
Result<std::map<std::string, std::string>> ReadCollectSection(const std::string& path) {
  std::map<std::string, std::string> out;
  if (path.empty()) return out;
  try {
    YAML::Node root = YAML::LoadFile(path);
    YAML::Node section = root ? root["collect"] : YAML::Node();
    if (!section) return out;
    if (!section.IsMap()) return InvalidArgumentError(path + ": collect must be a map");
    for (const auto& item : section) {
      const std::string key = item.first.as<std::string>();
      if (item.second.IsSequence()) {
        std::string joined;
        for (const auto& v : item.second)
          joined += (joined.empty() ? "" : ",") + v.as<std::string>();
        out[key] = joined;
      } else if (item.second.IsScalar()) {
        out[key] = item.second.as<std::string>();
      } else {
        return InvalidArgumentError(path + ": collect." + key + " must be a value or a list");
      }
    }
  } catch (const YAML::Exception& e) {
    return InvalidArgumentError("config file '" + path + "': " + e.what());
  }
  return out;
}

std::optional<std::string> Tag(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return value;
}

// The periods to collect: --history/--event backfill, or one period.
Result<std::vector<collect::Window>> ResolveWindows(const CollectOptions& o,
                                                    collect::Interval interval) {
  bool history = o.history;
  std::string start = o.start, end = o.end;
  if (!o.event.empty()) {
    std::string text = o.event;
    if (text.front() == '@') {
      std::ifstream in(text.substr(1));
      if (!in) return InvalidArgumentError("cannot read event file " + text.substr(1));
      std::stringstream b;
      b << in.rdbuf();
      text = b.str();
    }
    auto event = nlohmann::json::parse(text, nullptr, false);
    if (event.is_discarded() || !event.is_object()) {
      return InvalidArgumentError("--event must be a JSON object");
    }
    // The original: history is JSON true or exactly the string "True".
    const auto h = event.find("history");
    if (h != event.end() && ((h->is_boolean() && h->get<bool>()) || *h == "True")) {
      history = true;
      if (start.empty() && event.contains("start") && event["start"].is_string())
        start = event["start"];
      if (end.empty() && event.contains("end") && event["end"].is_string()) end = event["end"];
    }
  }
  if (!history) {
    collect::Day day = collect::TodayUtc();
    if (!o.date.empty()) {
      VIEW360_ASSIGN_OR_RETURN(day, collect::ParseEventDay(o.date));
    }
    return std::vector<collect::Window>{collect::WindowFor(interval, day)};
  }
  collect::Day last = collect::TodayUtc();
  if (!end.empty()) {
    VIEW360_ASSIGN_OR_RETURN(last, collect::ParseEventDay(end));
  }
  collect::Day first = std::chrono::year_month_day(last).year() / std::chrono::January / 1;
  if (!start.empty()) {
    VIEW360_ASSIGN_OR_RETURN(first, collect::ParseEventDay(start));
  }
  if (first > last) return InvalidArgumentError("--start " + start + " is after --end " + end);
  return collect::BackfillWindows(interval, first, last);
}

struct Landing {
  std::unique_ptr<aws::AwsClient> s3_client;
  std::unique_ptr<store::ObjectStore> store;
};

Result<Landing> OpenLanding(const std::string& out, const std::string& kms_key,
                            aws::AwsSession& session) {
  Landing landing;
  store::StoreOptions options;
  options.kms_key_id = kms_key;
  if (out.rfind("s3://", 0) == 0) {
    landing.s3_client = session.Client();
    options.s3_client = landing.s3_client.get();
  }
  VIEW360_ASSIGN_OR_RETURN(landing.store, store::OpenStore(out, options));
  return landing;
}

nlohmann::json SummaryJson(const RunSummary& s, const std::string& out) {
  nlohmann::json accounts = nlohmann::json::array();
  for (const auto& a : s.accounts) {
    accounts.push_back({{"account_id", a.account.id},
                        {"name", a.account.name},
                        {"status", a.status},
                        {"reason", a.reason},
                        {"documents", a.documents},
                        {"failed_categories", a.failed_categories},
                        {"api_calls", a.calls},
                        {"throttled", a.throttled},
                        {"retries", a.retries},
                        {"cost_explorer_requests", a.cost_explorer_requests},
                        {"seconds", a.seconds}});
  }
  return {{"out", out},
          {"documents", s.documents},
          {"accounts_total", s.accounts.size()},
          {"ok", s.Count("ok")},
          {"partial", s.Count("partial")},
          {"failed", s.Count("failed")},
          {"skipped", s.Count("skipped")},
          {"api_calls", s.calls},
          {"throttled", s.throttled},
          {"retries", s.retries},
          {"cost_explorer_requests", s.cost_explorer_requests},
          {"seconds", s.seconds},
          {"accounts", accounts}};
}

void PrintSummary(const RunSummary& s, const std::string& out) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : s.accounts) {
    std::string why = a.reason;
    if (!a.failed_categories.empty()) {
      std::string cats;
      for (const auto& c : a.failed_categories) cats += (cats.empty() ? "" : ",") + c;
      why = "failed: " + cats + (why.empty() ? "" : " (" + why + ")");
    }
    if (why.size() > 120) why = why.substr(0, 117) + "...";
    rows.push_back({a.account.id, a.account.name, a.status, std::to_string(a.documents),
                    std::to_string(a.calls), why});
  }
  PrintTable({"ACCOUNT", "NAME", "STATUS", "DOCS", "CALLS", "WHY"}, rows);
  std::cout << "\n"
            << s.documents << " documents in " << out << " · " << s.Count("ok") << " ok, "
            << s.Count("partial") << " partial, " << s.Count("failed") << " failed, "
            << s.Count("skipped") << " skipped · " << s.calls << " API calls ("
            << s.cost_explorer_requests << " Cost Explorer), " << s.throttled << " throttled · "
            << FormatDuration(s.seconds) << '\n';
}

Status RunCollect(const Context& context, CollectOptions o) {
  const std::string config_path = FirstOf(context.flags.config_file, Env("VIEW360_CONFIG"));
  VIEW360_ASSIGN_OR_RETURN(auto file, ReadCollectSection(config_path));
  auto setting = [&](const std::string& flag, const char* env, const char* key) {
    return FirstOf(flag, env ? Env(env) : std::string(), file[key]);
  };

  VIEW360_ASSIGN_OR_RETURN(auto interval, collect::ParseInterval(FirstOf(
                                              o.interval, file["interval"], std::string("DAILY"))));
  VIEW360_ASSIGN_OR_RETURN(auto windows, ResolveWindows(o, interval));

  collect::RunOptions run;
  run.windows = windows;
  run.tags.customer = Tag(setting(o.customer, "CUSTOMER", "customer"));
  run.tags.partner = Tag(setting(o.partner, "PARTNER", "partner"));
  run.tags.category = Tag(setting(o.category, "CATEGORY", "category"));
  run.tags.environment = Tag(setting(o.environment, "ENVIRONMENT", "environment"));
  run.tags.product = Tag(setting(o.product, "PRODUCT", "product"));
  run.categories = SplitList(FirstOf(o.categories, file["categories"]));
  for (const auto& name : run.categories) {
    if (!collect::FindCategory(name)) {
      return InvalidArgumentError("unknown category '" + name + "' (see view360 collect --help)");
    }
  }
  run.parallel_accounts =
      o.parallel_accounts > 0
          ? o.parallel_accounts
          : std::atoi(FirstOf(file["parallel_accounts"], std::string("8")).c_str());

  std::string out =
      FirstOf(o.out, Env("BUCKET").empty() ? std::string() : "s3://" + Env("BUCKET"), file["out"],
              file["bucket"].empty() ? std::string() : "s3://" + file["bucket"],
              std::string("./view360-data"));
  const std::string kms_key = setting(o.kms_key, "ANALYTICS_KMS_KEY", "kms_key");

  aws::SessionOptions session_options = o.session;
  const std::vector<std::string> regions =
      SplitList(FirstOf(o.regions, Env("REGION"), file["regions"], file["region"]));
  if (session_options.region.empty() && !regions.empty()) session_options.region = regions.front();
  session_options.retry.max_attempts =
      o.max_attempts > 0 ? o.max_attempts
                         : std::atoi(FirstOf(file["max_attempts"], std::string("8")).c_str());
  session_options.rate_limit = !o.no_rate_limit;
  session_options.max_in_flight_per_account =
      o.max_in_flight > 0 ? o.max_in_flight
                          : std::atoi(FirstOf(file["max_in_flight"], std::string("16")).c_str());
  VIEW360_ASSIGN_OR_RETURN(auto session, aws::AwsSession::Create(session_options));
  run.regions = regions.empty() ? std::vector<std::string>{session->region()} : regions;

  VIEW360_ASSIGN_OR_RETURN(auto landing, OpenLanding(out, kms_key, *session));

  const bool pull = o.org || !o.accounts_file.empty();
  run.mode = pull ? "pull" : "push";
  AccountList accounts;
  collect::OpenAccount open;
  const std::vector<std::string> skip_accounts =
      o.skip_accounts.empty() ? SplitList(file["skip_accounts"]) : o.skip_accounts;
  std::shared_ptr<aws::CredentialsProvider> base(&session->credentials(),
                                                 [](aws::CredentialsProvider*) {});
  if (pull) {
    if (!o.accounts_file.empty()) {
      VIEW360_ASSIGN_OR_RETURN(accounts, collect::ReadAccountsFile(o.accounts_file, skip_accounts));
    } else {
      collect::DiscoveryOptions discovery;
      discovery.include_ous =
          o.include_ous.empty() ? SplitList(file["include_ous"]) : o.include_ous;
      discovery.skip_ous = o.skip_ous.empty() ? SplitList(file["skip_ous"]) : o.skip_ous;
      discovery.skip_accounts = skip_accounts;
      auto org_client = session->Client();
      VIEW360_ASSIGN_OR_RETURN(accounts, collect::DiscoverAccounts(*org_client, discovery));
    }
    for (const auto& excluded : accounts.excluded_regions) {
      std::erase(run.regions, excluded);
    }
    const std::string role_name =
        FirstOf(o.role_name, file["role_name"], std::string("View360ReadOnly"));
    const std::string external_id = FirstOf(o.external_id, Env("EXTERNAL_ID"), file["external_id"]);
    aws::AwsSession* raw = session.get();
    open = [raw, base, role_name, external_id](const collect::AccountInfo& account)
        -> Result<std::unique_ptr<collect::AccountClients>> {
      aws::AssumeRoleParams params;
      params.role_arn =
          aws::RoleArn(account.id, account.role_name.empty() ? role_name : account.role_name);
      params.role_session_name = "view360-" + account.id;
      if (!external_id.empty()) params.external_id = external_id;
      auto provider = std::make_shared<aws::AssumeRoleProvider>(base, raw->sts(), params);
      if (auto check = provider->Get(); !check.ok()) {
        return Status(check.status().code(),
                      "cannot assume " + params.role_arn + ": " + check.status().message(),
                      check.status().reason());
      }
      return std::make_unique<collect::AccountClients>(
          [raw, provider, id = account.id](const std::string& region) {
            return raw->AssumeRoleClient(provider, id, region);
          });
    };
  } else {
    auto sts = session->Client();
    VIEW360_ASSIGN_OR_RETURN(auto identity,
                             sts->Call("sts", "GetCallerIdentity", nlohmann::json::object()));
    collect::AccountInfo self;
    self.id = identity.value("Account", "");
    accounts.accounts.push_back(self);
    aws::AwsSession* raw = session.get();
    open = [raw](const collect::AccountInfo&) -> Result<std::unique_ptr<collect::AccountClients>> {
      return std::make_unique<collect::AccountClients>(
          [raw](const std::string& region) { return raw->Client(region); });
    };
  }

  store::ObjectStore& store = *landing.store;
  collect::LandDocument land = [&store](const collect::CollectedDocument& document) {
    return store.Put(document.key, document.body);
  };

  ProgressLine line;
  collect::OnProgress progress = [&line](const collect::ProgressUpdate& u) {
    const double rate = u.elapsed_seconds > 0 ? u.calls / u.elapsed_seconds : 0;
    std::string eta = "-";
    if (u.documents > 0 && u.documents_total > u.documents) {
      eta = FormatDuration(u.elapsed_seconds * (u.documents_total - u.documents) / u.documents);
    }
    char text[256];
    std::snprintf(text, sizeof text,
                  "accounts %d/%d · documents %d/%d · %.0f calls/s · %lld throttled · ETA %s",
                  u.accounts_done, u.accounts_total, u.documents, u.documents_total, rate,
                  static_cast<long long>(u.throttled), eta.c_str());
    line.Show(text, u.accounts_done == u.accounts_total);
  };
  spdlog::info("collecting {} account(s) x {} region(s) x {} period(s) into {}",
               accounts.accounts.size(), run.regions.size(), run.windows.size(), out);
  const RunSummary summary = collect::RunCollection(accounts, run, open, land, progress);
  line.Clear();

  if (context.json()) {
    std::cout << SummaryJson(summary, out).dump() << '\n';
  } else {
    PrintSummary(summary, out);
  }
  const std::string fail_on = FirstOf(o.fail_on, file["fail_on"], std::string("none"));
  if (fail_on == "partial" && (summary.Count("partial") + summary.Count("failed")) > 0) {
    return Status(StatusCode::kFailedPrecondition,
                  std::to_string(summary.Count("partial") + summary.Count("failed")) +
                      " account(s) partial or failed (--fail-on partial)");
  }
  if (fail_on == "failed" && summary.Count("failed") > 0) {
    return Status(StatusCode::kFailedPrecondition, std::to_string(summary.Count("failed")) +
                                                       " account(s) failed (--fail-on failed)");
  }
  return OkStatus();
}

}  // namespace

void RegisterCollectCommand(CLI::App& app, Context& context, Action* action) {
  auto o = std::make_shared<CollectOptions>();
  auto* cmd = app.add_subcommand(
      "collect",
      "Collect the 16 View360 categories and land one document per account, region and period");
  cmd->add_option("--interval", o->interval, "DAILY (default), WEEKLY, MONTHLY or YEARLY");
  cmd->add_option("--date", o->date, "The day to collect for (YYYY-MM-DD; default today, UTC)");
  cmd->add_flag("--history", o->history, "Backfill: one document per period from --start to --end");
  cmd->add_option("--start", o->start, "Backfill start (YYYY-MM-DD or D-M-YYYY)");
  cmd->add_option("--end", o->end, "Backfill end, inclusive (default today)");
  cmd->add_option("--event", o->event,
                  "The original sender's event JSON (or @file), e.g. "
                  "'{\"history\": true, \"start\": \"5-9-2025\", \"end\": \"10-9-2025\"}'");
  cmd->add_option("--regions", o->regions,
                  "Regions to collect, comma-separated; the first is the home region, where "
                  "account-wide categories are collected (default: REGION, the config, the "
                  "session's region)");
  cmd->add_option("--categories", o->categories, "Only these categories (comma-separated)");
  cmd->add_option("--out", o->out,
                  "Where documents land: a directory (default ./view360-data) or "
                  "s3://bucket/prefix (default s3://$BUCKET when BUCKET is set)");
  cmd->add_option("--kms-key", o->kms_key, "KMS key for SSE-KMS on S3 (default ANALYTICS_KMS_KEY)");
  cmd->add_option("--customer", o->customer, "account.customer_name (default CUSTOMER)");
  cmd->add_option("--partner", o->partner, "account.partner_name (default PARTNER)");
  cmd->add_option("--category", o->category, "account.category (default CATEGORY)");
  cmd->add_option("--environment", o->environment, "account.account_type (default ENVIRONMENT)");
  cmd->add_option("--product", o->product, "account.product, comma-separated (default PRODUCT)");
  cmd->add_flag("--org", o->org, "Pull: every ACTIVE account of the AWS Organization");
  cmd->add_option("--accounts-file", o->accounts_file,
                  "Pull: the accounts listed in this file (JSON list, the inventory system's "
                  "accounts.json, or one id per line)");
  cmd->add_option("--role-name", o->role_name,
                  "Pull: role assumed in each account (default View360ReadOnly)");
  cmd->add_option("--external-id", o->external_id,
                  "Pull: ExternalId for AssumeRole (default EXTERNAL_ID)");
  cmd->add_option("--include-ou", o->include_ous, "Pull: only accounts below this OU (repeatable)");
  cmd->add_option("--skip-ou", o->skip_ous, "Pull: not the accounts below this OU (repeatable)");
  cmd->add_option("--skip-account", o->skip_accounts, "Pull: not this account (repeatable)");
  cmd->add_option("--parallel-accounts", o->parallel_accounts,
                  "Accounts collected at once (default 8)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-in-flight", o->max_in_flight,
                  "API calls in flight per account (default 16)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--fail-on", o->fail_on,
                  "Exit non-zero when an account is: partial (or failed), failed; default none")
      ->check(CLI::IsMember({"none", "partial", "failed"}));
  cmd->add_option("--region", o->session.region,
                  "Region of the session (default: the first of --regions)");
  cmd->add_option("--profile", o->session.profile, "Profile of ~/.aws/config");
  cmd->add_option("--endpoint-url", o->session.endpoint_url,
                  "Send every AWS call here (view360 sim, moto)");
  cmd->add_option("--max-attempts", o->max_attempts, "Attempts per AWS call (default 8)")
      ->check(CLI::Range(1, 20));
  cmd->add_flag("--no-rate-limit", o->no_rate_limit, "No client-side token buckets");
  cmd->callback(
      [&context, action, o] { *action = [&context, o] { return RunCollect(context, *o); }; });
}

}  // namespace view360::cli
