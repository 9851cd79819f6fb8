"""Judge calls for the security services: Security Hub, GuardDuty, Inspector, KMS, WAF,
CloudTrail, Secrets Manager and ACM, with the parameters the View360 sender passes. The
management account (None) has every service on and every region enabled."""

REGION = "us-east-1"
WINDOW_START, WINDOW_END = "2025-06-01T00:00:00", "2025-09-19T23:59:59"


def _eq(*values):
    return [{"Value": value, "Comparison": "EQUALS"} for value in values]


def _hub_query(sim, date_field, statuses):
    return {"Filters": {date_field: [{"Start": WINDOW_START, "End": WINDOW_END}],
                        "RecordState": _eq("ACTIVE"),
                        "AwsAccountId": _eq(sim.account_id(None)),
                        "SeverityLabel": _eq("CRITICAL", "HIGH", "MEDIUM", "LOW"),
                        "WorkflowStatus": _eq(*statuses)},
            "MaxResults": 100}


def _detector(sim):
    return sim.client("guardduty", REGION).list_detectors()["DetectorIds"][0]


def _guardduty_criteria(sim):
    return {"DetectorId": _detector(sim),
            "FindingCriteria": {"Criterion": {"updatedAt": {"Gte": 1748736000000,
                                                            "Lte": 1758326399000}}}}


def _guardduty_ids(sim):
    ids = sim.client("guardduty", REGION).list_findings(**_guardduty_criteria(sim))["FindingIds"]
    return {"DetectorId": _detector(sim), "FindingIds": ids[:50]}


def _key(sim):
    keys = sim.client("kms", REGION).list_keys()["Keys"]
    return {"KeyId": keys[0]["KeyArn"]}


def _rotating_key(sim):
    return {"KeyId": "alias/aws/s3"}


def _acl(sim):
    acls = sim.client("wafv2", REGION).list_web_acls(Scope="REGIONAL")["WebACLs"]
    if not acls:
        acls = sim.client("wafv2", REGION).list_web_acls(Scope="CLOUDFRONT")["WebACLs"]
        return {"Name": acls[0]["Name"], "Scope": "CLOUDFRONT", "Id": acls[0]["Id"]}
    return {"Name": acls[0]["Name"], "Scope": "REGIONAL", "Id": acls[0]["Id"]}


def _acl_arn(sim):
    client = sim.client("wafv2", REGION)
    acls = (client.list_web_acls(Scope="REGIONAL")["WebACLs"]
            + client.list_web_acls(Scope="CLOUDFRONT")["WebACLs"])
    return acls[0]["ARN"]


def _logged_acl(sim, account=2):
    client = sim.client("wafv2", REGION, account)
    for acl in client.list_web_acls(Scope="REGIONAL")["WebACLs"]:
        try:
            client.get_logging_configuration(ResourceArn=acl["ARN"])
            return {"ResourceArn": acl["ARN"]}
        except client.exceptions.WAFNonexistentItemException:
            continue
    raise AssertionError("account %s has no logged web ACL in %s" % (account, REGION))


def _associated_acl(sim, account=2, region="eu-west-1"):
    client = sim.client("wafv2", region, account)
    for acl in client.list_web_acls(Scope="REGIONAL")["WebACLs"]:
        if client.list_resources_for_web_acl(WebACLArn=acl["ARN"])["ResourceArns"]:
            return {"WebACLArn": acl["ARN"], "ResourceType": "APPLICATION_LOAD_BALANCER"}
    raise AssertionError("account %s has no web ACL with an ALB in %s" % (account, region))


def _trail(sim):
    trails = sim.client("cloudtrail", REGION).describe_trails()["trailList"]
    return {"Name": trails[0]["TrailARN"]}


def _certificate(sim):
    summaries = sim.client("acm", REGION).list_certificates()["CertificateSummaryList"]
    return {"CertificateArn": summaries[0]["CertificateArn"]}


