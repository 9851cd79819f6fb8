"""moto state for the security category (tests/collect/security_test.cpp).

Every step creates state through moto's own AWS APIs and returns what it created, for the test
to compare the collected section with.
"""
import datetime
import json
import urllib.request

ACCOUNT = "123456789012"
WINDOW_DAY = "2025-09-14"  # The window of DailyWindow("2025-09-15").


def _finding(fid, product, severity, workflow, resource_type, created, title,
             compliance=None, recommendation=None):
    region = "us-east-1"
    company = "AWS"
    arn = f"arn:aws:securityhub:{region}::product/aws/{product.lower().replace(' ', '')}"
    finding = {
        "SchemaVersion": "2018-10-08",
        "Id": fid,
        "ProductArn": arn,
        "ProductName": product,
        "CompanyName": company,
        "Region": region,
        "GeneratorId": f"generator-{fid}",
        "AwsAccountId": ACCOUNT,
        "Types": ["Software and Configuration Checks"],
        "CreatedAt": created,
        "UpdatedAt": created,
        "Severity": {"Label": severity},
        "Title": title,
        "Description": f"{title} (description)",
        "Resources": [{"Type": resource_type, "Id": f"arn:aws:resource:::{fid}"}],
        "Workflow": {"Status": workflow},
        "RecordState": "ACTIVE",
    }
    if compliance:
        finding["Compliance"] = {"Status": compliance}
    if recommendation:
        finding["Remediation"] = {"Recommendation": {"Text": recommendation}}
    return finding


def security_hub(clients, args):
    """Six findings of three products; the first imported product has the fewest."""
    hub = clients("securityhub")
    hub.enable_security_hub()
    t = f"{WINDOW_DAY}T10:00:00.123Z"
    findings = [
        _finding("gd-1", "GuardDuty", "MEDIUM", "NEW", "AwsEc2Instance", t, "Port probe"),
        _finding("sh-1", "Security Hub", "CRITICAL", "NEW", "AwsS3Bucket", t, "S3.8",
                 compliance="FAILED", recommendation="Block public access"),
        _finding("sh-2", "Security Hub", "HIGH", "NEW", "AwsEc2Instance", t, "EC2.8"),
        _finding("sh-3", "Security Hub", "HIGH", "RESOLVED", "AwsEc2Instance", t, "EC2.9",
                 compliance="PASSED"),
        _finding("in-1", "Inspector", "LOW", "NOTIFIED", "AwsEc2Instance", t, "CVE-1"),
        _finding("in-2", "Inspector", "HIGH", "NEW", "AwsLambdaFunction", t, "CVE-2"),
    ]
    out = hub.batch_import_findings(Findings=findings)
    assert out["FailedCount"] == 0, out
    return {"ids": [f["Id"] for f in findings]}


def kms(clients, args):
    """A rotating key, a non-rotating one, a disabled one."""
    k = clients("kms")
    rotating = k.create_key(Description="rotating key",
                            KeyUsage="ENCRYPT_DECRYPT")["KeyMetadata"]["KeyId"]
    k.enable_key_rotation(KeyId=rotating)
    plain = k.create_key(Description="plain key")["KeyMetadata"]["KeyId"]
    disabled = k.create_key(Description="disabled key")["KeyMetadata"]["KeyId"]
    k.disable_key(KeyId=disabled)
    return {"rotating": rotating, "plain": plain, "disabled": disabled}


def _rules(wafv2, scope):
    ip_set = wafv2.create_ip_set(Name="blocked-ips", Scope=scope, IPAddressVersion="IPV4",
                                 Addresses=["203.0.113.0/24"])["Summary"]["ARN"]

    def vis(name, sampled=True, metrics=True):
        return {"SampledRequestsEnabled": sampled, "CloudWatchMetricsEnabled": metrics,
                "MetricName": name}

    block = {"Block": {}}
    rules = [
        {"Name": "aws-sqli", "Priority": 0,
         "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS",
                                                     "Name": "AWSManagedRulesSQLiRuleSet"}},
         "OverrideAction": {"None": {}}, "VisibilityConfig": vis("aws-sqli")},
        {"Name": "rate-limit", "Priority": 1,
         "Statement": {"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP"}},
         "Action": block, "VisibilityConfig": vis("rate-limit", sampled=False)},
        {"Name": "geo-block", "Priority": 2,
         "Statement": {"GeoMatchStatement": {"CountryCodes": ["KP", "IR"]}},
         "Action": block, "VisibilityConfig": vis("geo-block", metrics=False)},
        {"Name": "blocked-ips", "Priority": 3,
         "Statement": {"IPSetReferenceStatement": {"ARN": ip_set}},
         "Action": block, "VisibilityConfig": vis("blocked-ips")},
        {"Name": "xss-body", "Priority": 4,
         "Statement": {"XssMatchStatement": {
             "FieldToMatch": {"Body": {"OversizeHandling": "CONTINUE"}},
             "TextTransformations": [{"Priority": 0, "Type": "NONE"}]}},
         "Action": {"Count": {}}, "VisibilityConfig": vis("xss-body")},
    ]
    return rules, ip_set


