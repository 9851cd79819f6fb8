// The default chain, and the profile-based sources it builds from the shared config (botocore's
// ProfileProviderBuilder and the config side of its AssumeRoleProvider).
#include "aws/credential_chain.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "aws/credential_internal.h"

namespace view360::aws {
namespace {

constexpr char kHowToConfigure[] =
    "To give View360 AWS credentials: run `aws configure` (keys in ~/.aws/credentials) or "
    "`aws configure sso`, export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pick a profile "
    "with --profile or AWS_PROFILE, or run where an IAM role is at hand (EC2 instance profile, "
    "ECS task role, EKS).";

// A provider that always answers the same status: a source that does not apply (kNotFound, with
// the reason the chain reports) or one configured wrongly.
class FixedStatusProvider final : public CredentialsProvider {
 public:
  explicit FixedStatusProvider(Status status) : status_(std::move(status)) {}
  Result<Credentials> Get() override { return status_; }

 private:
  const Status status_;
};

std::unique_ptr<CredentialsProvider> Answer(Status status) {
  return std::make_unique<FixedStatusProvider>(std::move(status));
}

// Builds its provider on first use, so that configuration errors surface from Get() as in
// botocore (and only when the chain gets that far). A failed build is retried at the next call.
class LazyProvider final : public CredentialsProvider {
 public:
  using Builder = std::function<Result<std::unique_ptr<CredentialsProvider>>()>;
  explicit LazyProvider(Builder builder) : builder_(std::move(builder)) {}

  Result<Credentials> Get() override {
    CredentialsProvider* provider;
    {
      std::lock_guard lock(mu_);
      if (!built_) {
        auto built = builder_();
        if (!built.ok()) return built.status();
        built_ = std::move(built).value();
      }
      provider = built_.get();
    }
    return provider->Get();
  }

