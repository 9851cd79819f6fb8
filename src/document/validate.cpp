#include "document/validate.h"

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>

namespace view360::document {
namespace {

// One member of an object shape: "name:k" with kind k = s(tring) n(umber) i(nteger)
// b(oolean) t(imestamp string) o(bject) a(rray); a trailing '?' allows null; "a[shape]" and
// "o{shape}" name the shape of the elements / of the object.
struct Member {
  std::string name;
  char kind = 's';
  bool nullable = false;
  std::string shape;  // Named shape of the object or of the array's elements; "" = any.
};
using Shape = std::vector<Member>;

const std::map<std::string, std::string, std::less<>>& ShapeTexts() {
  static const std::map<std::string, std::string, std::less<>> kShapes = {
      {"document",
       "account:o{account} config:o{config} service:a[service] cost:o{cost} "
       "security:o{security} inventory:o{inventory} marketplace:a[marketplace] "
       "trusted_advisor:a[trusted_advisor] health:a[health] application:a[application] "
       "resilience_hub:a[resilience_hub] service_resources:a[resource] "
       "compute_optimizer:a[compute_optimizer] ri_sp_savings:a[ri_sp] "
       "config_inventory:a[resource] support_tickets:a[ticket] logs:o{logs}"},
      {"account",
       "account_id:s account_name:s? account_email:s? account_status:s? account_arn:s? "
       "partner_name:s? customer_name:s? category:s? account_type:s? joined_method:s? "
       "joined_timestamp:t? region:s product:s? contact_info:o{contact} "
       "alternate_contacts:o{alternates}"},
      {"contact",
       "address_line1:s? address_line2:s? address_line3:s? city:s? country_code:s? "
       "postal_code:s? state_or_region:s? company_name:s? phone_number:s? website_url:s? "
       "full_name:s?"},
      {"alternates", "billing:o?{alternate} operations:o?{alternate} security:o?{alternate}"},
      {"alternate", "name:s? title:s? email:s? phone:s?"},
      {"config",
       "date_from:s date_to:s compliance_score:n total_rules:i compliant_rules:i "
       "non_compliant_rules:i curr_non_compliant:i curr_compliant:i "
       "non_compliant_resources:a[evaluation]"},
      {"evaluation",
       "rule_name:s resource_id:s? resource_type:s? config_rule_invoked_time:t? "
       "conformance_pack:s? compliance_type:s? annotation:s? evaluation_mode:s?"},
      {"service",
       "service:s usage_types:s? date_from:s date_to:s cost:n currency:s? utilization:n? "
       "utilization_unit:s?"},
      {"cost",
       "account_id:s current_period_cost:n previous_period_cost:n cost_difference:n "
       "cost_difference_percentage:n top_services:a[top_service] period:o{period} "
       "forecast:a[forecast]"},
      {"top_service", "service:s cost:n"},
      {"period", "start:s end:s granularity:s"},
      {"forecast", "period:o{forecast_period} amount:n"},
      {"forecast_period", "start:s end:s"},
      {"security",
       "security_hub:a[hub_group] guard_duty:a[guard_duty] kms:a[kms] waf:a[waf] "
       "waf_rules:a[waf_rule] cloudtrail:a[cloudtrail] secrets_manager:a[secret] "
       "certificate_manager:a[certificate] inspector:a[inspector]"},
      {"hub_group",
       "service:s total_findings:i severity_counts:o{severity_counts} open_findings:i "
       "resolved_findings:i findings:a[finding]"},
      {"severity_counts", "CRITICAL:i HIGH:i MEDIUM:i LOW:i INFORMATIONAL:i"},
      {"finding",
       "finding_id:s service:s? title:s? description:s? severity:s? status:s? "
       "resource_type:s? resource_id:s? created_at:s? updated_at:s? recommendation:s? "
       "compliance_status:s? region:s? workflow_state:s? record_state:s? product_name:s? "
       "company_name:s? product_arn:s? generator_id:s? generator:s?"},
      {"guard_duty",
       "id:s type:s? severity:n? title:s? description:s? created_at:s? updated_at:s? "
       "confidence:n? region:s?"},
      {"kms",
       "key_id:s arn:s? description:s? key_usage:s? key_state:s? creation_date:t? enabled:b? "
       "key_rotation_enabled:b?"},
      {"waf",
       "name:s id:s arn:s? scope:s description:s? default_action:o? rules_count:i capacity:n? "
       "managed_rules_count:i custom_rules_count:i rate_limit_rules_count:i "
       "associated_resources:a associated_resources_count:i logging_enabled:b "
       "log_destinations:a geo_blocking_enabled:b blocked_countries:a ip_sets:a "
       "created_date:t? last_modified:t? tags:a sampled_requests_enabled:b "
       "cloudwatch_metrics_enabled:b"},
      {"waf_rule",
       "web_acl_name:s rule_name:s priority:i action:o statement_type:s is_managed_rule:b "
       "is_custom_rule:b rate_limit:b logging_enabled:b geo_blocking:b sql_injection:b "
       "sample_request_enabled:b cloudwatch_enabled:b has_xss_protection:b waf_version:s "
       "is_compliant:b scope:s"},
      {"cloudtrail",
       "name:s arn:s is_logging:b? is_multi_region:b? include_global_events:b? s3_bucket:s? "
       "kms_key_id:s? log_file_validation:b? recent_events_count:i latest_delivery_time:t? "
       "start_logging_time:t? stop_logging_time:t?"},
      {"secret",
       "name:s arn:s description:s? created_date:t? last_changed_date:t? "
       "last_accessed_date:t? rotation_enabled:b? rotation_lambda_arn:s? kms_key_id:s? tags:a"},
      {"certificate",
       "arn:s domain_name:s? subject_alternative_names:a? status:s? type:s? key_algorithm:s? "
       "signature_algorithm:s? created_at:t? issued_at:t? not_before:t? not_after:t? "
       "renewal_eligibility:s? key_usages:a? extended_key_usages:a?"},
      {"inspector",
       "finding_arn:s severity:s? status:s? type:s? title:s? description:s? "
       "first_observed_at:t? last_observed_at:t? updated_at:t?"},
      {"inventory",
       "instances:a[instance] applications:a[application_entry] patches:a[patch] services:a "
       "users:a processes:a network_ports:a certificates:a"},
      {"instance",
       "instance_id:s platform:s? platform_type:s? platform_version:s? agent_version:s? "
       "is_latest_version:b? last_ping:t? computer_name:s? instance_type:s? ip_address:s? "
       "ping_status:s? last_ping_date_time:t? association_status:s? "
       "association_execution_date:t? association_success_date:t?"},
      {"application_entry",
       "instance_id:s name:s? version:s? publisher:s? architecture:s? application_type:s? "
       "install_time:s?"},
      {"patch", "instance_id:s title:s? classification:s? severity:s? state:s? installed_time:t?"},
      {"marketplace",
       "product_code:s? product_name:s? dimension:s? customer_identifier:s? value:* "
       "expiration_date:t? cost_consumed:n? currency:s? period_start:s? period_end:s? "
       "daily_costs:a? status:s?"},
      {"trusted_advisor",
       "check_name:s category:s? severity:s? recommendation:s? affected_resources_count:i? "
       "potential_savings:n? timestamp:t?"},
      {"health",
       "arn:s service:s? event_type_code:s? event_type_category:s? region:s? "
       "availability_zone:s? start_time:t? end_time:t? last_updated_time:t? status_code:s? "
       "event_scope_code:s?"},
      {"application",
       "service_name:s namespace:s? key_attributes:o? attribute_map:o? metric_references:a?"},
      {"resilience_hub",
       "app_arn:s name:s? description:s? creation_time:t? last_assessment_time:t? "
       "compliance_status:s? resiliency_score:n? status:s? rpo:i? rto:i? last_drill:t? cost:n?"},
      {"resource",
       "service_name:s resource_type:s resource_id:s resource_name:s? region:s? "
       "availability_zone:s? state:s? instance_type:s? vpc_id:s? engine:s? instance_class:s? "
       "multi_az:b? size_gb:n? volume_type:s? creation_date:s? type:s? scheme:s? "
       "instance_count:i? min_size:i? max_size:i? available_ip_count:i?"},
      {"compute_optimizer",
       "account_id:s resource_type:s resource_arn:s resource_name:s? finding:s? "
       "current_instance_type:s? current_memory_size:n? current_volume_type:s? "
       "current_volume_size:n? recommended_instance_type:s? recommended_memory_size:n? "
       "recommended_volume_type:s? recommended_volume_size:n? "
       "savings_opportunity_percentage:n? estimated_monthly_savings_usd:n? "
       "performance_risk:n? cpu_utilization_max:n? memory_utilization_avg:n? "
       "migration_effort:s?"},
      // The members differ by kind (§b.15): all optional, typed when present.
      {"ri_sp",
       "date_from:s date_to:s reservation_type:s subscription_id:s date:s? "
       "utilization_percentage:n on_demand_cost:n reservation_cost:n net_savings:n "
       "offering_id:s? savings_plan_arn:s? service:s? instance_type:s? instance_count:i? "
       "instance_family:s? instance_tenancy:s? offering_class:s? offering_type:s? "
       "product_types:s? region:s? currency:s? commitment:n? upfront_cost:n? recurring_cost:n? "
       "recurring_frequency:s? usage_price:n? start_date:s? end_date:s? returnable_until:s? "
       "duration_seconds:i? state:s? description:s?"},
      {"ticket",
       "case_id:s display_id:s? subject:s? status:s? severity_code:s? service_code:s? "
       "category_code:s? time_created:s? submitted_by:s? language:s? date_from:s? date_to:s?"},
      {"logs",
       "account_status:s config_status:s service_status:s cost_status:s security_status:s "
       "inventory_status:s marketplace_status:s trusted_advisor_status:s health_status:s "
       "application_status:s resilience_hub_status:s compute_optimizer_status:s "
       "ri_sp_savings_status:s service_resources_status:s config_inventory_status:s "
       "support_tickets_status:s message:a"},
  };
  return kShapes;
}

Shape ParseShape(const std::string& text) {
  Shape shape;
  std::istringstream in(text);
  std::string token;
  while (in >> token) {
    Member m;
    const size_t colon = token.find(':');
    m.name = token.substr(0, colon);
    std::string rest = token.substr(colon + 1);
    m.kind = rest[0];
    size_t i = 1;
    if (i < rest.size() && rest[i] == '?') {
      m.nullable = true;
      ++i;
    }
    if (i < rest.size() && (rest[i] == '[' || rest[i] == '{')) {
      m.shape = rest.substr(i + 1, rest.size() - i - 2);
    }
    shape.push_back(std::move(m));
  }
  return shape;
}

const Shape& ShapeNamed(std::string_view name) {
  static const std::map<std::string, Shape, std::less<>> kParsed = [] {
    std::map<std::string, Shape, std::less<>> parsed;
    for (const auto& [n, text] : ShapeTexts()) parsed[n] = ParseShape(text);
    return parsed;
  }();
  return kParsed.find(name)->second;
}

// The sections the original receiver refuses a document without (§f.3).
bool RequiredByReceiver(std::string_view section) {
  for (std::string_view s :
       {"account", "config", "service", "cost", "security", "inventory", "marketplace",
        "trusted_advisor", "health", "application", "resilience_hub", "logs"}) {
    if (s == section) return true;
  }
  return false;
}

// Shapes whose members differ by kind (§b.15 RI vs Savings Plan; the dormant collectors of
// §b.9): members are optional even in strict mode.
bool VariableMembers(std::string_view shape) {
  return shape == "ri_sp" || shape == "marketplace" || shape == "application";
}

template <typename J>
class Validator {
 public:
  Validator(Strictness strictness, size_t max)
      : strict_(strictness == Strictness::kStrict), max_(max) {}

