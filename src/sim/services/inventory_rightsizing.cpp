// EC2 instance sizes and prices for Compute Optimizer's rightsizing: the size ladder of a
// family, the newer-generation and Graviton equivalents of a type, and an approximate on-demand
// Linux price (us-east-1 list prices of the .large size, September 2025, scaled by vCPUs).
#include <array>
#include <optional>
#include <utility>

#include "sim/services/inventory_internal.h"

namespace view360::sim {
namespace {

struct Family {
  std::string_view name;
  double large_hourly;  // USD per hour for <family>.large.
};

constexpr std::array<Family, 22> kFamilies{{
    {"t2", 0.0928},  {"t3", 0.0832},  {"t3a", 0.0752}, {"t4g", 0.0672}, {"m5", 0.096},
    {"m5a", 0.086},  {"m6i", 0.096},  {"m6a", 0.0864}, {"m6g", 0.077},  {"m7g", 0.0816},
    {"m7i", 0.1008}, {"c5", 0.085},   {"c6i", 0.085},  {"c6a", 0.0765}, {"c6g", 0.068},
    {"c7g", 0.0725}, {"c7i", 0.0893}, {"r5", 0.126},   {"r6i", 0.126},  {"r6g", 0.1008},
    {"r7g", 0.1071}, {"r7i", 0.1323},
}};

// Sizes in ladder order with their vCPU ratio to .large.
constexpr std::array<std::pair<std::string_view, double>, 12> kSizes{{
    {"nano", 1.0 / 16},
    {"micro", 1.0 / 8},
    {"small", 1.0 / 4},
    {"medium", 1.0 / 2},
    {"large", 1},
    {"xlarge", 2},
    {"2xlarge", 4},
    {"4xlarge", 8},
    {"8xlarge", 16},
    {"12xlarge", 24},
    {"16xlarge", 32},
    {"24xlarge", 48},
}};

constexpr double kUnknownFamilyHourly = 0.1;

// Burstable families go from nano to 2xlarge; the others from large up.
std::pair<size_t, size_t> LadderOf(std::string_view family) {
  if (family.starts_with("t")) return {0, 6};
  return {4, kSizes.size() - 1};
}

std::pair<std::string_view, std::string_view> Split(std::string_view type) {
  const size_t dot = type.find('.');
  if (dot == std::string_view::npos) return {type, ""};
  return {type.substr(0, dot), type.substr(dot + 1)};
}

std::optional<size_t> SizeIndex(std::string_view size) {
  for (size_t i = 0; i < kSizes.size(); ++i) {
    if (kSizes[i].first == size) return i;
  }
  return std::nullopt;
}

std::string Join(std::string_view family, std::string_view size) {
  return std::string(family) + "." + std::string(size);
}

}  // namespace

double HourlyPrice(std::string_view instance_type) {
  const auto [family, size] = Split(instance_type);
  const auto index = SizeIndex(size);
  const double ratio = index ? kSizes[*index].second : 1;
  for (const auto& f : kFamilies) {
    if (f.name == family) return f.large_hourly * ratio;
  }
  return kUnknownFamilyHourly * ratio;
}

double VcpuRatio(std::string_view from_type, std::string_view to_type) {
  const auto from = SizeIndex(Split(from_type).second);
  const auto to = SizeIndex(Split(to_type).second);
  if (!from || !to) return 1;
  return kSizes[*from].second / kSizes[*to].second;
}

std::string ResizedType(std::string_view instance_type, int steps) {
  const auto [family, size] = Split(instance_type);
  const auto index = SizeIndex(size);
  if (!index) return "";
  const auto [lo, hi] = LadderOf(family);
  const auto target = static_cast<int64_t>(*index) + steps;
  if (target < static_cast<int64_t>(lo) || target > static_cast<int64_t>(hi)) return "";
  return Join(family, kSizes[static_cast<size_t>(target)].first);
}

std::string NewerGenerationType(std::string_view instance_type) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kNext{{
      {"t2", "t3"},
      {"t3", "t3a"},
      {"m5", "m6i"},
      {"m6i", "m7i"},
      {"c5", "c6i"},
      {"c6i", "c7i"},
      {"r5", "r6i"},
      {"r6i", "r7i"},
  }};
  const auto [family, size] = Split(instance_type);
  for (const auto& [from, to] : kNext) {
    if (from == family) return Join(to, size);
  }
  return "";
}

std::string GravitonType(std::string_view instance_type) {
  const auto [family, size] = Split(instance_type);
  if (family.empty()) return "";
  switch (family.front()) {
    case 't':
      return Join("t4g", size);
    case 'm':
      return Join("m7g", size);
    case 'c':
      return Join("c7g", size);
    case 'r':
      return Join("r7g", size);
    default:
      return "";
  }
}

}  // namespace view360::sim
