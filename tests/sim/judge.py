#!/usr/bin/env python3
"""The third-party judge of `view360 sim`: botocore (boto3 1.43) calls every operation the
simulator serves, parses each response with its own parsers, and validates the parsed output
against the operation's output shape in botocore's model (required members present, types and
enum values right, no member the model does not have). Paginated operations are walked with
botocore's own paginators and compared with the simulator's unpaginated ground truth (complete,
no duplicates). With --throttle, every service's throttling error must be one botocore's retry
logic treats as throttling, and a standard-mode client must ride through it.

The calls come from tests/sim/calls_*.py: CALLS (each operation at least once, most with a
"nonempty" check) and PAGINATED. Starts the simulator itself (--binary) unless --endpoint is given.
Prints a JSON summary; exits 1 when anything failed.
"""
import argparse
import datetime
import glob
import importlib.util
import json
import os
import subprocess
import sys
import threading
import urllib.request

import boto3
import botocore.config
import botocore.exceptions
from botocore.retries.standard import ThrottledRetryableChecker

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = "2025-09-20"


class Sim:
    """A running simulator and boto3 clients signed with its credentials."""

    def __init__(self, endpoint, world, retries=None):
        self.endpoint = endpoint
        self.world = world
        self.scenario = world
        self._retries = retries or {"mode": "standard", "max_attempts": 1}
        self._creds = {}

    def admin(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint + "/_sim/" + path, data=data,
                                         method="POST" if data is not None else "GET")
        try:
            with urllib.request.urlopen(request) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            return {"error": error.read().decode(), "status": error.code}

    def account_id(self, account):
        if account is None:
            return self.world["management_account"]
        if isinstance(account, int):
            return self.world["management_account"][:3] + "%09d" % account
        return account

    def credentials(self, account=None):
        account_id = self.account_id(account)
        if account_id not in self._creds:
            self._creds[account_id] = self.admin("credentials?account=" + account_id)
        return self._creds[account_id]

    def client(self, service, region=None, account=None, retries=None):
        creds = self.credentials(account)
        return boto3.session.Session().client(
            service, region_name=region or self.world["regions"][0], endpoint_url=self.endpoint,
            aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
            config=botocore.config.Config(retries=retries or self._retries,
                                          connect_timeout=5, read_timeout=30))


def start_simulator(binary, extra):
    args = [binary, "sim", "--port", "0", "--output", "json", "--strict", "--today", TODAY] + extra
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line:
        raise SystemExit("simulator did not start: " + process.stderr.read())
    return process, json.loads(line)


# Values real AWS sends that botocore's enums do not list (botocore does not validate outputs,
# so clients see them): EC2 reports Windows instances' Platform as "windows".
AWS_ENUM_DEVIATIONS = {"PlatformValues": ("windows",)}


# ---- Output-shape validation ------------------------------------------------------------------