  void Object(const J& value, const std::string& shape_name, const std::string& path, bool top) {
    const Shape& shape = ShapeNamed(shape_name);
    const bool all_required = strict_ && !VariableMembers(shape_name);
    for (const Member& m : shape) {
      const auto it = value.find(m.name);
      if (it == value.end()) {
        if (all_required || (top && RequiredByReceiver(m.name)))
          Add(path + "." + m.name, "missing");
        continue;
      }
      Value(*it, m, path + "." + m.name, top);
    }
    if (!strict_) return;
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (top && it.key() == "view360") continue;
      bool known = false;
      for (const Member& m : shape) known = known || m.name == it.key();
      if (!known) Add(path + "." + it.key(), "unknown member");
    }
  }

  void Value(const J& v, const Member& m, const std::string& path, bool top) {
    if (issues_.size() >= max_) return;
    if (v.is_null()) {
      if (!m.nullable && m.kind != '*') Add(path, "must not be null");
      return;
    }
    switch (m.kind) {
      case '*':
        return;
      case 's':
        if (!v.is_string()) Add(path, "expected string, got " + std::string(v.type_name()));
        return;
      case 't':
        if (!v.is_string())
          Add(path, "expected a datetime string, got " + std::string(v.type_name()));
        return;
      case 'n':
        if (!v.is_number()) Add(path, "expected number, got " + std::string(v.type_name()));
        return;
      case 'i':
        if (!v.is_number_integer()) Add(path, "expected integer, got " + Describe(v));
        return;
      case 'b':
        if (!v.is_boolean()) Add(path, "expected boolean, got " + std::string(v.type_name()));
        return;
      case 'o':
        // A section whose collector failed is [] (the original's failure value, §b.2).
        if (top && v.is_array() && v.empty()) return;
        if (!v.is_object()) {
          Add(path, "expected object, got " + std::string(v.type_name()));
        } else if (!m.shape.empty() && !(m.shape == "contact" && v.empty()) &&
                   !(m.shape == "account" && v.empty())) {
          Object(v, m.shape, path, false);
        }
        return;
      case 'a':
        if (!v.is_array()) {
          Add(path, "expected array, got " + std::string(v.type_name()));
          return;
        }
        if (m.shape.empty()) return;
        for (size_t i = 0; i < v.size() && issues_.size() < max_; ++i) {
          const std::string element = path + "[" + std::to_string(i) + "]";
          if (!v[i].is_object()) {
            Add(element, "expected object, got " + std::string(v[i].type_name()));
          } else {
            Object(v[i], m.shape, element, false);
          }
        }
        return;
    }
  }

  void Add(std::string path, std::string message) {
    if (issues_.size() < max_) issues_.push_back({std::move(path), std::move(message)});
  }

  std::vector<ValidationIssue> Take() { return std::move(issues_); }

 private:
  static std::string Describe(const J& v) {
    return v.is_number_float() ? "a non-integer number" : std::string(v.type_name());
  }

  bool strict_;
  size_t max_;
  std::vector<ValidationIssue> issues_;
};

template <typename J>
std::vector<ValidationIssue> ValidateAny(const J& document, Strictness strictness, size_t max) {
  Validator<J> validator(strictness, max);
  if (!document.is_object()) {
    validator.Add("$", "a document is a JSON object, not " + std::string(document.type_name()));
  } else {
    validator.Object(document, "document", "$", /*top=*/true);
  }
  return validator.Take();
}

}  // namespace

std::vector<ValidationIssue> Validate(const nlohmann::ordered_json& document, Strictness strictness,
                                      size_t max_issues) {
  return ValidateAny(document, strictness, max_issues);
}

std::vector<ValidationIssue> Validate(const nlohmann::json& document, Strictness strictness,
                                      size_t max_issues) {
  return ValidateAny(document, strictness, max_issues);
}

}  // namespace view360::document
