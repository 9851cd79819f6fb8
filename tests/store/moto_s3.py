#!/usr/bin/env python3
"""What the store tests need from moto that our trimmed models do not carry, through boto3.

usage: moto_s3.py ENDPOINT STEP ARGS_JSON
Prints one JSON line:
  create_kms_key {}              -> {"KeyId": ..., "Arn": ...}
  multipart_uploads {"Bucket"}   -> {"Uploads": [{"Key", "UploadId"}, ...]} (pending uploads)
"""
import json
import sys

import boto3


def client(endpoint, service):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def create_kms_key(endpoint, _args):
    key = client(endpoint, "kms").create_key(Description="view360 store test")["KeyMetadata"]
    return {"KeyId": key["KeyId"], "Arn": key["Arn"]}


def multipart_uploads(endpoint, args):
    answer = client(endpoint, "s3").list_multipart_uploads(Bucket=args["Bucket"])
    return {"Uploads": [{"Key": u["Key"], "UploadId": u["UploadId"]}
                        for u in answer.get("Uploads", [])]}


def main():
    endpoint, step, args = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    print(json.dumps(globals()[step](endpoint, args)))


if __name__ == "__main__":
    main()
