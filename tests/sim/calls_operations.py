"""Judge calls for the operations group: Config, Support (Trusted Advisor, cases), Health,
Application Signals, Resilience Hub and Marketplace Entitlement.

The management account (account None) has Business support, Config in every region, Resilience
Hub apps and Application Signals services, so the non-empty checks use it; member 1..N calls
exercise the same operations on other accounts (where the data may be empty or refused)."""
import datetime

# ops::kMarketplaceProductCodes (src/sim/services/operations_internal.h).
PRODUCT_CODE = "4ekwyivpz8n2nde5xk0pmx6zy"


def _day(sim, offset):
    today = datetime.date.fromisoformat(sim.world.get("today", "2025-09-20"))
    return today + datetime.timedelta(days=offset)


def _window(sim, offset, hours=24):
    """ISO-8601 strings (boto3 accepts them; the judge's truth request must be JSON)."""
    start = datetime.datetime.combine(_day(sim, offset), datetime.time())
    end = start + datetime.timedelta(hours=hours)
    return start.isoformat() + "Z", end.isoformat() + "Z"


def _rule(sim, compliance="NON_COMPLIANT"):
    rules = sim.client("config").describe_compliance_by_config_rule(
        ComplianceTypes=[compliance])["ComplianceByConfigRules"]
    return rules[0]["ConfigRuleName"]


def _pack(sim):
    packs = sim.client("config").describe_conformance_packs()["ConformancePackDetails"]
    return packs[0]["ConformancePackName"]


def _app(sim):
    return sim.client("resiliencehub").list_apps()["appSummaries"][0]["appArn"]


def _assessed_app(sim):
    apps = sim.client("resiliencehub").list_apps()["appSummaries"]
    return [a for a in apps if "lastAppComplianceEvaluationTime" in a][0]["appArn"]


def _policy(sim):
    client = sim.client("resiliencehub")
    for summary in client.list_apps()["appSummaries"]:
        app = client.describe_app(appArn=summary["appArn"])["app"]
        if "policyArn" in app:
            return app["policyArn"]
    raise LookupError("no app with a resiliency policy")


def _health_window(sim):
    start, end = _window(sim, -60, hours=60 * 24)
    return {"filter": {"startTimes": [{"from": start, "to": end}]}}


def _signals_window(sim):
    start, end = _window(sim, -1)
    return {"StartTime": start, "EndTime": end}


