"""moto state for the service_resources category: what it creates, and the elements (§b.13)
the collector must write for it. Values View360 could get wrong are given literally (what was
created); values moto decides (ids, states, free IPs, dates) are read back with boto3."""
import io
import json
import zipfile

REGION = "us-east-1"
WEST = "eu-west-1"
MEMBERS = ["service_name", "resource_type", "resource_id", "resource_name", "region",
           "availability_zone", "state", "instance_type", "vpc_id", "engine", "instance_class",
           "multi_az", "size_gb", "volume_type", "creation_date", "type", "scheme",
           "instance_count", "min_size", "max_size", "available_ip_count"]


def element(service, kind, region, **values):
    e = {m: None for m in MEMBERS}
    e.update(service_name=service, resource_type=kind, region=region)
    e.update(values)
    return e


def _zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("handler.py", "def handle(event, context):\n    return 1\n")
    return buf.getvalue()


def world(clients, args):
    ec2 = clients("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.10.0.0/16")["Vpc"]["VpcId"]
    subnet_a = ec2.create_subnet(VpcId=vpc, CidrBlock="10.10.1.0/24", AvailabilityZone="us-east-1a",
                                 TagSpecifications=[{"ResourceType": "subnet",
                                                     "Tags": [{"Key": "Name", "Value": "app-a"}]}]
                                 )["Subnet"]["SubnetId"]
    subnet_b = ec2.create_subnet(VpcId=vpc, CidrBlock="10.10.2.0/24",
                                 AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    named = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro",
                              SubnetId=subnet_a,
                              TagSpecifications=[{"ResourceType": "instance",
                                                  "Tags": [{"Key": "Name", "Value": "web-1"},
                                                           {"Key": "team", "Value": "a"}]}]
                              )["Instances"][0]["InstanceId"]
    unnamed = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="m5.large",
                                SubnetId=subnet_b)["Instances"][0]["InstanceId"]
    ec2.stop_instances(InstanceIds=[unnamed])
    volume = ec2.create_volume(AvailabilityZone="us-east-1b", Size=20, VolumeType="gp3",
                               TagSpecifications=[{"ResourceType": "volume",
                                                   "Tags": [{"Key": "Name", "Value": "data"}]}]
                               )["VolumeId"]

    rds = clients("rds")
    rds.create_db_instance(DBInstanceIdentifier="orders-db", Engine="postgres",
                           DBInstanceClass="db.t3.micro", AllocatedStorage=20, MultiAZ=True,
                           MasterUsername="admin1", MasterUserPassword="secret-password-1")

    s3 = clients("s3")
    s3.create_bucket(Bucket="res-east-bucket")
    clients("s3", WEST).create_bucket(Bucket="res-west-bucket",
                                      CreateBucketConfiguration={"LocationConstraint": WEST})

    elb = clients("elbv2")
    elb.create_load_balancer(Name="web-alb", Subnets=[subnet_a, subnet_b],
                             Scheme="internal", Type="application")

    asg = clients("autoscaling")
    asg.create_launch_configuration(LaunchConfigurationName="web-lc", ImageId=image,
                                    InstanceType="t3.micro")
    asg.create_auto_scaling_group(AutoScalingGroupName="web-asg", LaunchConfigurationName="web-lc",
                                  MinSize=1, MaxSize=3, DesiredCapacity=1,
                                  VPCZoneIdentifier=f"{subnet_a},{subnet_b}")
    asg.create_auto_scaling_group(AutoScalingGroupName="idle-asg", LaunchConfigurationName="web-lc",
                                  MinSize=0, MaxSize=2, DesiredCapacity=0,
                                  AvailabilityZones=["us-east-1c"])

    role = clients("iam").create_role(
        RoleName="fn-role", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17",
                                                                 "Statement": []}))["Role"]["Arn"]
    lam = clients("lambda")
    code = {"ZipFile": _zip()}
    lam.create_function(FunctionName="fn-small", Runtime="python3.12", Role=role,
                        Handler="handler.handle", Code=code, MemorySize=128)
    lam.create_function(FunctionName="fn-big", Runtime="nodejs20.x", Role=role,
                        Handler="handler.handle", Code=code, MemorySize=1536,
                        Architectures=["arm64"], EphemeralStorage={"Size": 1024})

    # What moto decided, read back with boto3.
    instances = {i["InstanceId"]: i for r in ec2.describe_instances()["Reservations"]
                 for i in r["Instances"]}
    subnets = {s["SubnetId"]: s for s in ec2.describe_subnets()["Subnets"]}
    volumes = {v["VolumeId"]: v for v in ec2.describe_volumes()["Volumes"]}
    db = rds.describe_db_instances()["DBInstances"][0]
    buckets = {b["Name"]: b for b in s3.list_buckets()["Buckets"]}
    alb = elb.describe_load_balancers()["LoadBalancers"][0]
    groups = {g["AutoScalingGroupName"]: g for g in asg.describe_auto_scaling_groups()[
        "AutoScalingGroups"]}
    functions = {f["FunctionName"]: f for f in lam.list_functions()["Functions"]}

    def instance(iid, name, itype):
        i = instances[iid]
        return element("EC2", "Instance", REGION, resource_id=iid, resource_name=name,
                       availability_zone=i["Placement"]["AvailabilityZone"],
                       state=i["State"]["Name"], instance_type=itype, vpc_id=vpc)

    def subnet(sid, name, az):
        return element("VPC", "Subnet", REGION, resource_id=sid, resource_name=name,
                       availability_zone=az, state=subnets[sid]["State"], vpc_id=vpc,
                       available_ip_count=subnets[sid]["AvailableIpAddressCount"])

    def bucket(name, region):
        return element("S3", "Bucket", region, resource_id=name, resource_name=name,
                       state="Active", creation_date=buckets[name]["CreationDate"].isoformat())

    def function(name, runtime, gb, arch, storage):
        f = functions[name]
        return element("Lambda", "Function", REGION, resource_id=f["FunctionArn"],
                       resource_name=name, availability_zone="Generic", state=f.get("State"),
                       instance_type=runtime, vpc_id="", engine=runtime, instance_class="",
                       multi_az=True, size_gb=gb, volume_type="EphemeralStorage",
                       creation_date=f["LastModified"], type="Zip", scheme=arch,
                       instance_count=1, max_size=storage)

    expected = [
        instance(named, "web-1", "t3.micro"),
        instance(unnamed, "", "m5.large"),
        element("RDS", "DBInstance", REGION, resource_id="orders-db", resource_name="orders-db",
                availability_zone=db.get("AvailabilityZone"), state=db["DBInstanceStatus"],
                engine="postgres", instance_class="db.t3.micro", multi_az=True),
        element("EBS", "Volume", REGION, resource_id=volume, resource_name="data",
                availability_zone="us-east-1b", state=volumes[volume]["State"], size_gb=20,
                volume_type="gp3"),
        bucket("res-east-bucket", REGION),
        bucket("res-west-bucket", WEST),
        element("ELB", "LoadBalancer", REGION, resource_id="web-alb", resource_name="web-alb",
                availability_zone=",".join(z["ZoneName"] for z in alb["AvailabilityZones"]),
                state=alb["State"]["Code"], type="application", scheme="internal"),
        element("AutoScaling", "AutoScalingGroup", REGION, resource_id="web-asg",
                resource_name="web-asg",
                availability_zone=",".join(groups["web-asg"]["AvailabilityZones"]),
                state="Active", instance_count=1, min_size=1, max_size=3),
        element("AutoScaling", "AutoScalingGroup", REGION, resource_id="idle-asg",
                resource_name="idle-asg", availability_zone="us-east-1c", state="Inactive",
                instance_count=0, min_size=0, max_size=2),
        subnet(subnet_a, "app-a", "us-east-1a"),
        subnet(subnet_b, "", "us-east-1b"),
        function("fn-small", "python3.12", 0.125, "x86_64", 512),
        function("fn-big", "nodejs20.x", 1.5, "arm64", 1024),
    ]
    return {"expected": expected,
            "ids": {"EC2": sorted(instances), "EBS": sorted(volumes), "VPC": sorted(subnets),
                    "RDS": ["orders-db"], "S3": sorted(buckets), "ELB": ["web-alb"],
                    "AutoScaling": sorted(groups),
                    "Lambda": sorted(f["FunctionArn"] for f in functions.values())},
            "west_subnets": sorted(s["SubnetId"] for s in
                                   clients("ec2", WEST).describe_subnets()["Subnets"])}