def waf(clients, args):
    """A web ACL of args["scope"] (us-east-1) with five kinds of rules, logging to Firehose."""
    scope = args.get("scope", "CLOUDFRONT")
    wafv2 = clients("wafv2")
    rules, ip_set = _rules(wafv2, scope)
    acl = wafv2.create_web_acl(
        Name=f"edge-acl-{scope.lower()}", Scope=scope, DefaultAction={"Allow": {}},
        Description="Protects the shop", Rules=rules,
        VisibilityConfig={"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True,
                          "MetricName": "edge-acl"})["Summary"]
    stream = f"arn:aws:firehose:us-east-1:{ACCOUNT}:deliverystream/aws-waf-logs-edge"
    wafv2.put_logging_configuration(LoggingConfiguration={
        "ResourceArn": acl["ARN"], "LogDestinationConfigs": [stream]})
    # A second ACL without rules or logging.
    bare = wafv2.create_web_acl(
        Name=f"bare-acl-{scope.lower()}", Scope=scope, DefaultAction={"Block": {}}, Rules=[],
        VisibilityConfig={"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False,
                          "MetricName": "bare"})["Summary"]
    return {"arn": acl["ARN"], "id": acl["Id"], "name": acl["Name"], "ip_set": ip_set,
            "stream": stream, "bare_arn": bare["ARN"], "bare_name": bare["Name"]}


def cloudtrail(clients, args):
    """Two trails: one logging (multi-region, validated), one started then stopped."""
    s3 = clients("s3")
    s3.create_bucket(Bucket="trail-logs-123")
    ct = clients("cloudtrail")
    on = ct.create_trail(Name="org-audit", S3BucketName="trail-logs-123",
                         IsMultiRegionTrail=True, EnableLogFileValidation=True,
                         IncludeGlobalServiceEvents=True)["TrailARN"]
    ct.start_logging(Name="org-audit")  # moto finds trails by name only.
    off = ct.create_trail(Name="stopped-trail", S3BucketName="trail-logs-123",
                          IncludeGlobalServiceEvents=False)["TrailARN"]
    ct.start_logging(Name="stopped-trail")
    ct.stop_logging(Name="stopped-trail")
    return {"on": on, "off": off}


def guardduty_detector(clients, args):
    return {"detector": clients("guardduty").create_detector(Enable=True)["DetectorId"]}


def secrets(clients, args):
    sm = clients("secretsmanager")
    key = clients("kms").create_key(Description="secrets key")["KeyMetadata"]["Arn"]
    db = sm.create_secret(Name="prod/shop/db-password", Description="The database password",
                          SecretString="s3cret", KmsKeyId=key,
                          Tags=[{"Key": "Owner", "Value": "shop"}])["ARN"]
    api = sm.create_secret(Name="prod/shop/api-key", SecretString="k")["ARN"]
    return {"db": db, "api": api, "key": key}


def _self_signed(domain):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    # moto refuses certificates that are not valid now (the real clock, not the test window).
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    start = now - datetime.timedelta(days=1)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=365))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
            .sign(key, hashes.SHA256()))
    return start, (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM,
                              serialization.PrivateFormat.TraditionalOpenSSL,
                              serialization.NoEncryption()))


def certificates(clients, args):
    acm = clients("acm")
    requested = acm.request_certificate(
        DomainName="shop.example.com", ValidationMethod="DNS",
        SubjectAlternativeNames=["shop.example.com", "www.shop.example.com"])["CertificateArn"]
    start, (cert, key) = _self_signed("legacy.example.com")
    imported = acm.import_certificate(Certificate=cert, PrivateKey=key)["CertificateArn"]
    return {"requested": requested, "imported": imported,
            "imported_not_before": start.isoformat()}


def inspector(clients, args):
    """Three findings: first observed in the window, updated in it, and outside it."""
    def epoch(text):
        return datetime.datetime.fromisoformat(text).replace(
            tzinfo=datetime.timezone.utc).timestamp()

    def finding(name, first, last, updated, severity):
        return {"findingArn": f"arn:aws:inspector2:us-east-1:{ACCOUNT}:finding/{name}",
                "awsAccountId": ACCOUNT, "type": "PACKAGE_VULNERABILITY", "title": name,
                "description": f"{name} description", "severity": severity, "status": "ACTIVE",
                "firstObservedAt": epoch(first), "lastObservedAt": epoch(last),
                "updatedAt": epoch(updated)}

    findings = [
        finding("new-in-window", f"{WINDOW_DAY}T08:00:00", f"{WINDOW_DAY}T09:00:00",
                f"{WINDOW_DAY}T09:00:00", "HIGH"),
        finding("updated-in-window", "2025-08-01T00:00:00", "2025-08-02T00:00:00",
                f"{WINDOW_DAY}T23:59:59", "CRITICAL"),
        finding("old", "2025-08-01T00:00:00", "2025-08-02T00:00:00", "2025-08-03T00:00:00",
                "LOW"),
    ]
    body = json.dumps({"results": [findings], "account_id": ACCOUNT,
                       "region": "us-east-1"}).encode()
    request = urllib.request.Request(
        clients.endpoint + "/moto-api/static/inspector2/findings-results", data=body,
        headers={"Content-Type": "application/json"}, method="POST")
    urllib.request.urlopen(request).read()
    return {"arns": [f["findingArn"] for f in findings]}
