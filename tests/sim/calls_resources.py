"""Judge calls for the resource services: EC2 (regions, instances, volumes, subnets, snapshots),
RDS, ELBv2, Auto Scaling, Lambda and CloudWatch GetMetricStatistics.

Member accounts 4, 2 and 10 of the judge's scenario (seed 1, 12 accounts) are busy in us-east-1:
instances, volumes, functions, buckets (4), databases, Aurora clusters and Auto Scaling groups
(2), load balancers (10). Metric calls
find their resource through the simulator first, so they always ask about something that exists.
"""
import datetime

REGION = "us-east-1"
BUSY = 4       # Many instances, volumes, functions, us-east-1 buckets.
CLUSTERS = 2   # Databases, Aurora clusters, Auto Scaling groups.
BALANCERS = 10  # Load balancers.
DAY = datetime.datetime(2025, 9, 20, tzinfo=datetime.timezone.utc)  # judge.py's TODAY


def _window(days, period):
    return {"StartTime": DAY - datetime.timedelta(days=days), "EndTime": DAY,
            "Period": period, "Statistics": ["Average", "Sum", "SampleCount", "Maximum", "Minimum"]}


def _has_data(sim, params, account):
    client = sim.client("cloudwatch", REGION, account)
    return bool(client.get_metric_statistics(**params)["Datapoints"])


def _ec2_cpu(sim):
    ec2 = sim.client("ec2", REGION, BUSY)
    reservations = ec2.describe_instances(
        Filters=[{"Name": "instance-state-name", "Values": ["running"]}])["Reservations"]
    for reservation in reservations:
        for instance in reservation["Instances"]:
            params = dict(_window(7, 86400), Namespace="AWS/EC2", MetricName="CPUUtilization",
                          Dimensions=[{"Name": "InstanceId", "Value": instance["InstanceId"]}])
            if _has_data(sim, params, BUSY):
                return params
    raise AssertionError("no running instance with CPU data")


def _rds_cpu(sim):
    for db in sim.client("rds", REGION, CLUSTERS).describe_db_instances()["DBInstances"]:
        params = dict(_window(7, 3600), Namespace="AWS/RDS", MetricName="CPUUtilization",
                      Dimensions=[{"Name": "DBInstanceIdentifier",
                                   "Value": db["DBInstanceIdentifier"]}])
        if _has_data(sim, params, CLUSTERS):
            return params
    raise AssertionError("no database with CPU data")


def _lambda(metric):
    def params(sim):
        for function in sim.client("lambda", REGION, BUSY).list_functions()["Functions"]:
            candidate = dict(_window(30, 2592000), Namespace="AWS/Lambda", MetricName=metric,
                             Dimensions=[{"Name": "FunctionName",
                                          "Value": function["FunctionName"]}])
            if _has_data(sim, candidate, BUSY):
                return candidate
        raise AssertionError("no function with %s" % metric)
    return params


def _s3(metric, storage_type):
    def params(sim):
        s3 = sim.client("s3", REGION, BUSY)
        for bucket in s3.list_buckets()["Buckets"]:
            location = s3.get_bucket_location(Bucket=bucket["Name"]).get("LocationConstraint")
            if (location or "us-east-1") != REGION:
                continue
            candidate = dict(_window(1, 86400), Namespace="AWS/S3", MetricName=metric,
                             Dimensions=[{"Name": "BucketName", "Value": bucket["Name"]},
                                         {"Name": "StorageType", "Value": storage_type}])
            if _has_data(sim, candidate, BUSY):
                return candidate
        raise AssertionError("no us-east-1 bucket with %s" % metric)
    return params


def _custom(sim):
    """A datum sent with PutMetricData comes back through GetMetricStatistics."""
    dimensions = [{"Name": "Collector", "Value": "judge"}]
    sim.client("cloudwatch", REGION, BUSY).put_metric_data(
        Namespace="View360/Judge",
        MetricData=[{"MetricName": "Runs", "Value": 2.0, "Unit": "Count",
                     "Dimensions": dimensions,
                     "Timestamp": DAY - datetime.timedelta(hours=5)}])
    return dict(_window(1, 3600), Namespace="View360/Judge", MetricName="Runs",
                Dimensions=dimensions)


