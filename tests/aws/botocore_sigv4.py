#!/usr/bin/env python3
"""SigV4 vectors from botocore, the second judge of src/aws/sigv4 (the AWS suite is the first).

Signs a fixed set of requests with botocore's own signers (SigV4Auth, S3SigV4Auth,
SigV4QueryAuth, S3SigV4QueryAuth), offline, with fixed credentials and a fixed clock, and writes
one JSON document: for each vector the request as our HttpRequest holds it (encoded path, decoded
query pairs, headers, body) and what botocore computed at each stage (canonical request, string
to sign, signature, and the Authorization header or the presigned URL). tests/aws/sigv4_test.cpp
runs this script and compares our signer's output with it, stage by stage.

The vectors cover what the AWS suite does not: S3 (single URI encoding, no path normalisation,
x-amz-content-sha256, UNSIGNED-PAYLOAD), S3 keys with spaces, non-ASCII, '+' and '~', session
tokens, presigned URLs for S3 and for STS, repeated and empty query parameters, a JSON POST with
X-Amz-Target, hop-by-hop headers left unsigned, and ports.

Usage: botocore_sigv4.py [OUT.json]   (stdout when OUT is not given)
Exits non-zero when botocore cannot be imported: the C++ test then fails, it never skips.
"""

import datetime
import json
import sys
import types
from unittest import mock
from urllib.parse import quote, urlencode

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
# Has '/', '+' and '=' so that a presigned URL must encode it.
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQEXAMPLE+TOKEN/abc=="
# A leap day, one second before midnight: the date of the scope is the 29th.
FIXED_TIME = datetime.datetime(2024, 2, 29, 23, 59, 59)

SIGNERS = {
    "SigV4Auth": botocore.auth.SigV4Auth,
    "S3SigV4Auth": botocore.auth.S3SigV4Auth,
    "SigV4QueryAuth": botocore.auth.SigV4QueryAuth,
    "S3SigV4QueryAuth": botocore.auth.S3SigV4QueryAuth,
}

S3_KEY = "photos/2024 summer/\u00e9t\u00e9+plage~1.jpg"


def s3_path(bucket_and_key):
    # What botocore's rest-xml serializer puts in the URL for a key: quote(safe='/~').
    return "/" + quote(bucket_and_key, safe="/~")


