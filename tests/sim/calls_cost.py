"""Judge calls for the cost services: Cost Explorer (costs, forecast, reservation and Savings Plans
utilisation), Savings Plans, and the EC2 / RDS reservation listings. The management account buys
commitments centrally (its first EC2 RI, RDS RI and Savings Plan are always active), so its calls
have data whatever the seed; members are asked for their own costs as View360 asks."""
import datetime

TODAY = datetime.date(2025, 9, 20)  # judge.py starts the simulator with --today 2025-09-20.


def _day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def _window(days):
    return {"Start": _day(-days), "End": _day(0)}


def _active_reservation(sim):
    listing = sim.client("ec2", "us-east-1").describe_reserved_instances(
        Filters=[{"Name": "state", "Values": ["active"]}])
    return listing["ReservedInstances"][0]["ReservedInstancesId"]


def _active_savings_plan(sim):
    plans = sim.client("savingsplans", "us-east-1").describe_savings_plans(states=["active"])
    return plans["savingsPlans"][0]["savingsPlanArn"]


def _own_costs_by_service(sim, member=2):
    return {"TimePeriod": _window(1), "Granularity": "DAILY", "Metrics": ["UnblendedCost"],
            "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"}],
            "Filter": {"Dimensions": {"Key": "LINKED_ACCOUNT",
                                      "Values": [sim.account_id(member)]}}}


CALLS = [
    # The View360 connectivity probe: last 30 days, MONTHLY, any usage type.
    {"service": "ce", "operation": "GetCostAndUsage", "nonempty": "ResultsByTime",
     "params": {"TimePeriod": _window(30), "Granularity": "MONTHLY", "Metrics": ["UnblendedCost"],
                "Filter": {"Dimensions": {"Key": "USAGE_TYPE", "Values": ["*"]}}}},
    # The service breakdown a member's sender asks for.
    {"service": "ce", "operation": "GetCostAndUsage", "account": 2, "nonempty": "ResultsByTime",
     "params": _own_costs_by_service},
    # The organisation by account and tag, every metric.
    {"service": "ce", "operation": "GetCostAndUsage", "nonempty": "ResultsByTime",
     "params": {"TimePeriod": _window(10), "Granularity": "DAILY",
                "Metrics": ["UnblendedCost", "BlendedCost", "AmortizedCost", "NetUnblendedCost",
                            "NetAmortizedCost", "UsageQuantity", "NormalizedUsageAmount"],
                "GroupBy": [{"Type": "DIMENSION", "Key": "LINKED_ACCOUNT"},
                            {"Type": "TAG", "Key": "Environment"}],
                "Filter": {"Not": {"Dimensions": {"Key": "RECORD_TYPE", "Values": ["Tax"]}}}}},
    {"service": "ce", "operation": "GetCostForecast", "account": 2,
     "nonempty": "ForecastResultsByTime",
     "params": {"TimePeriod": {"Start": _day(0), "End": _day(30)}, "Metric": "UNBLENDED_COST",
                "Granularity": "MONTHLY"}},
    {"service": "ce", "operation": "GetCostForecast", "nonempty": "ForecastResultsByTime",
     "params": {"TimePeriod": {"Start": _day(0), "End": _day(7)}, "Metric": "NET_UNBLENDED_COST",
                "Granularity": "DAILY", "PredictionIntervalLevel": 95}},
    {"service": "ce", "operation": "GetReservationUtilization", "nonempty": "UtilizationsByTime",
     "params": lambda sim: {
         "TimePeriod": _window(7), "Granularity": "DAILY",
         "Filter": {"Dimensions": {"Key": "SUBSCRIPTION_ID",
                                   "Values": [_active_reservation(sim)]}}}},
    # The optional probe: no filter, grouped by subscription.
    {"service": "ce", "operation": "GetReservationUtilization", "nonempty": "UtilizationsByTime",
     "params": {"TimePeriod": _window(30), "Granularity": "DAILY",
                "GroupBy": [{"Type": "DIMENSION", "Key": "SUBSCRIPTION_ID"}]}},
    {"service": "ce", "operation": "GetSavingsPlansUtilization",
     "nonempty": "SavingsPlansUtilizationsByTime",
     "params": lambda sim: {
         "TimePeriod": _window(7), "Granularity": "DAILY",
         "Filter": {"Dimensions": {"Key": "SAVINGS_PLAN_ARN",
                                   "Values": [_active_savings_plan(sim)]}}}},
    {"service": "savingsplans", "operation": "DescribeSavingsPlans", "nonempty": "savingsPlans",
     "params": {"states": ["active"]}},
    {"service": "savingsplans", "operation": "DescribeSavingsPlans", "account": 1, "params": {}},
    {"service": "ec2", "operation": "DescribeReservedInstances", "region": "us-east-1",
     "nonempty": "ReservedInstances",
     "params": {"Filters": [{"Name": "state", "Values": ["active"]}]}},
    {"service": "ec2", "operation": "DescribeReservedInstances", "region": "eu-west-1",
     "account": 3, "params": {}},
    {"service": "rds", "operation": "DescribeReservedDBInstances", "region": "us-east-1",
     "nonempty": "ReservedDBInstances", "params": {}},
]

PAGINATED = [
    {"service": "rds", "operation": "DescribeReservedDBInstances", "region": "us-east-1",
     "params": {}},
    {"service": "rds", "operation": "DescribeReservedDBInstances", "region": "eu-west-1",
     "account": 4, "params": {}},
]