CALLS = [
    {"service": "securityhub", "operation": "DescribeHub", "params": {}, "region": REGION},
    {"service": "securityhub", "operation": "GetFindings", "region": REGION,
     "params": lambda sim: _hub_query(sim, "CreatedAt", ["NEW"]), "nonempty": "Findings"},
    {"service": "securityhub", "operation": "GetFindings", "region": REGION,
     "params": lambda sim: _hub_query(sim, "UpdatedAt", ["RESOLVED", "NOTIFIED", "SUPPRESSED"]),
     "nonempty": "Findings"},
    {"service": "guardduty", "operation": "ListDetectors", "params": {}, "region": REGION,
     "nonempty": "DetectorIds"},
    {"service": "guardduty", "operation": "ListFindings", "region": REGION,
     "params": _guardduty_criteria, "nonempty": "FindingIds"},
    {"service": "guardduty", "operation": "GetFindings", "region": REGION,
     "params": _guardduty_ids, "nonempty": "Findings"},
    {"service": "inspector2", "operation": "ListFindings", "params": {}, "region": REGION,
     "nonempty": "findings"},
    {"service": "inspector2", "operation": "ListFindings", "region": REGION, "account": 2,
     "params": {"filterCriteria": {
         "severity": [{"comparison": "NOT_EQUALS", "value": "LOW"}],
         "updatedAt": [{"startInclusive": "2025-01-01T00:00:00Z",
                        "endInclusive": "2025-09-20T00:00:00Z"}]}}},
    {"service": "kms", "operation": "ListKeys", "params": {}, "region": REGION, "nonempty": "Keys"},
    {"service": "kms", "operation": "DescribeKey", "params": _key, "region": REGION},
    {"service": "kms", "operation": "GetKeyRotationStatus", "params": _rotating_key,
     "region": REGION},
    {"service": "wafv2", "operation": "ListWebACLs", "params": {"Scope": "REGIONAL"},
     "region": REGION},
    {"service": "wafv2", "operation": "ListWebACLs", "params": {"Scope": "CLOUDFRONT"},
     "region": REGION},
    {"service": "wafv2", "operation": "GetWebACL", "params": _acl, "region": REGION},
    {"service": "wafv2", "operation": "ListResourcesForWebACL", "region": REGION,
     "params": lambda sim: {"WebACLArn": _acl_arn(sim),
                            "ResourceType": "APPLICATION_LOAD_BALANCER"}},
    {"service": "wafv2", "operation": "ListResourcesForWebACL", "region": "eu-west-1",
     "account": 2, "params": _associated_acl, "nonempty": "ResourceArns"},
    {"service": "wafv2", "operation": "GetLoggingConfiguration", "params": _logged_acl,
     "region": REGION, "account": 2},
    {"service": "cloudtrail", "operation": "DescribeTrails", "params": {}, "region": REGION,
     "nonempty": "trailList"},
    {"service": "cloudtrail", "operation": "GetTrailStatus", "params": _trail, "region": REGION},
    {"service": "cloudtrail", "operation": "LookupEvents", "region": REGION,
     "params": {"StartTime": "2025-09-19T00:00:00Z", "EndTime": "2025-09-20T00:00:00Z",
                "MaxResults": 50},
     "nonempty": "Events"},
    {"service": "secretsmanager", "operation": "ListSecrets", "params": {}, "region": REGION,
     "nonempty": "SecretList"},
    {"service": "acm", "operation": "ListCertificates", "params": {}, "region": REGION,
     "nonempty": "CertificateSummaryList"},
    {"service": "acm", "operation": "DescribeCertificate", "params": _certificate,
     "region": REGION},
]

PAGINATED = [
    {"service": "securityhub", "operation": "GetFindings", "region": REGION,
     "params": lambda sim: _hub_query(sim, "CreatedAt", ["NEW"])},
    {"service": "guardduty", "operation": "ListDetectors", "params": {}, "region": REGION},
    {"service": "guardduty", "operation": "ListFindings", "params": _guardduty_criteria,
     "region": REGION},
    {"service": "inspector2", "operation": "ListFindings", "region": REGION,
     "params": {"filterCriteria": {"firstObservedAt": [
         {"startInclusive": "2025-05-01T00:00:00Z", "endInclusive": "2025-09-20T00:00:00Z"}]}}},
    {"service": "kms", "operation": "ListKeys", "params": {}, "region": REGION},
    {"service": "cloudtrail", "operation": "LookupEvents", "region": REGION,
     "params": {"StartTime": "2025-09-19T06:00:00Z", "EndTime": "2025-09-19T09:00:00Z"}},
    {"service": "cloudtrail", "operation": "LookupEvents", "region": REGION,
     "params": {"StartTime": "2025-09-17T18:00:00Z", "EndTime": "2025-09-18T06:00:00Z",
                "LookupAttributes": [{"AttributeKey": "ReadOnly", "AttributeValue": "true"}]}},
    {"service": "secretsmanager", "operation": "ListSecrets", "params": {}, "region": REGION},
    {"service": "acm", "operation": "ListCertificates", "params": {}, "region": REGION},
]
