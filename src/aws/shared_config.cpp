#include "aws/shared_config.h"

#include <pwd.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <set>

#include "aws/credential_internal.h"

namespace view360::aws {
namespace {

using internal::AsciiLower;
using internal::Trim;
using internal::TrimRight;

// configparser's DEFAULT section: its values are inherited by every section.
constexpr std::string_view kDefaultSection = "DEFAULT";

// configparser's NONSPACECRE: the index of the first non-blank character (tabs count as one).
size_t IndentOf(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f' ||
                             line[i] == '\v' || line[i] == '\r')) {
    ++i;
  }
  return i;
}

// Lines split like Python's universal newlines: \n, \r\n and \r all end a line.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

struct RawSection {
  std::string name;
  // Each option's value lines, joined once the file is read.
  std::vector<std::pair<std::string, std::vector<std::string>>> options;
};

Status ParseError(std::string_view file_name, size_t line_number, std::string_view what) {
  // Never the line's text: a malformed line may be "aws_secret_access_key SECRET".
  return InvalidArgumentError("cannot parse the AWS config file '" + std::string(file_name) +
                              "', line " + std::to_string(line_number) + ": " + std::string(what));
}

// botocore's _parse_nested: "key = value" lines (only '='), blank lines skipped.
Result<std::map<std::string, std::string>> ParseNested(std::string_view value) {
  std::map<std::string, std::string> out;
  for (std::string_view line : SplitLines(value)) {
    line = Trim(line);
    if (line.empty()) continue;
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgumentError("a line of a nested block has no '='");
    }
    out[std::string(Trim(line.substr(0, eq)))] = std::string(Trim(line.substr(eq + 1)));
  }
  return out;
}

// "$VAR", "${VAR}" (unknown ones left as they are), then a leading "~": os.path.expandvars and
// os.path.expanduser, as botocore applies them to AWS_CONFIG_FILE and friends.
std::string ExpandPath(std::string_view path, const EnvLookup& env) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '$' || i + 1 >= path.size()) {
      out += path[i];
      continue;
    }
    size_t name_start = i + 1, name_end;
    const bool braced = path[name_start] == '{';
    if (braced) {
      ++name_start;
      name_end = path.find('}', name_start);
      if (name_end == std::string_view::npos) {
        out += path[i];
        continue;
      }
    } else {
      name_end = name_start;
      while (name_end < path.size() &&
             (std::isalnum(static_cast<unsigned char>(path[name_end])) || path[name_end] == '_')) {
        ++name_end;
      }
    }
    const std::string_view name = path.substr(name_start, name_end - name_start);
    const auto value = name.empty() ? std::nullopt : env(name);
    const size_t token_end = braced ? name_end + 1 : name_end;
    if (value) {
      out += *value;
    } else {
      out += path.substr(i, token_end - i);
    }
    i = token_end - 1;
  }
  if (out == "~" || out.starts_with("~/")) {
    std::string home = env("HOME").value_or("");
    if (home.empty()) {
      struct passwd pwd {};
      struct passwd* found = nullptr;
      std::vector<char> buf(16384);
      if (getpwuid_r(getuid(), &pwd, buf.data(), buf.size(), &found) == 0 && found != nullptr) {
        home = found->pw_dir;
      }
    }
    if (!home.empty()) {
      if (home.size() > 1 && home.back() == '/') home.pop_back();
      out = home + out.substr(1);
    }
  }
  return out;
}

// A profile name from a config-file section name, as botocore's build_profile_map: "default",
// or a name that starts with "profile" and splits into exactly two shell words.
std::optional<std::string> ConfigProfileName(const std::string& section) {
  if (section == "default") return section;
  if (!section.starts_with("profile")) return std::nullopt;
  auto words = ShellSplit(section);
  if (!words.ok() || words->size() != 2) return std::nullopt;
  return (*words)[1];
}

}  // namespace

