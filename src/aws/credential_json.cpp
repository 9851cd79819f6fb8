// The one translation unit of the credential sources that includes nlohmann/json.
#include <cmath>
#include <nlohmann/json.hpp>

#include "aws/credential_internal.h"

namespace view360::aws::internal {

Result<std::map<std::string, std::string>> ParseFlatJsonObject(std::string_view text) {
  // Without exceptions: a parse_error's what() quotes the input, which may hold a secret.
  const nlohmann::json parsed =
      nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return InvalidArgumentError("the text is not valid JSON");
  if (!parsed.is_object()) return InvalidArgumentError("the JSON is not an object");
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : parsed.items()) {
    if (value.is_string()) {
      out[key] = value.get_ref<const std::string&>();
    } else if (value.is_number_integer()) {
      out[key] = value.is_number_unsigned() ? std::to_string(value.get<uint64_t>())
                                            : std::to_string(value.get<int64_t>());
    } else if (value.is_number_float()) {
      const double number = value.get<double>();
      if (std::isfinite(number) && number == std::trunc(number) && std::fabs(number) < 1e15) {
        out[key] = std::to_string(static_cast<int64_t>(number));
      } else {
        out[key] = value.dump();
      }
    }
  }
  return out;
}

}  // namespace view360::aws::internal