VECTORS = [
    {
        "name": "sts-get-caller-identity-form-post",
        "signer": "SigV4Auth", "service": "sts", "region": "us-east-1",
        "request": {
            "method": "POST", "endpoint": "https://sts.amazonaws.com", "path": "/",
            "headers": [["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"],
                        ["User-Agent", "view360/0.1.0"]],
            "body": "Action=GetCallerIdentity&Version=2011-06-15",
        },
    },
    {
        "name": "dynamodb-json-post-x-amz-target-session-token",
        "signer": "SigV4Auth", "service": "dynamodb", "region": "eu-west-1", "token": True,
        "request": {
            "method": "POST", "endpoint": "https://dynamodb.eu-west-1.amazonaws.com", "path": "/",
            "headers": [["Content-Type", "application/x-amz-json-1.0"],
                        ["X-Amz-Target", "DynamoDB_20120810.ListTables"],
                        ["User-Agent", "view360/0.1.0 md/test"],
                        ["X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793"]],
            "body": '{"Limit": 10, "ExclusiveStartTableName": "caf\u00e9"}',
        },
    },
    {
        "name": "ec2-query-repeated-empty-and-encoded-parameters",
        "signer": "SigV4Auth", "service": "ec2", "region": "us-west-2",
        "request": {
            "method": "GET", "endpoint": "https://ec2.us-west-2.amazonaws.com", "path": "/",
            "query": [["Action", "DescribeInstances"], ["Version", "2016-11-15"],
                      ["Filter.1.Value.2", "b"], ["Filter.1.Value.1", "a"],
                      ["tag", "z"], ["tag", "a"], ["tag", ""], ["empty", ""],
                      ["a b", "c/d+e~f*g"], ["\u00fcn\u00ef", "c\u00f8d\u00e9 \u2603"]],
        },
    },
    {
        "name": "execute-api-path-normalised-and-double-encoded",
        "signer": "SigV4Auth", "service": "execute-api", "region": "us-east-1",
        "request": {
            "method": "GET", "endpoint": "https://abc123.execute-api.us-east-1.amazonaws.com",
            "path": "/prod/items/a%20b/./c//d/../%C3%A9+~x", "query": [["q", "x y"]],
        },
    },
    {
        "name": "headers-trimmed-collapsed-joined-hop-by-hop-unsigned",
        "signer": "SigV4Auth", "service": "service", "region": "us-east-1",
        "request": {
            "method": "PUT", "endpoint": "http://127.0.0.1:8080", "path": "/things/1",
            "headers": [["My-Header1", "  a   b  \t c  "], ["X-Custom", "one"],
                        ["Content-Type", "text/plain"], ["x-custom", " two  words "],
                        ["Connection", "keep-alive"], ["Expect", "100-continue"],
                        ["Keep-Alive", "timeout=5"], ["Upgrade", "h2c"]],
            "body": "payload",
        },
    },
    {
        "name": "s3-get-object-key-with-space-unicode-plus-tilde",
        "signer": "S3SigV4Auth", "service": "s3", "region": "us-east-1",
        "request": {
            "method": "GET", "endpoint": "https://examplebucket.s3.amazonaws.com",
            "path": s3_path(S3_KEY), "headers": [["Range", "bytes=0-9"]],
        },
    },
    {
        "name": "s3-put-object-unsigned-payload",
        "signer": "S3SigV4Auth", "service": "s3", "region": "eu-central-1",
        "unsigned_payload": True,
        "request": {
            "method": "PUT", "endpoint": "https://s3.eu-central-1.amazonaws.com",
            "path": s3_path("my-bucket/" + S3_KEY),
            "headers": [["Content-Type", "image/jpeg"]], "body": "not really a jpeg\n",
        },
    },
    {
        "name": "s3-put-object-signed-payload-session-token",
        "signer": "S3SigV4Auth", "service": "s3", "region": "us-east-1", "token": True,
        "request": {
            "method": "PUT", "endpoint": "https://examplebucket.s3.amazonaws.com",
            "path": s3_path("data/loaded/2024/02/29/doc a+b.json"),
            "headers": [["Content-Type", "application/json"], ["x-amz-meta-Owner", " View360 "]],
            "body": '{"schema": "view360/v2"}',
        },
    },
    {
        "name": "s3-path-not-normalised-custom-port",
        "signer": "S3SigV4Auth", "service": "s3", "region": "us-east-1",
        "request": {
            "method": "GET", "endpoint": "http://localhost:9000",
            "path": "/bucket/a/./b//../c.txt",
        },
    },
    {
        "name": "s3-default-port-dropped-from-host",
        "signer": "S3SigV4Auth", "service": "s3", "region": "us-east-1",
        "request": {
            "method": "HEAD", "endpoint": "https://examplebucket.s3.amazonaws.com:443",
            "path": s3_path("key"),
        },
    },
    {
        "name": "s3-list-objects-v2-query",
        "signer": "S3SigV4Auth", "service": "s3", "region": "us-east-1",
        "request": {
            "method": "GET", "endpoint": "https://s3.us-east-1.amazonaws.com", "path": "/bucket",
            "query": [["list-type", "2"], ["prefix", "photos/2024 summer/"], ["delimiter", "/"],
                      ["continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="],
                      ["encoding-type", "url"]],
        },
    },
    {
        "name": "s3-create-multipart-upload-empty-query-value",
        "signer": "S3SigV4Auth", "service": "s3", "region": "us-east-1",
        "request": {
            "method": "POST", "endpoint": "https://examplebucket.s3.amazonaws.com",
            "path": s3_path("big file.bin"), "query": [["uploads", ""]],
        },
    },
    {
        "name": "presign-s3-get-object",
        "signer": "S3SigV4QueryAuth", "service": "s3", "region": "us-east-1", "expires": 3600,
        "request": {
            "method": "GET", "endpoint": "https://examplebucket.s3.amazonaws.com",
            "path": s3_path(S3_KEY),
            "query": [["response-content-disposition", 'attachment; filename="a b.jpg"']],
        },
    },
    {
        "name": "presign-s3-get-object-session-token-max-expiry",
        "signer": "S3SigV4QueryAuth", "service": "s3", "region": "ap-southeast-2",
        "expires": 604800, "token": True,
        "request": {
            "method": "GET", "endpoint": "https://s3.ap-southeast-2.amazonaws.com",
            "path": s3_path("reports-bucket/2024/report #1.csv"),
        },
    },
    {
        "name": "presign-s3-put-object-custom-port",
        "signer": "S3SigV4QueryAuth", "service": "s3", "region": "us-east-1", "expires": 900,
        "request": {
            "method": "PUT", "endpoint": "http://127.0.0.1:9000", "path": "/bucket/upload.txt",
        },
    },
    {
        "name": "presign-sts-get-caller-identity",
        "signer": "SigV4QueryAuth", "service": "sts", "region": "us-east-1", "expires": 900,
        "request": {
            "method": "GET", "endpoint": "https://sts.amazonaws.com", "path": "/",
            "query": [["Action", "GetCallerIdentity"], ["Version", "2011-06-15"]],
        },
    },
    {
        "name": "presign-sts-get-caller-identity-session-token",
        "signer": "SigV4QueryAuth", "service": "sts", "region": "eu-west-1", "expires": 60,
        "token": True,
        "request": {
            "method": "GET", "endpoint": "https://sts.eu-west-1.amazonaws.com", "path": "/",
            "query": [["Action", "GetCallerIdentity"], ["Version", "2011-06-15"]],
        },
    },
]


