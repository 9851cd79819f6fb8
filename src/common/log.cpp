#include "common/log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <regex>

namespace view360 {
namespace {

// The %* flag: the log message as a JSON string body.
class JsonMessageFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string escaped = JsonEscape(std::string_view(msg.payload.data(), msg.payload.size()));
    dest.append(escaped.data(), escaped.data() + escaped.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

}  // namespace

Status InitLogging(std::string_view level, LogFormat format) {
  auto parsed = spdlog::level::from_str(std::string(level));
  // from_str maps unknown names to "off"; only accept "off" when it was asked for.
  if (parsed == spdlog::level::off && level != "off") {
    return InvalidArgumentError("unknown log level '" + std::string(level) +
                                "' (use trace, debug, info, warn, error, critical or off)");
  }
  auto logger = spdlog::stderr_color_mt("view360");
  spdlog::drop("view360");
  std::unique_ptr<spdlog::pattern_formatter> formatter;
  if (format == LogFormat::kJson) {
    formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<JsonMessageFlag>('*').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","msg":"%*"})");
  } else {
    formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
  }
  logger->set_formatter(std::move(formatter));
  logger->set_level(parsed);
  spdlog::set_default_logger(logger);
  return OkStatus();
}

std::string Redact(std::string_view text) {
  static const std::regex kConnInfoPassword(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+))",
                                            std::regex::icase);
  static const std::regex kUrlUserInfo(R"(([a-zA-Z][a-zA-Z0-9+.-]*://[^/:@\s]*:)[^@\s]*@)");
  static const std::regex kQuerySecret(
      R"(([?&]([\w-]*-)?(password|token|secret|signature)=)[^&\s]*)", std::regex::icase);
  std::string out(text);
  out = std::regex_replace(out, kConnInfoPassword, "$1***");
  out = std::regex_replace(out, kUrlUserInfo, "$1***@");
  out = std::regex_replace(out, kQuerySecret, "$1***");
  return out;
}

std::string JsonEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static const char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

}  // namespace view360
