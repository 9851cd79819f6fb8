// Cost Explorer GetCostAndUsage: the daily cost model summed per period (DAILY or MONTHLY) and
// per group (up to two DIMENSION / TAG / COST_CATEGORY keys), after the request's filter. Every
// figure is a sum of the same integer line-item days, so totals, months and groups agree exactly.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "sim/services/cost_internal.h"

namespace view360::sim::cost {
namespace {

// Where a metric's figure comes from.
enum class Source { kCost, kNet, kQuantity, kNormalized };
constexpr size_t kSources = 4;

struct MetricSpec {
  std::string_view name;
  Source source;
};
constexpr MetricSpec kMetrics[] = {{"UnblendedCost", Source::kCost},
                                   {"BlendedCost", Source::kCost},
                                   {"AmortizedCost", Source::kCost},
                                   {"NetUnblendedCost", Source::kNet},
                                   {"NetAmortizedCost", Source::kNet},
                                   {"UsageQuantity", Source::kQuantity},
                                   {"NormalizedUsageAmount", Source::kNormalized}};

// Dimensions Cost Explorer accepts in GroupBy.
constexpr std::string_view kGroupDimensions[] = {"AZ",
                                                 "INSTANCE_TYPE",
                                                 "LEGAL_ENTITY_NAME",
                                                 "INVOICING_ENTITY",
                                                 "LINKED_ACCOUNT",
                                                 "OPERATION",
                                                 "PLATFORM",
                                                 "PURCHASE_TYPE",
                                                 "SERVICE",
                                                 "TENANCY",
                                                 "RECORD_TYPE",
                                                 "USAGE_TYPE",
                                                 "REGION",
                                                 "DATABASE_ENGINE",
                                                 "BILLING_ENTITY"};

struct GroupSpec {
  std::string type;  // DIMENSION, TAG, COST_CATEGORY.
  std::string key;
};

// "NoInstanceType" for a line without an INSTANCE_TYPE, as Cost Explorer labels it.
std::string NoValue(std::string_view dimension) {
  if (dimension == "AZ") return "NoAZ";
  std::string out = "No";
  bool upper = true;
  for (char c : dimension) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      upper = false;
    }
  }
  return out;
}

std::string GroupKey(const GroupSpec& spec, const Attributes& attributes) {
  if (spec.type == "DIMENSION") {
    std::string value = attributes.dimension(spec.key);
    return value.empty() ? NoValue(spec.key) : value;
  }
  if (spec.type == "TAG") return spec.key + "$" + attributes.tag(spec.key).value_or("");
  return spec.key + "$";  // No cost categories are defined.
}

struct Request {
  Period span;
  std::vector<Period> periods;
  std::vector<const MetricSpec*> metrics;
  std::vector<GroupSpec> groups;
  Filter filter;
  std::array<bool, kSources> needed{};  // The sources the metrics read (cost always: it tells
                                        // whether a group has data).
};