EnvLookup ProcessEnvironment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::optional<std::string> IniSection::Get(std::string_view key) const {
  const auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

const IniSection* IniFile::Find(std::string_view name) const {
  for (const auto& [section_name, section] : sections) {
    if (section_name == name) return &section;
  }
  return nullptr;
}

// Follows configparser.RawConfigParser._read with its defaults (strict, empty_lines_in_values,
// comment prefixes '#' and ';', no inline comments, delimiters '=' and ':').
Result<IniFile> ParseIni(std::string_view text, std::string_view file_name) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // A UTF-8 byte order mark.
  std::vector<RawSection> sections;
  RawSection defaults;
  RawSection* current = nullptr;
  std::vector<std::string>* option_lines = nullptr;  // The option being read, for continuations.
  size_t indent_level = 0;
  std::set<std::string> seen_options;  // "section\nkey" within this file.
  std::optional<Status> first_error;

  const auto lines = SplitLines(text);
  for (size_t index = 0; index < lines.size(); ++index) {
    const std::string_view line = lines[index];
    const size_t line_number = index + 1;
    const std::string_view stripped = Trim(line);
    const bool comment = stripped.starts_with('#') || stripped.starts_with(';');
    const std::string_view value = comment ? std::string_view() : stripped;
    if (value.empty()) {
      // A blank line inside a value is kept (it does not end the value); a comment is dropped.
      if (!comment && option_lines != nullptr) option_lines->emplace_back();
      continue;
    }
    const size_t indent = IndentOf(line);
    if (current != nullptr && option_lines != nullptr && indent > indent_level) {
      option_lines->emplace_back(value);
      continue;
    }
    indent_level = indent;
    // A section header: '[' then the longest run up to a ']' (configparser's "very permissive"
    // \[(?P<header>.+)\], matched at the start of the line).
    const size_t close = value.rfind(']');
    if (value.front() == '[' && close != std::string_view::npos && close > 1) {
      const std::string name(value.substr(1, close - 1));
      option_lines = nullptr;
      if (name == kDefaultSection) {
        current = &defaults;
        continue;
      }
      for (const auto& section : sections) {
        if (section.name == name) {
          return ParseError(file_name, line_number, "the section [" + name + "] appears twice");
        }
      }
      sections.push_back(RawSection{name, {}});
      current = &sections.back();
      continue;
    }
    if (current == nullptr) {
      return ParseError(file_name, line_number,
                        "a setting comes before any [section] header (start the file with "
                        "[default] or [profile NAME])");
    }
    const size_t delimiter = value.find_first_of("=:");
    const std::string key = delimiter == std::string_view::npos
                                ? ""
                                : AsciiLower(TrimRight(value.substr(0, delimiter)));
    if (key.empty()) {
      // configparser reads on and reports every bad line at the end; the first one is enough.
      if (!first_error) {
        first_error = ParseError(file_name, line_number,
                                 delimiter == std::string_view::npos
                                     ? "expected 'key = value', found no '=' or ':'"
                                     : "a setting has no name before its '=' or ':'");
      }
      continue;
    }
    if (!seen_options.insert(current->name + "\n" + key).second) {
      return ParseError(file_name, line_number,
                        "the setting '" + key + "' appears twice in [" + current->name + "]");
    }
    current->options.emplace_back(
        key, std::vector<std::string>{std::string(Trim(value.substr(delimiter + 1)))});
    option_lines = &current->options.back().second;
    // `sections` may grow and move; a later header resets option_lines before that matters.
  }
  if (first_error) return *first_error;

  IniFile file;
  const auto convert = [&](const RawSection& raw, IniSection& out) -> Status {
    for (const auto& [key, value_lines] : raw.options) {
      std::string joined;
      for (size_t i = 0; i < value_lines.size(); ++i) {
        if (i > 0) joined += '\n';
        joined += value_lines[i];
      }
      joined = std::string(TrimRight(joined));
      if (joined.starts_with('\n')) {
        auto nested = ParseNested(joined);
        if (!nested.ok()) {
          return InvalidArgumentError("cannot parse the AWS config file '" +
                                      std::string(file_name) + "': in [" + raw.name +
                                      "], the nested block '" + key + "' has a line without '='");
        }
        out.values.erase(key);
        out.subsections[key] = std::move(nested).value();
      } else {
        out.subsections.erase(key);
        out.values[key] = std::move(joined);
      }
    }
    return OkStatus();
  };
  IniSection inherited;
  VIEW360_RETURN_IF_ERROR(convert(defaults, inherited));
  for (const auto& raw : sections) {
    IniSection section = inherited;
    VIEW360_RETURN_IF_ERROR(convert(raw, section));
    file.sections.emplace_back(raw.name, std::move(section));
  }
  return file;
}

Result<std::vector<std::string>> ShellSplit(std::string_view text) {
  enum class State { kPlain, kSingle, kDouble };
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  State state = State::kPlain;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (state) {
      case State::kPlain:
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
          if (in_word) words.push_back(std::move(word));
          word.clear();
          in_word = false;
        } else if (c == '\\') {
          if (i + 1 >= text.size())
            return InvalidArgumentError("a backslash ends the command line");
          word += text[++i];
          in_word = true;
        } else if (c == '\'') {
          state = State::kSingle;
          in_word = true;
        } else if (c == '"') {
          state = State::kDouble;
          in_word = true;
        } else {
          word += c;
          in_word = true;
        }
        break;
      case State::kSingle:
        if (c == '\'') {
          state = State::kPlain;
        } else {
          word += c;
        }
        break;
      case State::kDouble:
        if (c == '"') {
          state = State::kPlain;
        } else if (c == '\\') {
          if (i + 1 >= text.size()) return InvalidArgumentError("a quotation is not closed");
          const char next = text[++i];
          if (next != '"' && next != '\\') word += '\\';
          word += next;
        } else {
          word += c;
        }
        break;
    }
  }
  if (state != State::kPlain) return InvalidArgumentError("a quotation is not closed");
  if (in_word) words.push_back(std::move(word));
  return words;
}

