#include "sim/shape_check.h"

namespace view360::sim {
namespace {

std::string Walk(const aws::Shape* shape, const nlohmann::json& value, const std::string& path) {
  if (!shape || shape->document || value.is_null()) return "";
  switch (shape->type) {
    case aws::ShapeType::kStructure:
      if (!value.is_object()) return "";
      for (const auto& [key, member_value] : value.items()) {
        const aws::Member* member = shape->FindMember(key);
        const std::string member_path = path.empty() ? key : path + "." + key;
        if (!member) return member_path;
        if (auto bad = Walk(member->ref.shape, member_value, member_path); !bad.empty()) {
          return bad;
        }
      }
      return "";
    case aws::ShapeType::kList:
      if (!value.is_array()) return "";
      for (size_t i = 0; i < value.size(); ++i) {
        auto bad = Walk(shape->member.shape, value[i], path + "[" + std::to_string(i) + "]");
        if (!bad.empty()) return bad;
      }
      return "";
    case aws::ShapeType::kMap:
      if (!value.is_object()) return "";
      for (const auto& [key, item] : value.items()) {
        if (auto bad = Walk(shape->value.shape, item, path + "." + key); !bad.empty()) return bad;
      }
      return "";
    default:
      return "";
  }
}

}  // namespace

std::string UnknownMembers(const aws::ServiceModel& model, std::string_view operation,
                           const nlohmann::json& output) {
  const aws::Operation* op = model.FindOperation(operation);
  if (!op || !op->output) return output.empty() ? "" : "(operation has no output)";
  return Walk(op->output->shape, output, "");
}

}  // namespace view360::sim