std::variant<Request, Reply> ParseRequest(const ApiCall& call) {
  Request request;
  request.needed[static_cast<size_t>(Source::kCost)] = true;
  auto span = ParseTimePeriod(call);
  if (auto* error = std::get_if<Reply>(&span)) return *error;
  request.span = std::get<Period>(span);
  auto granularity = ParseGranularity(call, /*required=*/true);
  if (auto* error = std::get_if<Reply>(&granularity)) return *error;
  request.periods = SplitPeriods(request.span, std::get<Granularity>(granularity));

  const auto metrics = call.params.value("Metrics", nlohmann::json::array());
  if (!metrics.is_array() || metrics.empty()) {
    return ValidationError(call,
                           "Metrics must contain at least one of: AmortizedCost, "
                           "BlendedCost, NetAmortizedCost, NetUnblendedCost, "
                           "NormalizedUsageAmount, UnblendedCost, UsageQuantity");
  }
  for (const auto& name : metrics) {
    const std::string text = name.is_string() ? name.get<std::string>() : name.dump();
    const auto* spec = std::find_if(std::begin(kMetrics), std::end(kMetrics),
                                    [&](const MetricSpec& m) { return m.name == text; });
    if (spec == std::end(kMetrics)) {
      return ValidationError(call, "Invalid metric name " + text +
                                       ". Valid metrics are "
                                       "AmortizedCost, BlendedCost, NetAmortizedCost, "
                                       "NetUnblendedCost, NormalizedUsageAmount, UnblendedCost, "
                                       "UsageQuantity");
    }
    request.metrics.push_back(spec);
    request.needed[static_cast<size_t>(spec->source)] = true;
  }

  const auto group_by = call.params.value("GroupBy", nlohmann::json::array());
  if (group_by.size() > 2) {
    return ValidationError(call, "You can only group by up to two dimensions or tags");
  }
  for (const auto& group : group_by) {
    GroupSpec spec{group.value("Type", ""), group.value("Key", "")};
    if (spec.type == "DIMENSION" &&
        std::find(std::begin(kGroupDimensions), std::end(kGroupDimensions), spec.key) ==
            std::end(kGroupDimensions)) {
      return ValidationError(call,
                             "Group Definition dimension is invalid. Valid values are AZ, "
                             "INSTANCE_TYPE, LEGAL_ENTITY_NAME, INVOICING_ENTITY, "
                             "LINKED_ACCOUNT, OPERATION, PLATFORM, PURCHASE_TYPE, SERVICE, "
                             "TENANCY, RECORD_TYPE, USAGE_TYPE, REGION, DATABASE_ENGINE, "
                             "BILLING_ENTITY");
    }
    if ((spec.type != "DIMENSION" && spec.type != "TAG" && spec.type != "COST_CATEGORY") ||
        spec.key.empty()) {
      return ValidationError(call,
                             "Group Definition requires a Type (DIMENSION, TAG or "
                             "COST_CATEGORY) and a Key");
    }
    request.groups.push_back(std::move(spec));
  }

  auto filter = Filter::Parse(call, "Filter");
  if (auto* error = std::get_if<Reply>(&filter)) return *error;
  request.filter = std::get<Filter>(std::move(filter));
  return request;
}

// The sums of one group: per period, per source.
struct GroupSums {
  std::vector<std::array<Units, kSources>> periods;
  std::string unit;  // The group's usage unit, "N/A" when mixed.
};

nlohmann::json MetricsJson(const Request& request, const std::array<Units, kSources>& sums,
                           const std::string& usage_unit) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto* metric : request.metrics) {
    const auto source = static_cast<size_t>(metric->source);
    std::string unit = "USD";
    if (metric->source == Source::kQuantity) unit = usage_unit.empty() ? "N/A" : usage_unit;
    if (metric->source == Source::kNormalized) unit = "N/A";
    out[std::string(metric->name)] = {{"Amount", FormatUnits(sums[source])}, {"Unit", unit}};
  }
  return out;
}