 private:
  const Builder builder_;
  std::mutex mu_;
  std::unique_ptr<CredentialsProvider> built_;  // Guarded by mu_; never reset once set.
};

bool HasStaticKeys(const Profile& profile) {
  return profile.Has("aws_access_key_id") || profile.Has("aws_secret_access_key");
}

// botocore AssumeRoleProvider._has_assume_role_config_vars.
bool IsAssumeRoleProfile(const Profile& profile) {
  return profile.Has("role_arn") && !profile.Has("web_identity_token_file");
}

std::optional<std::string> NonEmpty(std::optional<std::string> value) {
  if (value && value->empty()) return std::nullopt;
  return value;
}

std::string JoinPath(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : " -> ") + name;
  return out;
}

// Everything the profile-based sources need, shared by the default chain and the source-profile
// chains of assume-role profiles.
struct Context {
  std::shared_ptr<const SharedConfig> config;
  EnvLookup env;
  NowFunction now;
  StsApi* sts = nullptr;
  Transport* transport = nullptr;
  ContainerOptions container;
};

std::unique_ptr<CredentialsProvider> MakeImdsProvider(const Context& context,
                                                      const Profile* profile) {
  if (context.transport == nullptr) return Answer(NotFoundError("no HTTP transport was given"));
  return std::make_unique<ImdsProvider>(ImdsOptions::FromEnvironment(context.env, profile),
                                        *context.transport, context.now);
}

std::unique_ptr<CredentialsProvider> MakeContainerProvider(const Context& context) {
  if (context.transport == nullptr) return Answer(NotFoundError("no HTTP transport was given"));
  return std::make_unique<ContainerProvider>(context.env, *context.transport, context.container,
                                             context.now);
}

// Web identity: the environment (unless disabled) then the profile, key by key, as botocore's
// AssumeRoleWithWebIdentityProvider._get_config.
std::unique_ptr<CredentialsProvider> MakeWebIdentityProvider(const Context& context,
                                                             const Profile& profile,
                                                             bool disable_env) {
  const auto setting = [&](const char* variable, const char* key) {
    if (!disable_env) {
      if (auto value = NonEmpty(context.env(variable))) return value;
    }
    return NonEmpty(profile.Get(key));
  };
  const bool token_from_env =
      !disable_env && NonEmpty(context.env("AWS_WEB_IDENTITY_TOKEN_FILE")).has_value();
  auto token_file = setting("AWS_WEB_IDENTITY_TOKEN_FILE", "web_identity_token_file");
  if (!token_file) {
    return Answer(NotFoundError(
        std::string(disable_env ? "" : "AWS_WEB_IDENTITY_TOKEN_FILE is not set and ") +
        "profile '" + profile.name + "' has no web_identity_token_file"));
  }
  WebIdentityConfig config;
  config.token_file = *token_file;
  config.role_arn = setting("AWS_ROLE_ARN", "role_arn").value_or("");
  config.role_session_name = setting("AWS_ROLE_SESSION_NAME", "role_session_name").value_or("");
  config.origin = token_from_env ? "environment" : "profile " + profile.name;
  if (context.sts == nullptr) {
    return Answer(FailedPreconditionError("web identity (" + config.origin +
                                          ") needs STS, and no STS client was given"));
  }
  return std::make_unique<WebIdentityProvider>(std::move(config), *context.sts, context.now);
}

// botocore ProfileProviderBuilder.providers: web identity, SSO, the credentials file's keys,
// credential_process, the config file's keys.
std::vector<CredentialChain::Link> ProfileLinks(const Context& context, const Profile& profile,
                                                bool disable_env) {
  const SharedConfig& config = *context.config;
  const std::string& name = profile.name;
  std::vector<CredentialChain::Link> links;
  links.push_back({"web identity", MakeWebIdentityProvider(context, profile, disable_env)});

  if (profile.Has("sso_account_id") || profile.Has("sso_role_name")) {
    links.push_back(
        {"IAM Identity Center (SSO)",
         Answer(FailedPreconditionError(
             "profile '" + name +
             "' uses IAM Identity Center (SSO), which View360 does not read yet: run `aws sso "
             "login --profile " +
             name +
             "` and give View360 a profile with `credential_process = aws configure "
             "export-credentials --profile " +
             name + " --format process`"))});
  } else {
    links.push_back(
        {"IAM Identity Center (SSO)",
         Answer(NotFoundError("profile '" + name + "' has no sso_account_id or sso_role_name"))});
  }

  const auto section = [](const IniSection* found) {
    return found ? std::optional<IniSection>(*found) : std::nullopt;
  };
  links.push_back({"credentials file",
                   std::make_unique<ProfileKeysProvider>(section(config.CredentialsSection(name)),
                                                         name, config.files().credentials_file)});

  if (auto command = profile.Get("credential_process")) {
    links.push_back(
        {"credential_process", std::make_unique<ProcessProvider>(*command, name, context.now)});
  } else {
    links.push_back({"credential_process",
                     Answer(NotFoundError("profile '" + name + "' has no credential_process"))});
  }

  links.push_back(
      {"config file", std::make_unique<ProfileKeysProvider>(section(config.ConfigSection(name)),
                                                            name, config.files().config_file)});
  return links;
}

// The provider of an assume-role profile, following source_profile links. `visited` holds the
// profiles already on the path, the first being the one the user chose (botocore's
// _visited_profiles).
Result<std::unique_ptr<CredentialsProvider>> BuildAssumeRole(const Context& context,
                                                             const std::string& name,
                                                             std::vector<std::string> visited) {
  const auto profile = context.config->GetProfile(name);
  if (!profile) return InternalError("profile '" + name + "' vanished from the shared config");
  const std::string where = "profile '" + name + "'";
  AssumeRoleParams params;
  params.role_arn = profile->Get("role_arn").value_or("");
  if (params.role_arn.empty()) return InvalidArgumentError(where + " has an empty role_arn");
  const auto source_profile = profile->Get("source_profile");
  const auto credential_source = profile->Get("credential_source");
  if (source_profile && credential_source) {
    return InvalidArgumentError(where +
                                " has both source_profile and credential_source: keep "
                                "one of them");
  }
  if (!source_profile && !credential_source) {
    return InvalidArgumentError(where +
                                " has a role_arn but neither source_profile nor "
                                "credential_source to assume it with");
  }
  if (profile->Has("mfa_serial")) {
    return FailedPreconditionError(
        where +
        " needs an MFA code (mfa_serial), and View360 cannot prompt for one: assume the "
        "role yourself (`aws sts assume-role ... --serial-number ... --token-code ...`) "
        "and export the keys, or use a profile without mfa_serial");
  }
  if (context.sts == nullptr) {
    return FailedPreconditionError(where + " assumes a role, and no STS client was given");
  }
  params.role_session_name = profile->Get("role_session_name").value_or("");
  params.external_id = profile->Get("external_id");
  if (auto duration = profile->Get("duration_seconds")) {
    try {
      size_t used = 0;
      const int seconds = std::stoi(*duration, &used);
      if (used != duration->size()) throw std::invalid_argument("trailing text");
      params.duration_seconds = seconds;
    } catch (const std::exception&) {
      // botocore ignores a duration_seconds that is not an integer; so do we, saying so.
      spdlog::warn("{}: duration_seconds is not an integer; using STS's default", where);
    }
  }

  std::shared_ptr<CredentialsProvider> base;
  if (credential_source) {
    // botocore CanonicalNameCredentialSourcer.is_supported: exact names.
    if (*credential_source == "Environment") {
      base = std::make_shared<EnvironmentProvider>(context.env, context.now);
    } else if (*credential_source == "Ec2InstanceMetadata") {
      base = MakeImdsProvider(context, &*profile);
    } else if (*credential_source == "EcsContainer") {
      base = MakeContainerProvider(context);
    } else {
      return InvalidArgumentError(where + ": credential_source '" + *credential_source +
                                  "' is not valid; use Environment, Ec2InstanceMetadata or "
                                  "EcsContainer");
    }
  } else {
    const std::string& source = *source_profile;
    const std::string& parent = name;
    const auto source_config = context.config->GetProfile(source);
    if (!source_config) {
      return InvalidArgumentError("the source_profile '" + source + "' of " + where +
                                  " does not exist");
    }
    // A profile may name itself to take keys from its own section (botocore allows this only
    // when it has static keys); any other repeat is a loop.
    if (std::find(visited.begin(), visited.end(), source) != visited.end() &&
        (source != parent || !HasStaticKeys(*source_config))) {
      visited.push_back(source);
      return InvalidArgumentError("the source_profile links loop: " + JoinPath(visited));
    }
    visited.push_back(source);
    if (HasStaticKeys(*source_config) || !IsAssumeRoleProfile(*source_config)) {
      // botocore: the source profile's own sources, without the environment.
      base = std::make_shared<CredentialChain>(
          ProfileLinks(context, *source_config, /*disable_env=*/true),
          "The source_profile '" + source + "' of " + where +
              " must have credentials (keys, credential_process or web identity).");
    } else {
      VIEW360_ASSIGN_OR_RETURN(base, BuildAssumeRole(context, source, std::move(visited)));
    }
  }
  return std::unique_ptr<CredentialsProvider>(std::make_unique<AssumeRoleProvider>(
      std::move(base), *context.sts, std::move(params), context.now));
}

}  // namespace

