"""moto state for the operations categories: support cases, Trusted Advisor, Resilience Hub."""


def support_cases(clients, args):
    """args: {"count": N}. Creates N support cases (moto stamps them with its local now)."""
    support = clients("support")
    ids = []
    for n in range(args.get("count", 3)):
        case = support.create_case(
            subject=f"Case {n}: instance unreachable",
            serviceCode="amazon-elastic-compute-cloud-linux",
            severityCode="low" if n % 2 == 0 else "high",
            categoryCode="instance-issue",
            communicationBody="The instance fails its status checks.",
            language="en",
            issueType="technical",
        )
        ids.append(case["caseId"])
    return {"case_ids": ids}


def trusted_advisor_checks(clients, args):
    """The catalogue moto serves (it has no check results)."""
    checks = clients("support").describe_trusted_advisor_checks(language="en")["checks"]
    return {"count": len(checks)}


def resilience_apps(clients, args):
    """One app with a resiliency policy, one without."""
    hub = clients("resiliencehub")
    objectives = {
        "Software": {"rpoInSecs": 60, "rtoInSecs": 300},
        "Hardware": {"rpoInSecs": 120, "rtoInSecs": 600},
        "AZ": {"rpoInSecs": 900, "rtoInSecs": 3600},
    }
    policy = hub.create_resiliency_policy(
        policyName="critical", tier="Critical", policy=objectives)["policy"]
    with_policy = hub.create_app(name="payments", description="Payments workload",
                                 policyArn=policy["policyArn"])["app"]
    without = hub.create_app(name="reporting")["app"]
    return {"with_policy": with_policy["appArn"], "without_policy": without["appArn"],
            "policy": policy["policyArn"]}