Reply GetCostAndUsage(const ApiCall& call) {
  if (auto denied = CostExplorerDenied(call)) return *denied;
  auto parsed = ParseRequest(call);
  if (auto* error = std::get_if<Reply>(&parsed)) return *error;
  const Request& request = std::get<Request>(parsed);

  std::map<std::vector<std::string>, GroupSums> groups;
  std::map<std::string, std::string> account_names;  // For DimensionValueAttributes.
  const bool by_account = std::any_of(request.groups.begin(), request.groups.end(),
                                      [](const GroupSpec& g) { return g.key == "LINKED_ACCOUNT"; });
  // Per account: each touched group's line bases per series, then times the series' multiplier
  // sums per period.
  using SeriesBases = std::array<std::array<Units, kSources>, kSeries>;
  std::vector<std::pair<GroupSums*, SeriesBases>> touched;
  std::array<std::vector<int64_t>, kSeries> multipliers;

  ForEachAccount(call, request.filter,
                 [&](const AccountCosts& costs, const std::vector<const LineItem*>& lines) {
                   if (std::max(request.span.start, costs.first_day) >=
                       std::min(request.span.end, costs.last_day)) {
                     return;
                   }
                   touched.clear();
                   for (const LineItem* item : lines) {
                     std::vector<std::string> key;
                     if (!request.groups.empty()) {
                       const Attributes attributes = costs.AttributesOf(*item);
                       for (const auto& spec : request.groups)
                         key.push_back(GroupKey(spec, attributes));
                     }
                     GroupSums& sums = groups[key];
                     if (sums.periods.empty()) {
                       sums.periods.resize(request.periods.size(), std::array<Units, kSources>{});
                       sums.unit = std::string(item->unit);
                     } else if (sums.unit != item->unit) {
                       sums.unit = "N/A";
                     }
                     auto it = std::find_if(touched.begin(), touched.end(), [&](const auto& entry) {
                       return entry.first == &sums;
                     });
                     if (it == touched.end())
                       it = touched.insert(touched.end(), {&sums, SeriesBases{}});
                     auto& bases = it->second[static_cast<size_t>(item->series)];
                     bases[0] += item->cost;
                     bases[1] += item->net;
                     bases[2] += item->quantity;
                     bases[3] += item->normalized;
                   }
                   if (by_account) account_names.emplace(costs.account.id, costs.account.name);
                   for (auto& series : multipliers) series.clear();
                   for (const auto& [sums, bases] : touched) {
                     for (int s = 0; s < kSeries; ++s) {
                       const auto& base = bases[static_cast<size_t>(s)];
                       if (base[0] == 0) continue;
                       auto& per_period = multipliers[static_cast<size_t>(s)];
                       if (per_period.empty()) {
                         for (const auto& period : request.periods) {
                           per_period.push_back(costs.MultiplierSum(s, period));
                         }
                       }
                       for (size_t p = 0; p < request.periods.size(); ++p) {
                         for (size_t k = 0; k < kSources; ++k)
                           sums->periods[p][k] += base[k] * per_period[p];
                       }
                     }
                   }
                 });

  const Day month_start = MonthStart(call.today());
  nlohmann::json results = nlohmann::json::array();
  for (size_t p = 0; p < request.periods.size(); ++p) {
    nlohmann::json result = {{"TimePeriod", PeriodJson(request.periods[p])},
                             {"Total", nlohmann::json::object()},
                             {"Groups", nlohmann::json::array()},
                             {"Estimated", request.periods[p].end > month_start}};
    if (request.groups.empty()) {
      const auto it = groups.find({});
      result["Total"] = MetricsJson(
          request, it == groups.end() ? std::array<Units, kSources>{} : it->second.periods[p],
          it == groups.end() ? "N/A" : it->second.unit);
    } else {
      for (const auto& [keys, sums] : groups) {
        if (sums.periods[p][0] == 0) continue;  // No line of the group billed in this period.
        result["Groups"].push_back(
            {{"Keys", keys}, {"Metrics", MetricsJson(request, sums.periods[p], sums.unit)}});
      }
    }
    results.push_back(std::move(result));
  }
  nlohmann::json output = {{"ResultsByTime", std::move(results)},
                           {"DimensionValueAttributes", nlohmann::json::array()}};
  if (!request.groups.empty()) {
    output["GroupDefinitions"] = nlohmann::json::array();
    for (const auto& spec : request.groups) {
      output["GroupDefinitions"].push_back({{"Type", spec.type}, {"Key", spec.key}});
    }
  }
  for (const auto& [id, name] : account_names) {
    output["DimensionValueAttributes"].push_back(
        {{"Value", id}, {"Attributes", {{"description", name}}}});
  }
  return Ok(std::move(output));
}

}  // namespace

void RegisterCostAndUsage(HandlerTable& table) {
  table.Add("ce", "GetCostAndUsage", GetCostAndUsage);
}

}  // namespace view360::sim::cost
