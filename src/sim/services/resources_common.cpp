// Helpers shared by the simulated resource services (resources_internal.h).
#include <algorithm>

#include "sim/services/resources_internal.h"

namespace view360::sim::resources {

std::vector<std::string> StringList(const ApiCall& call, std::string_view name) {
  std::vector<std::string> out;
  auto it = call.params.find(name);
  if (it == call.params.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

bool WildcardMatch(std::string_view pattern, std::string_view text) {
  // Iterative glob match with backtracking to the last '*'.
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::variant<Ec2Filters, Reply> Ec2Filters::Parse(const ApiCall& call,
                                                  std::initializer_list<std::string_view> known) {
  Ec2Filters out;
  auto it = call.params.find("Filters");
  if (it == call.params.end() || !it->is_array()) return out;
  for (const auto& filter : *it) {
    const std::string name = filter.value("Name", "");
    const bool tag = name.starts_with("tag:") || name == "tag-key";
    if (!tag && std::find(known.begin(), known.end(), name) == known.end()) {
      return AwsError(400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
    }
    std::vector<std::string> values;
    if (auto v = filter.find("Values"); v != filter.end() && v->is_array()) {
      for (const auto& value : *v) {
        if (value.is_string()) values.push_back(value.get<std::string>());
      }
    }
    out.filters_.emplace_back(name, std::move(values));
  }
  return out;
}

bool Ec2Filters::Pass(const std::map<std::string, std::string, std::less<>>& attributes,
                      const Tags& tags) const {
  for (const auto& [name, values] : filters_) {
    const auto any = [&](std::string_view text) {
      return std::any_of(values.begin(), values.end(),
                         [&](const std::string& pattern) { return WildcardMatch(pattern, text); });
    };
    bool passed = false;
    if (name == "tag-key") {
      passed =
          std::any_of(tags.begin(), tags.end(), [&](const auto& tag) { return any(tag.first); });
    } else if (name.starts_with("tag:")) {
      auto tag = tags.find(name.substr(4));
      passed = tag != tags.end() && any(tag->second);
    } else {
      auto attribute = attributes.find(name);
      passed = attribute != attributes.end() && any(attribute->second);
    }
    if (!passed) return false;
  }
  return true;
}

std::string Uuid(Rng& rng) {
  std::string hex = rng.Hex(32);
  hex[12] = '4';
  hex[16] = "89ab"[rng.Next() % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string ManagedKeyArn(const ApiCall& call, std::string_view service) {
  Rng rng(call.world.seed(), {"managed-kms-key", call.account.id, call.region, service});
  return "arn:aws:kms:" + call.region + ":" + call.account.id + ":key/" + Uuid(rng);
}

std::string DerivedId(const ApiCall& call, std::string_view prefix, std::string_view seed_text,
                      int digits) {
  Rng rng(call.world.seed(), {"derived-id", call.account.id, prefix, seed_text});
  return std::string(prefix) + rng.Hex(digits);
}

}  // namespace view360::sim::resources