def validate(shape, value, path, problems):
    """Appends to problems every way `value` (botocore's parsed output) breaks `shape`."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append("%s: expected a structure, got %s" % (path, type(value).__name__))
            return
        for name in shape.required_members:
            if name not in value:
                problems.append("%s.%s: required member missing" % (path, name))
        for name, member_value in value.items():
            if path == "" and name == "ResponseMetadata":
                continue
            member = shape.members.get(name)
            if member is None:
                problems.append("%s.%s: not in the model" % (path, name))
                continue
            validate(member, member_value, "%s.%s" % (path, name), problems)
    elif kind == "list":
        if not isinstance(value, list):
            problems.append("%s: expected a list, got %s" % (path, type(value).__name__))
            return
        for i, item in enumerate(value):
            validate(shape.member, item, "%s[%d]" % (path, i), problems)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append("%s: expected a map" % path)
            return
        for key, item in value.items():
            validate(shape.value, item, "%s[%r]" % (path, key), problems)
    elif kind == "string":
        if not isinstance(value, str):
            problems.append("%s: expected a string, got %r" % (path, value))
        elif shape.enum and value not in shape.enum and value not in AWS_ENUM_DEVIATIONS.get(
                shape.name, ()):
            problems.append("%s: %r is not one of the enum %s" % (path, value, shape.enum[:8]))
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append("%s: expected an integer, got %r" % (path, value))
    elif kind in ("double", "float"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append("%s: expected a number, got %r" % (path, value))
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append("%s: expected a boolean, got %r" % (path, value))
    elif kind == "timestamp":
        if not isinstance(value, datetime.datetime):
            problems.append("%s: expected a timestamp, got %r" % (path, value))
    elif kind == "blob":
        if not isinstance(value, (bytes, bytearray)) and not hasattr(value, "read"):
            problems.append("%s: expected bytes, got %r" % (path, value))


def load_modules(only):
    modules = []
    for path in sorted(glob.glob(os.path.join(HERE, "calls_*.py"))):
        name = os.path.splitext(os.path.basename(path))[0]
        if only and name not in only:
            continue
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def resolve(params, sim):
    return params(sim) if callable(params) else dict(params or {})


def run_call(sim, entry, failures):
    service, operation = entry["service"], entry["operation"]
    label = "%s %s" % (service, operation)
    try:
        client = sim.client(service, entry.get("region"), entry.get("account"))
        params = resolve(entry.get("params"), sim)
        output = client._make_api_call(operation, params)
    except Exception as error:  # botocore refused to parse, or the simulator answered an error
        failures.append({"call": label, "problem": "%s: %s" % (type(error).__name__, error)})
        return None
    shape = client.meta.service_model.operation_model(operation).output_shape
    problems = []
    if shape is not None:
        validate(shape, output, "", problems)
    key = entry.get("nonempty")
    if key and not output.get(key):
        problems.append("%s: expected a non-empty list" % key)
    for problem in problems:
        failures.append({"call": label, "problem": problem})
    return output


def run_paginated(sim, entry, failures):
    service, operation = entry["service"], entry["operation"]
    label = "%s %s (paginated)" % (service, operation)
    client = sim.client(service, entry.get("region"), entry.get("account"))
    params = resolve(entry.get("params"), sim)
    try:
        paginator = client.get_paginator(botocore.xform_name(operation))
        pages = list(paginator.paginate(**params))
    except Exception as error:
        failures.append({"call": label, "problem": "%s: %s" % (type(error).__name__, error)})
        return 0
    truth = sim.admin("truth", {"service": service, "operation": operation, "params": params,
                                "account": sim.account_id(entry.get("account")),
                                "region": entry.get("region") or sim.world["regions"][0]})
    for expression in paginator.result_keys:
        key = expression.expression
        items = [item for page in pages for item in (expression.search(page) or [])]
        expected = truth.get(key.split(".")[0]) if "." not in key else None
        if expected is None:
            continue
        if len(items) != len(expected):
            failures.append({"call": label, "problem": "%s: %d items through the paginator, %d "
                             "in the truth" % (key, len(items), len(expected))})
        unique = {json.dumps(item, sort_keys=True, default=str) for item in items}
        if len(unique) != len(items):
            failures.append({"call": label, "problem": "%s: %d duplicates across pages"
                             % (key, len(items) - len(unique))})
        if len(expected) > sim.world["page_size"] and len(pages) < 2:
            failures.append({"call": label, "problem": "%d items came in one page" % len(items)})
    return len(pages)


def judge_calls(sim, modules, check_coverage):
    failures, covered, pages = [], set(), 0
    calls = paginated = 0
    for module in modules:
        for entry in getattr(module, "CALLS", []):
            calls += 1
            covered.add((entry["service"], entry["operation"]))
            run_call(sim, entry, failures)
        for entry in getattr(module, "PAGINATED", []):
            paginated += 1
            pages += run_paginated(sim, entry, failures)
    served = {(op["service"], op["operation"]) for op in sim.admin("operations")}
    uncovered = sorted("%s %s" % pair for pair in served - covered) if check_coverage else []
    unserved = sorted("%s %s" % pair for pair in covered - served)
    return {"calls": calls, "paginated": paginated, "pages": pages, "served": len(served),
            "failures": failures, "uncovered": uncovered, "not_served": unserved}


def judge_throttling(sim, modules):
    """With a bucket of one token, a second call is throttled: the code must be one botocore treats
    as throttling, and a standard-mode client with retries must get through."""
    failures, seen = [], {}
    for module in modules:
        for entry in getattr(module, "CALLS", []):
            service = entry["service"]
            if service in seen:
                continue
            client = sim.client(service, entry.get("region"), entry.get("account"))
            params = resolve(entry.get("params"), sim)
            code = None
            for _ in range(4):
                try:
                    client._make_api_call(entry["operation"], params)
                except botocore.exceptions.ClientError as error:
                    code = error.response["Error"]["Code"]
                    status = error.response["ResponseMetadata"]["HTTPStatusCode"]
                    break
            if code is None:
                failures.append({"call": service, "problem": "never throttled"})
                continue
            seen[service] = code
            if code not in ThrottledRetryableChecker._THROTTLED_ERROR_CODES:
                failures.append({"call": service, "problem": "%s (HTTP %d) is not a throttling "
                                 "error to botocore" % (code, status)})
            # The bucket refills (the admin reset) while the client backs off: botocore's
            # standard mode must retry the throttled call until it gets through.
            patient = sim.client(service, entry.get("region"), entry.get("account"),
                                 retries={"mode": "standard", "max_attempts": 10})
            refill = threading.Timer(1.0, lambda: sim.admin("reset", {}))
            refill.start()
            try:
                output = patient._make_api_call(entry["operation"], params)
                if output["ResponseMetadata"].get("RetryAttempts", 0) < 1:
                    failures.append({"call": service, "problem": "got through without a retry"})
            except botocore.exceptions.ClientError as error:
                failures.append({"call": service, "problem": "standard retries did not get "
                                 "through: %s" % error})
            finally:
                refill.join()
    return {"services": seen, "failures": failures}


# The AWS CLI's command for services whose botocore name it uses for something else.
CLI_COMMANDS = {"s3": "s3api", "config": "configservice"}


def judge_cli(sim, modules):
    """One operation of every service through the AWS CLI (v1, the machine's Python), with
    --endpoint-url and the keys the simulator printed."""
    import concurrent.futures
    picks = {}
    for module in modules:
        for entry in getattr(module, "CALLS", []):
            if entry["service"] not in picks and entry.get("account") is None:
                picks[entry["service"]] = entry
    creds = sim.credentials(None)
    env = dict(os.environ, AWS_ACCESS_KEY_ID=creds["AccessKeyId"],
               AWS_SECRET_ACCESS_KEY=creds["SecretAccessKey"], AWS_DEFAULT_REGION="us-east-1",
               AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")

    def run(entry):
        service, operation = entry["service"], entry["operation"]
        params = resolve(entry.get("params"), sim)
        argv = ["aws", "--endpoint-url", sim.endpoint, "--region",
                entry.get("region") or sim.world["regions"][0], "--output", "json",
                CLI_COMMANDS.get(service, service), botocore.xform_name(operation, "-"),
                "--cli-input-json", json.dumps(params, default=str)]
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
        problem = None
        if done.returncode != 0:
            problem = "exit %d: %s" % (done.returncode, done.stderr.strip()[-400:])
        else:
            try:
                json.loads(done.stdout or "{}")
            except ValueError:
                problem = "output is not JSON: " + done.stdout[:200]
        return service, operation, problem

    failures, services = [], {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for service, operation, problem in pool.map(run, picks.values()):
            services[service] = operation
            if problem:
                failures.append({"call": "aws %s %s" % (service, operation), "problem": problem})
    return {"services": services, "failures": failures}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", help="view360 binary to start the simulator with")
    parser.add_argument("--endpoint", help="a running simulator (started with --today %s)" % TODAY)
    parser.add_argument("--only", nargs="*", help="calls_<group> modules to run")
    parser.add_argument("--accounts", type=int, default=12)
    parser.add_argument("--throttle", action="store_true",
                        help="judge throttling errors instead of outputs")
    parser.add_argument("--cli", action="store_true",
                        help="call one operation of every service with the AWS CLI")
    args = parser.parse_args()
    modules = load_modules(args.only)
    process = None
    if args.endpoint:
        endpoint = args.endpoint
    else:
        extra = ["--accounts", str(args.accounts)]
        extra += ["--throttle-scale", "0.0001"] if args.throttle else ["--no-throttle"]
        process, started = start_simulator(args.binary, extra)
        endpoint = started["endpoint_url"]
    try:
        world = json.load(urllib.request.urlopen(endpoint + "/_sim/world"))
        sim = Sim(endpoint, world)
        if args.throttle:
            summary = judge_throttling(sim, modules)
        elif args.cli:
            summary = judge_cli(sim, modules)
        else:
            summary = judge_calls(sim, modules, check_coverage=not args.only)
    finally:
        if process:
            process.terminate()
            process.wait(timeout=10)
    print(json.dumps(summary, indent=2, default=str))
    bad = summary["failures"] or summary.get("uncovered") or summary.get("not_served")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