def sign(vector):
    spec = vector["request"]
    query = [tuple(pair) for pair in spec.get("query", [])]
    headers = spec.get("headers", [])
    body = spec.get("body", "")
    presign = vector["signer"].endswith("QueryAuth")
    url = spec["endpoint"] + spec["path"]
    if presign and query:
        # SigV4QueryAuth reads the operation's parameters from the URL.
        url += "?" + urlencode(query, quote_via=quote, safe="-_.~")
    request = AWSRequest(method=spec["method"], url=url,
                         params=None if presign else query,
                         data=body.encode("utf-8"))
    for name, value in headers:
        request.headers[name] = value  # HTTPHeaders appends: a repeated name stays repeated.
    if vector.get("unsigned_payload"):
        request.context["client_config"] = types.SimpleNamespace(
            s3={"payload_signing_enabled": False})

    token = SESSION_TOKEN if vector.get("token") else None
    credentials = Credentials(ACCESS_KEY, SECRET_KEY, token)
    args = (credentials, vector["service"], vector["region"])
    if presign:
        signer = SIGNERS[vector["signer"]](*args, expires=vector["expires"])
    else:
        signer = SIGNERS[vector["signer"]](*args)

    # Record each stage as add_auth computes it.
    stages = {}

    def record(stage, method):
        def wrapper(*call_args):
            stages[stage] = method(*call_args)
            return stages[stage]
        return wrapper

    signer.canonical_request = record("canonical_request", signer.canonical_request)
    signer.string_to_sign = record("string_to_sign", signer.string_to_sign)
    signer.signature = record("signature", signer.signature)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=FIXED_TIME):
        signer.add_auth(request)

    expected = dict(stages)
    if presign:
        expected["url"] = request.url
    else:
        expected["authorization"] = request.headers["Authorization"]
        expected["headers"] = [[name, value] for name, value in request.headers.items()]
    return {
        "name": vector["name"],
        "signer": vector["signer"],
        "service": vector["service"],
        "region": vector["region"],
        "presign": presign,
        "expires": vector.get("expires", 0),
        "unsigned_payload": bool(vector.get("unsigned_payload")),
        "credentials": {"access_key_id": ACCESS_KEY, "secret_access_key": SECRET_KEY,
                        "session_token": token or ""},
        "timestamp": FIXED_TIME.strftime("%Y%m%dT%H%M%SZ"),
        "request": {"method": spec["method"], "endpoint": spec["endpoint"],
                    "path": spec["path"], "query": [list(pair) for pair in query], "headers": headers, "body": body},
        "expected": expected,
    }


def main():
    document = {
        "botocore_version": botocore.__version__,
        "python_version": sys.version.split()[0],
        "vectors": [sign(vector) for vector in VECTORS],
    }
    text = json.dumps(document, indent=1, ensure_ascii=True) + "\n"
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
