"""Judge calls for the identity services: STS, Organizations, Account, IAM (and the monitoring
services SNS and CloudWatch PutMetricData, whose handlers live beside them)."""


def _member_role(sim, index=3):
    return "arn:aws:iam::%s:role/View360ReadOnly" % sim.account_id(index)


def _first_user(sim):
    return sim.client("iam").list_users()["Users"][0]["UserName"]


CALLS = [
    {"service": "sts", "operation": "GetCallerIdentity", "params": {}},
    {"service": "sts", "operation": "GetCallerIdentity", "params": {}, "account": 2},
    {"service": "sts", "operation": "AssumeRole",
     "params": lambda sim: {"RoleArn": _member_role(sim), "RoleSessionName": "judge",
                            "DurationSeconds": 900}},
    {"service": "organizations", "operation": "DescribeOrganization", "params": {}},
    {"service": "organizations", "operation": "ListRoots", "params": {}, "nonempty": "Roots"},
    {"service": "organizations", "operation": "ListOrganizationalUnitsForParent",
     "params": lambda sim: {"ParentId": sim.world["root_id"]}, "nonempty": "OrganizationalUnits"},
    {"service": "organizations", "operation": "ListAccountsForParent",
     "params": lambda sim: {"ParentId": sim.world["root_id"]}},
    {"service": "organizations", "operation": "ListAccounts", "params": {}, "nonempty": "Accounts"},
    {"service": "organizations", "operation": "ListChildren",
     "params": lambda sim: {"ParentId": sim.world["root_id"], "ChildType": "ORGANIZATIONAL_UNIT"},
     "nonempty": "Children"},
    {"service": "account", "operation": "GetAccountInformation", "params": {}},
    {"service": "account", "operation": "GetAccountInformation",
     "params": lambda sim: {"AccountId": sim.account_id(4)}},
    {"service": "account", "operation": "GetContactInformation", "params": {}},
    {"service": "account", "operation": "GetAlternateContact",
     "params": {"AlternateContactType": "SECURITY"}, "account": 1},
    {"service": "iam", "operation": "ListUsers", "params": {}, "nonempty": "Users"},
    {"service": "iam", "operation": "ListMFADevices",
     "params": lambda sim: {"UserName": _first_user(sim)}},
    {"service": "iam", "operation": "ListAccessKeys",
     "params": lambda sim: {"UserName": _first_user(sim)}},
    {"service": "sns", "operation": "Publish",
     "params": lambda sim: {"TopicArn": "arn:aws:sns:us-east-1:%s:view360-alerts"
                            % sim.account_id(None),
                            "Subject": "View360 judge", "Message": "hello \u00fcnicode"}},
    {"service": "cloudwatch", "operation": "PutMetricData",
     "params": {"Namespace": "View360", "MetricData": [
         {"MetricName": "DocumentsIngested", "Value": 3.0, "Unit": "Count",
          "Dimensions": [{"Name": "Stage", "Value": "ingest"}]}]}},
]

PAGINATED = [
    {"service": "organizations", "operation": "ListAccounts", "params": {}},
    {"service": "organizations", "operation": "ListAccountsForParent",
     "params": lambda sim: {"ParentId": sim.world["root_id"]}},
    {"service": "organizations", "operation": "ListChildren",
     "params": lambda sim: {"ParentId": sim.world["root_id"], "ChildType": "ACCOUNT"}},
    {"service": "iam", "operation": "ListUsers", "params": {}},
]