CredentialChain::CredentialChain(std::vector<Link> links, std::string help)
    : links_(std::move(links)), help_(std::move(help)) {}

Result<Credentials> CredentialChain::Get() {
  const auto selected = [&] {
    std::lock_guard lock(selected_mu_);
    return selected_;
  };
  if (CredentialsProvider* provider = selected()) return provider->Get();

  std::lock_guard resolving(resolve_mu_);
  if (CredentialsProvider* provider = selected()) return provider->Get();
  std::string tried;
  for (const Link& link : links_) {
    auto credentials = link.provider->Get();
    if (credentials.ok()) {
      std::lock_guard lock(selected_mu_);
      selected_ = link.provider.get();
      return credentials;
    }
    if (credentials.status().code() != StatusCode::kNotFound) {
      return credentials.status().WithContext(link.name);
    }
    tried += "\n  - " + link.name + ": " + credentials.status().message();
  }
  return NotFoundError("no AWS credentials found; tried, in order:" + tried + "\n" + help_);
}

Result<std::unique_ptr<CredentialsProvider>> DefaultCredentialChain(const ChainOptions& options) {
  Context context;
  context.env = options.env ? options.env : ProcessEnvironment();
  context.now = options.now ? options.now : SystemNow();
  context.sts = options.sts;
  context.transport = options.transport;
  context.container = options.container;

  const bool explicit_keys = !options.access_key_id.empty() || !options.secret_access_key.empty();
  if (options.access_key_id.empty() != options.secret_access_key.empty()) {
    return InvalidArgumentError(
        "explicit AWS credentials need both an access key id and a secret access key");
  }

  SharedConfigFiles files = DefaultSharedConfigFiles(context.env);
  if (!options.config_file.empty()) files.config_file = options.config_file;
  if (!options.credentials_file.empty()) files.credentials_file = options.credentials_file;
  VIEW360_ASSIGN_OR_RETURN(SharedConfig config, SharedConfig::Load(files));
  context.config = std::make_shared<const SharedConfig>(std::move(config));

  const bool explicit_profile = !options.profile.empty();
  const std::string profile_name = ResolveProfileName(context.env, options.profile);
  std::optional<Profile> profile = context.config->GetProfile(profile_name);
  if (!profile && profile_name != "default" && !explicit_keys) {
    std::string known;
    for (const auto& name : context.config->ProfileNames()) {
      known += (known.empty() ? "" : ", ") + name;
    }
    const std::string origin = explicit_profile ? "--profile"
                               : NonEmpty(context.env("AWS_PROFILE")).has_value()
                                   ? "AWS_PROFILE"
                                   : "AWS_DEFAULT_PROFILE";
    return InvalidArgumentError("the config profile '" + profile_name + "' (from " + origin +
                                ") could not be found in " + files.config_file + " or " +
                                files.credentials_file +
                                " (profiles there: " + (known.empty() ? "none" : known) + ")");
  }
  if (!profile) profile = Profile{profile_name, {}};

  std::vector<CredentialChain::Link> links;
  Credentials given;
  given.access_key_id = options.access_key_id;
  given.secret_access_key = options.secret_access_key;
  given.session_token = options.session_token;
  given.source = "explicit keys";
  links.push_back({"explicit keys", std::make_unique<StaticProvider>(std::move(given))});

  if (explicit_profile) {
    links.push_back(
        {"environment", Answer(NotFoundError("skipped: a profile was named explicitly (--profile), "
                                             "which takes precedence over AWS_ACCESS_KEY_ID"))});
  } else {
    links.push_back(
        {"environment", std::make_unique<EnvironmentProvider>(context.env, context.now)});
  }

  if (IsAssumeRoleProfile(*profile)) {
    links.push_back({"assume role (profile " + profile_name + ")",
                     std::make_unique<LazyProvider>([context, profile_name] {
                       return BuildAssumeRole(context, profile_name, {profile_name});
                     })});
  } else {
    links.push_back({"assume role", Answer(NotFoundError(
                                        "profile '" + profile_name +
                                        (profile->Has("role_arn")
                                             ? "' has a web_identity_token_file (see web identity)"
                                             : "' has no role_arn")))});
  }

  for (auto& link : ProfileLinks(context, *profile, /*disable_env=*/explicit_profile)) {
    links.push_back(std::move(link));
  }
  links.push_back({"container", MakeContainerProvider(context)});
  links.push_back({"EC2 instance metadata", MakeImdsProvider(context, &*profile)});
  return std::unique_ptr<CredentialsProvider>(
      std::make_unique<CredentialChain>(std::move(links), kHowToConfigure));
}

}  // namespace view360::aws
