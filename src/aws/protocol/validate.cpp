// Parameter validation before serialisation, as botocore's ParamValidator does it.
#include "aws/protocol/internal.h"

namespace view360::aws::internal {
namespace {

constexpr size_t kMaxReported = 10;

class Validator {
 public:
  void Value(const ShapeRef& ref, const Json& value, const std::string& path) {
    const Shape& shape = *ref.shape;
    switch (shape.type) {
      case ShapeType::kStructure:
        if (shape.document) return;
        if (!value.is_object()) return TypeError(path, value, "an object");
        return Structure(shape, value, path);
      case ShapeType::kList:
        if (!value.is_array()) return TypeError(path, value, "a list");
        for (size_t i = 0; i < value.size(); ++i) {
          Value(shape.member, value[i], path + "[" + std::to_string(i) + "]");
        }
        return;
      case ShapeType::kMap:
        if (!value.is_object()) return TypeError(path, value, "an object (map)");
        for (const auto& [key, item] : value.items()) {
          Value(shape.value, item, path + "." + key);
        }
        return;
      case ShapeType::kString:
        if (!value.is_string()) return TypeError(path, value, "a string");
        return;
      case ShapeType::kInteger:
      case ShapeType::kLong:
        if (!value.is_number_integer()) return TypeError(path, value, "an integer");
        return;
      case ShapeType::kFloat:
      case ShapeType::kDouble:
        if (!value.is_number()) return TypeError(path, value, "a number");
        return;
      case ShapeType::kBoolean:
        if (!value.is_boolean()) return TypeError(path, value, "a boolean");
        return;
      case ShapeType::kTimestamp:
        if (!ParseTimestampParam(value)) {
          return TypeError(path, value, "a timestamp (ISO-8601 string or epoch seconds)");
        }
        return;
      case ShapeType::kBlob:
        if (!value.is_string() && !value.is_binary()) {
          return TypeError(path, value, "a blob (string or binary)");
        }
        return;
    }
  }

  void Structure(const Shape& shape, const Json& value, const std::string& path) {
    for (const auto& [key, item] : value.items()) {
      if (shape.FindMember(key) == nullptr) {
        std::string valid;
        for (const Member& m : shape.members) valid += (valid.empty() ? "" : ", ") + m.name;
        Add("unknown parameter " + Join(path, key) + " (valid parameters: " + valid + ")");
      }
    }
    size_t set = 0;
    for (const Member& m : shape.members) {
      auto it = value.find(m.name);
      const bool present = it != value.end() && !it->is_null();
      if (!present) {
        if (m.required) Add("missing required parameter " + Join(path, m.name));
        continue;
      }
      ++set;
      Value(m.ref, *it, Join(path, m.name));
    }
    if (shape.is_union && set != 1) {
      Add("parameter " + (path.empty() ? std::string("input") : path) +
          " must have exactly one member set, has " + std::to_string(set));
    }
  }

  const std::vector<std::string>& errors() const { return errors_; }

 private:
  static std::string Join(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "." + name;
  }

  void TypeError(const std::string& path, const Json& value, const char* expected) {
    Add("invalid type for parameter " + path + ": expected " + expected + ", got " +
        value.type_name());
  }

  void Add(std::string error) {
    if (errors_.size() < kMaxReported) errors_.push_back(std::move(error));
  }

  std::vector<std::string> errors_;
};

}  // namespace

Status ValidateParams(const ServiceModel& model, const Operation& op, const Json& params) {
  Validator validator;
  const std::string where = model.metadata().service_name + " " + op.name;
  if (!params.is_null() && !params.is_object()) {
    return InvalidArgumentError("parameters of " + where + " must be a JSON object, got " +
                                params.type_name());
  }
  if (!op.input) {
    if (params.is_object() && !params.empty()) {
      return InvalidArgumentError(where + " takes no parameters, got " + params.begin().key());
    }
    return OkStatus();
  }
  validator.Structure(*op.input->shape, params.is_object() ? params : Json::object(), "");
  if (validator.errors().empty()) return OkStatus();
  std::string message = "invalid parameters for " + where + ": ";
  for (size_t i = 0; i < validator.errors().size(); ++i) {
    if (i > 0) message += "; ";
    message += validator.errors()[i];
  }
  return InvalidArgumentError(message);
}

}  // namespace view360::aws::internal
