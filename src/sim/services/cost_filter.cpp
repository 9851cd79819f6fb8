// Cost Explorer's filter Expression (And, Or, Not, Dimensions, Tags, CostCategories): parsed
// once per request, evaluated per billing line or reservation.
#include <algorithm>
#include <cctype>

#include "sim/services/cost_internal.h"

namespace view360::sim::cost {

struct Filter::Node {
  enum class Kind { kAnd, kOr, kNot, kDimension, kTag, kCostCategory } kind = Kind::kAnd;
  std::vector<Node> children;
  std::string key;
  std::vector<std::string> values;
  bool absent = false, starts = false, ends = false, contains = false, insensitive = false;
};

namespace {

using Node = Filter::Node;

constexpr std::string_view kRoots[] = {"And", "Or", "Not", "Dimensions", "Tags", "CostCategories"};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Parses `json` into `node`; on failure returns the message of the ValidationException.
std::optional<std::string> ParseNode(const nlohmann::json& json, Node& node) {
  if (!json.is_object()) return "Expression must be an object";
  int roots = 0;
  for (auto root : kRoots) roots += json.contains(root) ? 1 : 0;
  if (roots != 1) {
    return roots == 0 ? "Expression is empty: one of And, Or, Not, Dimensions, Tags or "
                        "CostCategories is required"
                      : "Expression has more than one roots. Only one root operator is allowed "
                        "for each expression: And, Or, Not, Dimensions, Tags, CostCategories";
  }
  if (json.contains("And") || json.contains("Or")) {
    const bool is_and = json.contains("And");
    node.kind = is_and ? Node::Kind::kAnd : Node::Kind::kOr;
    const auto& list = json[is_and ? "And" : "Or"];
    if (!list.is_array() || list.size() < 2) {
      return std::string(is_and ? "And" : "Or") + " expression must have at least 2 operands";
    }
    for (const auto& child : list) {
      node.children.emplace_back();
      if (auto error = ParseNode(child, node.children.back())) return error;
    }
    return std::nullopt;
  }
  if (json.contains("Not")) {
    node.kind = Node::Kind::kNot;
    node.children.emplace_back();
    return ParseNode(json["Not"], node.children.back());
  }
  const char* root = json.contains("Dimensions") ? "Dimensions"
                     : json.contains("Tags")     ? "Tags"
                                                 : "CostCategories";
  node.kind = root[0] == 'D'   ? Node::Kind::kDimension
              : root[0] == 'T' ? Node::Kind::kTag
                               : Node::Kind::kCostCategory;
  const auto& body = json[root];
  if (!body.is_object() || !body.value("Key", nlohmann::json()).is_string()) {
    return std::string(root) + " must have a Key";
  }
  node.key = body["Key"].get<std::string>();
  for (const auto& option : body.value("MatchOptions", nlohmann::json::array())) {
    const std::string name = option.is_string() ? option.get<std::string>() : "";
    if (name == "ABSENT")
      node.absent = true;
    else if (name == "STARTS_WITH")
      node.starts = true;
    else if (name == "ENDS_WITH")
      node.ends = true;
    else if (name == "CONTAINS")
      node.contains = true;
    else if (name == "CASE_INSENSITIVE")
      node.insensitive = true;
    else if (name != "EQUALS" && name != "CASE_SENSITIVE") {
      return "MatchOptions contain not allowed match option: " + name;
    }
  }
  for (const auto& value : body.value("Values", nlohmann::json::array())) {
    if (value.is_string()) node.values.push_back(value.get<std::string>());
  }
  if (node.values.empty() && !node.absent) {
    return std::string(root) + " " + node.key + " must have Values";
  }
  return std::nullopt;
}

bool ValueMatches(const Node& node, std::string_view actual) {
  const std::string have = node.insensitive ? Lower(actual) : std::string(actual);
  for (const auto& wanted_raw : node.values) {
    if (wanted_raw == "*") return true;  // The View360 probe's "any usage type".
    const std::string wanted = node.insensitive ? Lower(wanted_raw) : wanted_raw;
    if (node.starts && have.starts_with(wanted)) return true;
    if (node.ends && have.ends_with(wanted)) return true;
    if (node.contains && have.find(wanted) != std::string::npos) return true;
    if (!node.starts && !node.ends && !node.contains && have == wanted) return true;
  }
  return false;
}

bool Evaluate(const Node& node, const Attributes& record) {
  switch (node.kind) {
    case Node::Kind::kAnd:
      return std::all_of(node.children.begin(), node.children.end(),
                         [&](const Node& c) { return Evaluate(c, record); });
    case Node::Kind::kOr:
      return std::any_of(node.children.begin(), node.children.end(),
                         [&](const Node& c) { return Evaluate(c, record); });
    case Node::Kind::kNot:
      return !Evaluate(node.children.front(), record);
    case Node::Kind::kDimension: {
      const std::string value = record.dimension(node.key);
      if (node.absent && value.empty()) return true;
      return !value.empty() && ValueMatches(node, value);
    }
    case Node::Kind::kTag: {
      const auto value = record.tag(node.key);
      if (!value) return node.absent;
      return ValueMatches(node, *value);
    }
    case Node::Kind::kCostCategory:
      return node.absent;  // No cost categories are defined.
  }
  return false;
}

}  // namespace

std::variant<Filter, Reply> Filter::Parse(const ApiCall& call, std::string_view name) {
  Filter filter;
  const auto it = call.params.find(name);
  if (it == call.params.end() || it->is_null()) return filter;
  auto root = std::make_shared<Node>();
  if (auto error = ParseNode(*it, *root)) return ValidationError(call, *error);
  filter.root_ = std::move(root);
  return filter;
}

bool Filter::Matches(const Attributes& record) const {
  return root_ == nullptr || Evaluate(*root_, record);
}

std::optional<std::vector<std::string>> Filter::ExactValues(std::string_view dimension) const {
  if (root_ == nullptr) return std::nullopt;
  const auto exact = [&](const Node& node) -> std::optional<std::vector<std::string>> {
    if (node.kind != Node::Kind::kDimension || node.key != dimension || node.absent ||
        node.starts || node.ends || node.contains || node.insensitive ||
        std::find(node.values.begin(), node.values.end(), "*") != node.values.end()) {
      return std::nullopt;
    }
    return node.values;
  };
  if (root_->kind != Node::Kind::kAnd) return exact(*root_);
  for (const auto& child : root_->children) {
    if (auto values = exact(child)) return values;
  }
  return std::nullopt;
}

}  // namespace view360::sim::cost