CALLS = [
    # ---- Config
    {"service": "config", "operation": "DescribeConfigurationRecorders", "params": {},
     "nonempty": "ConfigurationRecorders"},
    {"service": "config", "operation": "DescribeConfigurationRecorders", "params": {},
     "account": 2},
    {"service": "config", "operation": "DescribeConformancePacks", "params": {},
     "nonempty": "ConformancePackDetails"},
    {"service": "config", "operation": "DescribeConformancePackCompliance",
     "params": lambda sim: {"ConformancePackName": _pack(sim)},
     "nonempty": "ConformancePackRuleComplianceList"},
    {"service": "config", "operation": "DescribeComplianceByConfigRule",
     "params": {"ComplianceTypes": ["COMPLIANT", "NON_COMPLIANT"]},
     "nonempty": "ComplianceByConfigRules"},
    {"service": "config", "operation": "DescribeComplianceByConfigRule", "params": {},
     "account": 3},
    {"service": "config", "operation": "GetComplianceDetailsByConfigRule",
     "params": lambda sim: {"ConfigRuleName": _rule(sim), "Limit": 50},
     "nonempty": "EvaluationResults"},
    {"service": "config", "operation": "GetComplianceDetailsByConfigRule",
     "params": lambda sim: {"ConfigRuleName": _rule(sim, "COMPLIANT"),
                            "ComplianceTypes": ["COMPLIANT"]},
     "nonempty": "EvaluationResults"},
    # ---- Support (us-east-1)
    {"service": "support", "operation": "DescribeTrustedAdvisorChecks",
     "params": {"language": "en"}, "region": "us-east-1", "nonempty": "checks"},
    {"service": "support", "operation": "DescribeTrustedAdvisorCheckResult",
     "params": {"checkId": "Qch7DwouX1", "language": "en"}, "region": "us-east-1"},
    {"service": "support", "operation": "DescribeTrustedAdvisorCheckResult",
     "params": {"checkId": "Pfx0RwqBli", "language": "en"}, "region": "us-east-1"},
    {"service": "support", "operation": "DescribeTrustedAdvisorCheckResult",
     "params": {"checkId": "DAvU99Dc4C"}, "region": "us-east-1"},
    {"service": "support", "operation": "DescribeCases",
     "params": {"includeResolvedCases": True, "includeCommunications": True},
     "region": "us-east-1", "nonempty": "cases"},
    {"service": "support", "operation": "DescribeCases",
     "params": lambda sim: {"includeResolvedCases": True,
                            "afterTime": _day(sim, -200).isoformat() + "T00:00:00Z",
                            "beforeTime": _day(sim, 0).isoformat() + "T00:00:00Z"},
     "region": "us-east-1", "nonempty": "cases"},
    # ---- Health (us-east-1)
    {"service": "health", "operation": "DescribeEvents", "params": _health_window,
     "region": "us-east-1", "nonempty": "events"},
    {"service": "health", "operation": "DescribeEvents",
     "params": {"filter": {"eventStatusCodes": ["closed"]}}, "region": "us-east-1",
     "nonempty": "events"},
    # ---- Application Signals
    {"service": "application-signals", "operation": "ListServices", "params": _signals_window,
     "nonempty": "ServiceSummaries"},
    # ---- Resilience Hub
    {"service": "resiliencehub", "operation": "ListApps", "params": {}, "nonempty": "appSummaries"},
    {"service": "resiliencehub", "operation": "ListApps", "params": {"reverseOrder": True},
     "account": 1},
    {"service": "resiliencehub", "operation": "DescribeApp",
     "params": lambda sim: {"appArn": _app(sim)}},
    {"service": "resiliencehub", "operation": "DescribeResiliencyPolicy",
     "params": lambda sim: {"policyArn": _policy(sim)}},
    {"service": "resiliencehub", "operation": "ListTestRecommendations",
     "params": lambda sim: {"assessmentArn": _assessed_app(sim)},
     "nonempty": "testRecommendations"},
    {"service": "resiliencehub", "operation": "DescribeAppVersionResourcesResolutionStatus",
     "params": lambda sim: {"appArn": _app(sim), "appVersion": "release"}},
    # ---- Marketplace Entitlement (us-east-1)
    {"service": "marketplace-entitlement", "operation": "GetEntitlements",
     "params": {"ProductCode": PRODUCT_CODE}, "region": "us-east-1", "nonempty": "Entitlements"},
    {"service": "marketplace-entitlement", "operation": "GetEntitlements",
     "params": {"ProductCode": PRODUCT_CODE, "Filter": {"DIMENSION": ["users"]}},
     "region": "us-east-1", "nonempty": "Entitlements"},
]

PAGINATED = [
    {"service": "config", "operation": "DescribeConformancePacks", "params": {}},
    {"service": "config", "operation": "DescribeConformancePackCompliance",
     "params": lambda sim: {"ConformancePackName": _pack(sim)}},
    {"service": "config", "operation": "DescribeComplianceByConfigRule", "params": {}},
    {"service": "config", "operation": "GetComplianceDetailsByConfigRule",
     "params": lambda sim: {"ConfigRuleName": _rule(sim)}},
    {"service": "support", "operation": "DescribeCases",
     "params": {"includeResolvedCases": True}, "region": "us-east-1"},
    {"service": "health", "operation": "DescribeEvents", "params": {}, "region": "us-east-1"},
    {"service": "application-signals", "operation": "ListServices", "params": _signals_window},
    {"service": "marketplace-entitlement", "operation": "GetEntitlements",
     "params": {"ProductCode": PRODUCT_CODE}, "region": "us-east-1"},
]