SharedConfigFiles DefaultSharedConfigFiles(const EnvLookup& env) {
  const auto pick = [&](std::string_view variable, std::string_view fallback) {
    auto value = env(variable);
    return ExpandPath(value && !value->empty() ? std::string_view(*value) : fallback, env);
  };
  return SharedConfigFiles{pick("AWS_CONFIG_FILE", "~/.aws/config"),
                           pick("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")};
}

Result<SharedConfig> SharedConfig::Load(const SharedConfigFiles& files) {
  const auto read = [](const std::string& path) -> Result<std::string> {
    if (path.empty()) return std::string();
    auto text = internal::ReadTextFile(path);
    if (!text.ok() && text.status().code() == StatusCode::kNotFound) return std::string();
    if (!text.ok()) return text.status().WithContext("reading the AWS shared config");
    return text;
  };
  VIEW360_ASSIGN_OR_RETURN(const std::string config_text, read(files.config_file));
  VIEW360_ASSIGN_OR_RETURN(const std::string credentials_text, read(files.credentials_file));
  return Parse(config_text, credentials_text, files);
}

Result<SharedConfig> SharedConfig::Parse(std::string_view config_text,
                                         std::string_view credentials_text,
                                         SharedConfigFiles files) {
  VIEW360_ASSIGN_OR_RETURN(IniFile config, ParseIni(config_text, files.config_file));
  VIEW360_ASSIGN_OR_RETURN(IniFile credentials, ParseIni(credentials_text, files.credentials_file));
  SharedConfig out;
  out.files_ = std::move(files);
  for (auto& [name, section] : config.sections) {
    // Later sections win ([default] then [profile default], or the reverse), as botocore's dict.
    if (auto profile = ConfigProfileName(name)) out.config_profiles_[*profile] = std::move(section);
  }
  for (auto& [name, section] : credentials.sections) {
    out.credentials_profiles_[name] = std::move(section);
  }
  return out;
}

const IniSection* SharedConfig::ConfigSection(std::string_view profile) const {
  const auto it = config_profiles_.find(profile);
  return it == config_profiles_.end() ? nullptr : &it->second;
}

const IniSection* SharedConfig::CredentialsSection(std::string_view profile) const {
  const auto it = credentials_profiles_.find(profile);
  return it == credentials_profiles_.end() ? nullptr : &it->second;
}

std::optional<Profile> SharedConfig::GetProfile(std::string_view name) const {
  const IniSection* config = ConfigSection(name);
  const IniSection* credentials = CredentialsSection(name);
  if (config == nullptr && credentials == nullptr) return std::nullopt;
  Profile profile{std::string(name), config ? *config : IniSection{}};
  if (credentials != nullptr) {
    // A top-level dict.update() in botocore: a key from the credentials file replaces the config
    // file's value or block of the same name.
    for (const auto& [key, value] : credentials->values) {
      profile.settings.subsections.erase(key);
      profile.settings.values[key] = value;
    }
    for (const auto& [key, block] : credentials->subsections) {
      profile.settings.values.erase(key);
      profile.settings.subsections[key] = block;
    }
  }
  return profile;
}

std::vector<std::string> SharedConfig::ProfileNames() const {
  std::set<std::string> names;
  for (const auto& [name, section] : config_profiles_) names.insert(name);
  for (const auto& [name, section] : credentials_profiles_) names.insert(name);
  return {names.begin(), names.end()};
}

std::string ResolveProfileName(const EnvLookup& env, std::string_view explicit_profile) {
  if (!explicit_profile.empty()) return std::string(explicit_profile);
  for (const char* variable : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE"}) {
    if (auto value = env(variable); value && !value->empty()) return *value;
  }
  return "default";
}

std::optional<std::string> ResolveRegion(const EnvLookup& env, const Profile* profile,
                                         std::string_view explicit_region) {
  if (!explicit_region.empty()) return std::string(explicit_region);
  for (const char* variable : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (auto value = env(variable); value && !value->empty()) return *value;
  }
  if (profile != nullptr) {
    if (auto region = profile->Get("region"); region && !region->empty()) return region;
  }
  return std::nullopt;
}

}  // namespace view360::aws
