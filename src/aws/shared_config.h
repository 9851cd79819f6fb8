// The shared AWS config and credentials files, read the way botocore reads them, and the settings
// taken from them and from the environment (profile name, region).
//
// The config file (AWS_CONFIG_FILE, default ~/.aws/config) holds profiles in sections
// "[default]" and "[profile NAME]" (NAME is split like a shell word, so [profile "my dev"] works);
// other sections ("[sso-session x]", "[services x]", ...) are not profiles and are ignored here.
// The credentials file (AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials) holds sections
// "[NAME]". Both follow Python's configparser as botocore sets it up (RawConfigParser, strict):
//   - a line whose first non-blank character is '#' or ';' is a comment; a '#' after a value is
//     part of the value (no inline comments);
//   - keys are case-insensitive (lower-cased), section names are not; '=' or ':' separates a key
//     from its value, and blanks around both are dropped;
//   - a line indented deeper than its key continues that key's value; a value that starts on the
//     next line is a sub-section of "key = value" lines ("s3 =\n  max_concurrent_requests = 10");
//   - "[DEFAULT]" holds values every section inherits;
//   - a duplicate section or key in one file, a key before any section, or a line without '=' or
//     ':' makes the whole file invalid (InvalidArgument naming the file and line, never its text).
// A profile merges both files, the credentials file winning key by key (botocore's full_config).
//
// Thread-safety: SharedConfig and the other types are plain values, immutable once built.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace view360::aws {

// Looks up an environment variable: nullopt when unset, "" when set to nothing. The seam that lets
// tests run the credential chain and region lookup without touching the real environment.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// The process environment (getenv).
EnvLookup ProcessEnvironment();

// One section of an INI file.
struct IniSection {
  std::map<std::string, std::string, std::less<>> values;  // Lower-cased key -> value.
  // Nested blocks: "s3 =\n  addressing_style = path" -> subsections["s3"]["addressing_style"].
  std::map<std::string, std::map<std::string, std::string>, std::less<>> subsections;

  // The value of `key` (lower-case), if present (an empty value is present).
  std::optional<std::string> Get(std::string_view key) const;
  bool Has(std::string_view key) const { return values.find(key) != values.end(); }
};

struct IniFile {
  std::vector<std::pair<std::string, IniSection>> sections;  // In file order; names unique.

  const IniSection* Find(std::string_view name) const;
};

// Parses INI text as described above. file_name only names the file in error messages.
Result<IniFile> ParseIni(std::string_view text, std::string_view file_name);

// Splits a command line into words like Python's shlex.split (POSIX rules, no comments): blanks
// separate words, '...' is literal, "..." allows \" and \\, a backslash outside quotes escapes the
// next character. InvalidArgument for an unclosed quote or a trailing backslash.
Result<std::vector<std::string>> ShellSplit(std::string_view text);

struct SharedConfigFiles {
  std::string config_file;       // Absolute or relative path; empty: no config file.
  std::string credentials_file;  // Empty: no credentials file.
};

// AWS_CONFIG_FILE or ~/.aws/config, AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials, with
// $VAR, ${VAR} and a leading ~ expanded (HOME, else the password database) as botocore does.
SharedConfigFiles DefaultSharedConfigFiles(const EnvLookup& env);

// A profile's settings, from both files merged.
struct Profile {
  std::string name;
  IniSection settings;

  std::optional<std::string> Get(std::string_view key) const { return settings.Get(key); }
  bool Has(std::string_view key) const { return settings.Has(key); }
};

class SharedConfig {
 public:
  SharedConfig() = default;

  // Reads and parses both files. A file that does not exist counts as empty (as in botocore);
  // InvalidArgument for a malformed file, PermissionDenied or FailedPrecondition for one that
  // exists but cannot be read (botocore silently skips it; we say so).
  static Result<SharedConfig> Load(const SharedConfigFiles& files);
  // From file contents; `files` only names them in messages and in Describe-style sources.
  static Result<SharedConfig> Parse(std::string_view config_text, std::string_view credentials_text,
                                    SharedConfigFiles files = {"config", "credentials"});

  const SharedConfigFiles& files() const { return files_; }
  // The profile's section in the config file ([default] or [profile NAME]); nullptr when none.
  // When both [default] and [profile default] exist the later one wins, as in botocore.
  const IniSection* ConfigSection(std::string_view profile) const;
  // The [NAME] section of the credentials file; nullptr when none.
  const IniSection* CredentialsSection(std::string_view profile) const;
  // Both merged, the credentials file winning key by key; nullopt when neither file has it.
  std::optional<Profile> GetProfile(std::string_view name) const;
  // Every profile name in either file, sorted.
  std::vector<std::string> ProfileNames() const;

 private:
  SharedConfigFiles files_;
  std::map<std::string, IniSection, std::less<>> config_profiles_;
  std::map<std::string, IniSection, std::less<>> credentials_profiles_;
};

// The profile to use: `explicit_profile` (--profile) when not empty, else AWS_PROFILE, else
// AWS_DEFAULT_PROFILE, else "default". This is the AWS CLI v2 order; botocore on its own checks
// AWS_DEFAULT_PROFILE first. Empty variables count as unset.
std::string ResolveProfileName(const EnvLookup& env, std::string_view explicit_profile = {});

// The region: `explicit_region` (--region) when not empty, else AWS_REGION, else
// AWS_DEFAULT_REGION, else the profile's `region`; nullopt when none is set. The AWS CLI v2 order
// (botocore alone does not read AWS_REGION). Empty values count as unset.
std::optional<std::string> ResolveRegion(const EnvLookup& env, const Profile* profile,
                                         std::string_view explicit_region = {});

}  // namespace view360::aws
