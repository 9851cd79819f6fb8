// Helpers shared by the simulated resource services (resources_*.cpp): EC2-style request
// filters, list parameters, the day a call sees, and the ids and ARNs several services derive
// the same way.
//
// Internal to services/resources_*.cpp; may change with them. Pure functions; thread-safe.
#pragma once

#include <functional>
#include <initializer_list>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/handler.h"
#include "sim/resources.h"
#include "sim/world.h"

namespace view360::sim::resources {

// Registration of one service each (resources.cpp calls them all).
void RegisterEc2(HandlerTable& table);
void RegisterRds(HandlerTable& table);
void RegisterElbv2(HandlerTable& table);
void RegisterAutoScaling(HandlerTable& table);
void RegisterLambda(HandlerTable& table);
void RegisterCloudWatchStatistics(HandlerTable& table);

// The strings of list parameter `name` (absent: empty).
std::vector<std::string> StringList(const ApiCall& call, std::string_view name);

// EC2's Filters parameter, [{Name, Values}]: a resource passes when every filter has a value
// that matches one of the resource's values for that name ("*" and "?" wildcards, as EC2).
// "tag:<key>" matches the tag's value, "tag-key" any tag key.
class Ec2Filters {
 public:
  // The call's filters, or an InvalidParameterValue Reply naming a filter outside `known`.
  static std::variant<Ec2Filters, Reply> Parse(const ApiCall& call,
                                               std::initializer_list<std::string_view> known);

  // `attributes`: the resource's value per filter name.
  bool Pass(const std::map<std::string, std::string, std::less<>>& attributes,
            const Tags& tags = {}) const;

 private:
  std::vector<std::pair<std::string, std::vector<std::string>>> filters_;
};

// Whether `text` matches `pattern` with EC2's "*" (any run) and "?" (one character).
bool WildcardMatch(std::string_view pattern, std::string_view text);

// The AWS-managed KMS key of a service ("ebs", "rds", "lambda") in an account and region.
std::string ManagedKeyArn(const ApiCall& call, std::string_view service);
// A random RFC 4122 version-4 UUID (lower case).
std::string Uuid(Rng& rng);
// Ids that look like EC2's: "sg-" + 17 hex digits from a hash of `seed_text`.
std::string DerivedId(const ApiCall& call, std::string_view prefix, std::string_view seed_text,
                      int digits = 17);

// ---- CloudWatch metrics of the simulated resources ------------------------------------------

// Statistics over a set of samples.
struct Stats {
  double count = 0, sum = 0;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();

  bool empty() const { return count <= 0; }
  void Add(const Stats& other);
};

// One AWS metric of one resource, day by day.
struct Series {
  std::string unit;
  bool daily_sample = false;  // One sample a day, at 00:00 UTC (S3 storage metrics).
  bool integral = false;      // Sums are whole numbers (counts).
  // The statistics of all samples of `day`; nullopt when the resource published nothing then.
  std::function<std::optional<Stats>(Day)> day_stats;
};

// The series an AWS namespace ("AWS/EC2", "AWS/RDS", "AWS/Lambda", "AWS/S3") publishes for
// `metric` with exactly `dimensions`, for a resource that exists in the call's account and region
// on some day of [first, last]; nullopt when there is none (unknown metric, resource, dimensions).
std::optional<Series> AwsSeries(const ApiCall& call, std::string_view name_space,
                                std::string_view metric,
                                const std::map<std::string, std::string>& dimensions, Day first,
                                Day last);

}  // namespace view360::sim::resources