CALLS = [
    {"service": "ec2", "operation": "DescribeRegions", "params": {}, "account": BUSY,
     "nonempty": "Regions"},
    {"service": "ec2", "operation": "DescribeRegions", "params": {"AllRegions": True},
     "account": 5, "nonempty": "Regions"},
    {"service": "ec2", "operation": "DescribeInstances", "params": {}, "region": REGION,
     "account": BUSY, "nonempty": "Reservations"},
    {"service": "ec2", "operation": "DescribeInstances", "region": REGION, "account": BUSY,
     "params": {"Filters": [{"Name": "instance-state-name", "Values": ["stopped"]}]},
     "nonempty": "Reservations"},
    {"service": "ec2", "operation": "DescribeInstances", "region": REGION, "account": CLUSTERS,
     "params": {"Filters": [{"Name": "tag-key", "Values": ["Department"]}]},
     "nonempty": "Reservations"},
    {"service": "ec2", "operation": "DescribeVolumes", "params": {}, "region": REGION,
     "account": BUSY, "nonempty": "Volumes"},
    {"service": "ec2", "operation": "DescribeVolumes", "region": REGION, "account": BUSY,
     "params": {"Filters": [{"Name": "status", "Values": ["in-use"]}]}, "nonempty": "Volumes"},
    {"service": "ec2", "operation": "DescribeSubnets", "params": {}, "region": REGION,
     "account": BUSY, "nonempty": "Subnets"},
    {"service": "ec2", "operation": "DescribeSnapshots", "params": {"OwnerIds": ["self"]},
     "region": REGION, "account": BUSY, "nonempty": "Snapshots"},
    {"service": "rds", "operation": "DescribeDBInstances", "params": {}, "region": REGION,
     "account": CLUSTERS, "nonempty": "DBInstances"},
    {"service": "rds", "operation": "DescribeDBClusters", "params": {}, "region": REGION,
     "account": CLUSTERS, "nonempty": "DBClusters"},
    {"service": "elbv2", "operation": "DescribeLoadBalancers", "params": {}, "region": REGION,
     "account": BALANCERS, "nonempty": "LoadBalancers"},
    {"service": "autoscaling", "operation": "DescribeAutoScalingGroups", "params": {},
     "region": REGION, "account": CLUSTERS, "nonempty": "AutoScalingGroups"},
    {"service": "lambda", "operation": "ListFunctions", "params": {}, "region": REGION,
     "account": BUSY, "nonempty": "Functions"},
    {"service": "cloudwatch", "operation": "GetMetricStatistics", "params": _ec2_cpu,
     "region": REGION, "account": BUSY, "nonempty": "Datapoints"},
    {"service": "cloudwatch", "operation": "GetMetricStatistics", "params": _rds_cpu,
     "region": REGION, "account": CLUSTERS, "nonempty": "Datapoints"},
    {"service": "cloudwatch", "operation": "GetMetricStatistics",
     "params": _lambda("Invocations"), "region": REGION, "account": BUSY,
     "nonempty": "Datapoints"},
    {"service": "cloudwatch", "operation": "GetMetricStatistics", "params": _lambda("Duration"),
     "region": REGION, "account": BUSY, "nonempty": "Datapoints"},
    {"service": "cloudwatch", "operation": "GetMetricStatistics",
     "params": _s3("BucketSizeBytes", "StandardStorage"), "region": REGION, "account": BUSY,
     "nonempty": "Datapoints"},
    {"service": "cloudwatch", "operation": "GetMetricStatistics",
     "params": _s3("NumberOfObjects", "AllStorageTypes"), "region": REGION, "account": BUSY,
     "nonempty": "Datapoints"},
    {"service": "cloudwatch", "operation": "GetMetricStatistics", "params": _custom,
     "region": REGION, "account": BUSY, "nonempty": "Datapoints"},
]

PAGINATED = [
    {"service": "ec2", "operation": "DescribeInstances", "params": {}, "region": REGION,
     "account": BUSY},
    {"service": "ec2", "operation": "DescribeVolumes", "params": {}, "region": REGION,
     "account": BUSY},
    {"service": "ec2", "operation": "DescribeSubnets", "params": {}, "region": REGION,
     "account": BUSY},
    {"service": "ec2", "operation": "DescribeSnapshots", "params": {"OwnerIds": ["self"]},
     "region": REGION, "account": BUSY},
    {"service": "rds", "operation": "DescribeDBInstances", "params": {}, "region": REGION,
     "account": CLUSTERS},
    {"service": "rds", "operation": "DescribeDBClusters", "params": {}, "region": REGION,
     "account": CLUSTERS},
    {"service": "elbv2", "operation": "DescribeLoadBalancers", "params": {}, "region": REGION,
     "account": BALANCERS},
    {"service": "autoscaling", "operation": "DescribeAutoScalingGroups", "params": {},
     "region": REGION, "account": CLUSTERS},
    {"service": "lambda", "operation": "ListFunctions", "params": {}, "region": REGION,
     "account": BUSY},
]
