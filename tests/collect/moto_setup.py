#!/usr/bin/env python3
"""Creates state in moto through its own AWS APIs (boto3), for the collector tests.

usage: moto_setup.py ENDPOINT GROUP.STEP ARGS_JSON
Runs function STEP of module setup_GROUP.py (beside this file) with (clients, args) and prints
its result as one JSON line: the ids of what it created, for the test to compare with.
"""
import importlib
import json
import os
import sys

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


class Clients:
    """boto3 clients for the moto server, in moto's default account unless told otherwise."""

    def __init__(self, endpoint):
        self.endpoint = endpoint

    def __call__(self, service, region="us-east-1", credentials=None):
        keys = credentials or {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
        return boto3.client(service, endpoint_url=self.endpoint, region_name=region, **keys)

    def in_account(self, account_id, service, region="us-east-1"):
        """A client acting in another account (moto isolates accounts by AssumeRole)."""
        creds = self("sts").assume_role(
            RoleArn=f"arn:aws:iam::{account_id}:role/setup", RoleSessionName="setup")["Credentials"]
        return self(service, region, {"aws_access_key_id": creds["AccessKeyId"],
                                      "aws_secret_access_key": creds["SecretAccessKey"],
                                      "aws_session_token": creds["SessionToken"]})


def main():
    endpoint, step, args = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    group, name = step.split(".", 1)
    module = importlib.import_module(f"setup_{group}")
    result = getattr(module, name)(Clients(endpoint), args)
    print(json.dumps(result if result is not None else {}, default=str))


if __name__ == "__main__":
    main()
