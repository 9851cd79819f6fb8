#!/usr/bin/env python3
"""The third-party judge of our AWS protocols: what botocore sends and what it parses.

Offline: it only uses the machine's botocore (1.43) serializers and parsers, with botocore's own
full service models and, for each service, the protocol our trimmed model chose
(src/aws/models/<service>.json, metadata.protocol).

  botocore_judge.py requests  --operations OPS.json --models DIR
      For every row {service, operation, params} of OPS.json: what
      botocore.serialize.create_serializer(protocol).serialize_to_request(params, op) produces,
      as JSON: method, path, query (decoded name/value pairs, sorted), headers (lower-cased
      names), body_kind ("empty" | "form" | "json" | "xml" | "raw") and body (form: the
      url-encoded pairs as sent, sorted; json: the JSON value; xml/raw: the text).
      Timestamps in params are ISO-8601 strings or epoch numbers; blobs are strings (botocore
      sends their UTF-8 bytes), as our SerializeRequest takes them. Params are first put in our
      serializer's order (structure members in model order, map keys sorted), so that bodies
      (body_text) can be compared byte for byte.

  botocore_judge.py responses --index INDEX.json --models DIR
      For every case {name, service, operation, status, headers, body | body_file} of INDEX.json:
      what botocore.parsers.create_parser(protocol).parse() returns for the operation's output
      shape, after the S3 response handlers boto3 applies (200-with-error, Expires,
      GetBucketLocation). Success: {"name", "result": <output as JSON>} with datetimes as
      ISO-8601 UTC ("2025-09-15T10:20:30Z", ".123Z" / ".123456Z" only when there is a
      fraction), bytes as base64, ResponseMetadata dropped. Error: {"name", "error": {"code",
      "message", "request_id", "http_status"}}.

  botocore_judge.py synth --operations OPS.json --models DIR
      For every operation of OPS.json that has an output: a synthetic output value (every
      member filled, lists of one and two elements, maps, timestamps with and without
      fractions, blobs, non-ASCII text) serialised into a response by moto's model-driven
      serializer (moto.core.serialize, another third party), and what botocore parses from that
      response, as for `responses`: {"name", "service", "operation", "status", "headers",
      "body", "result"}.

Exit status 0 when it could judge; a row botocore rejects is reported in the output as
{"error": "..."} rather than aborting the run.
"""

import argparse
import base64
import datetime
import json
import os
import sys
from urllib.parse import parse_qsl, urlencode

import botocore
import botocore.handlers
import botocore.parsers
import botocore.serialize
import botocore.session
from urllib3._collections import HTTPHeaderDict

_SESSION = botocore.session.get_session()
_MODELS = {}


def service_model(service):
    if service not in _MODELS:
        _MODELS[service] = _SESSION.get_service_model(service)
    return _MODELS[service]


def our_protocol(models_dir, service):
    with open(os.path.join(models_dir, f"{service}.json"), encoding="utf-8") as f:
        return json.load(f)["metadata"]["protocol"]


def has_streaming_payload(shape):
    if shape is None:
        return False
    payload = shape.serialization.get("payload")
    return payload is not None and shape.members[payload].type_name in ("blob", "string")


def canonical_params(shape, value):
    """The params in our serializer's order: structure members in model order, map keys sorted.

    botocore serialises in the caller's order and so does not care; with the same order on both
    sides the bodies can be compared byte for byte.
    """
    if shape is None:
        return value
    if shape.type_name == "structure" and isinstance(value, dict) and not shape.is_document_type:
        out = {name: canonical_params(member, value[name])
               for name, member in shape.members.items() if name in value}
        out.update({k: v for k, v in value.items() if k not in out})  # Unknown: validation says.
        return out
    if shape.type_name == "list" and isinstance(value, list):
        return [canonical_params(shape.member, v) for v in value]
    if shape.type_name == "map" and isinstance(value, dict):
        return {k: canonical_params(shape.value, value[k]) for k in sorted(value)}
    return value


def judge_request(protocol, service, operation, params):
    op = service_model(service).operation_model(operation)
    serializer = botocore.serialize.create_serializer(protocol, include_validation=True)
    params = canonical_params(op.input_shape, json.loads(json.dumps(params)))
    request = serializer.serialize_to_request(params, op)

    url_path = request["url_path"]
    path, _, inline_query = url_path.partition("?")
    query = parse_qsl(inline_query, keep_blank_values=True)
    query_string = request.get("query_string") or {}
    if isinstance(query_string, dict):
        for name, value in query_string.items():
            values = value if isinstance(value, list) else [value]
            query += [(name, str(v)) for v in values]
    query = sorted([list(pair) for pair in query])

    headers = {name.lower(): str(value) for name, value in request["headers"].items()}
    body = request["body"]
    out = {"method": request["method"], "path": path, "query": query, "headers": headers}
    if protocol in ("query", "ec2"):
        pairs = [(k, v if isinstance(v, (str, bytes)) else v) for k, v in body.items()]
        encoded = urlencode(pairs, doseq=True)
        out["body_kind"] = "form"
        out["body"] = sorted(encoded.split("&")) if encoded else []
        out["body_text"] = encoded
    elif isinstance(body, dict):
        raise RuntimeError(f"unexpected dict body for {protocol}")
    else:
        if isinstance(body, str):
            body = body.encode("utf-8")
        if hasattr(body, "read"):
            body = body.read()
        if has_streaming_payload(op.input_shape):
            out["body_kind"] = "raw" if body else "empty"
            out["body"] = body.decode("utf-8")
        elif not body:
            out["body_kind"] = "empty"
            out["body"] = ""
        elif protocol in ("json", "rest-json"):
            out["body_kind"] = "json"
            out["body"] = json.loads(body)
            out["body_text"] = body.decode("utf-8")
        else:
            out["body_kind"] = "xml"
            out["body"] = body.decode("utf-8")
    if "host_prefix" in request:
        out["host_prefix"] = request["host_prefix"]
    return out


def iso8601(value):
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        if value.microsecond % 1000 == 0:
            text += f".{value.microsecond // 1000:03d}"
        else:
            text += f".{value.microsecond:06d}"
    return text + "Z"


def to_json(value):
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, datetime.datetime):
        return iso8601(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


class _FakeHttpResponse:
    """What botocore.handlers.parse_get_bucket_location reads."""

    def __init__(self, body):
        self.raw = body
        self.content = body


def judge_response(protocol, service, operation, status, headers, body):
    op = service_model(service).operation_model(operation)
    response = {
        "status_code": status,
        "headers": HTTPHeaderDict(headers),
        "body": body,
        "context": {"operation_name": operation},
    }
    customized = {}
    if service == "s3":
        botocore.handlers._handle_200_error(op, response)
        botocore.handlers.handle_expires_header(op, response, customized)
    parser = botocore.parsers.create_parser(protocol)
    parsed = parser.parse(response, op.output_shape)
    parsed.update(customized)
    if "Error" in parsed and response["status_code"] >= 301:
        error = parsed["Error"]
        return {"error": {
            "code": error.get("Code", ""),
            "message": error.get("Message", ""),
            "request_id": parsed.get("ResponseMetadata", {}).get("RequestId", ""),
            "http_status": response["status_code"],
        }}
    if service == "s3" and operation == "GetBucketLocation":
        botocore.handlers.parse_get_bucket_location(parsed, _FakeHttpResponse(body))
    parsed.pop("ResponseMetadata", None)
    return {"result": to_json(parsed)}


def synth_value(shape, name, depth, stack, counter):
    """A deterministic value for `shape`; recursion and depth bounded."""
    counter[0] += 1
    n = counter[0]
    kind = shape.type_name
    if kind == "structure":
        if shape.name in stack or depth > 5:
            return None
        out = {}
        for member_name, member in shape.members.items():
            value = synth_value(member, member_name, depth + 1, stack + (shape.name,), counter)
            if value is not None:
                out[member_name] = value
        return out
    if kind == "list":
        items = [synth_value(shape.member, name, depth + 1, stack, counter)
                 for _ in range(1 if n % 3 == 0 else 2)]
        return [item for item in items if item is not None]
    if kind == "map":
        out = {}
        for i in range(2):
            value = synth_value(shape.value, name, depth + 1, stack, counter)
            if value is not None:
                out[f"{name.lower()}-key-{i}"] = value
        return out
    if kind == "string":
        if shape.enum:
            return shape.enum[n % len(shape.enum)]
        return f"{name}-{n} & <x>" + (" \u00e9\u65e5\u672c" if n % 5 == 0 else "")
    if kind in ("integer", "long"):
        return n * 7
    if kind in ("float", "double"):
        return n + 0.25
    if kind == "boolean":
        return n % 2 == 0
    if kind == "timestamp":
        return datetime.datetime(2025, 9, 15, 10, 20, n % 60, (n % 3) * 123000,
                                 tzinfo=datetime.timezone.utc)
    if kind == "blob":
        return f"blob-{n}".encode()
    return None


def run_synth(args):
    from moto.core.serialize import get_serializer_class
    from moto.core.utils import get_service_model as moto_service_model

    with open(args.operations, encoding="utf-8") as f:
        rows = json.load(f)
    out = []
    seen = set()
    for row in rows:
        key = (row["service"], row["operation"])
        if key in seen:
            continue
        seen.add(key)
        service, operation = key
        entry = {"name": f"synthetic {service} {operation}", "service": service,
                 "operation": operation}
        try:
            protocol = our_protocol(args.models, service)
            op = moto_service_model(service).operation_model(operation)
            if op.output_shape is None:
                continue
            value = synth_value(op.output_shape, operation, 0, (), [0])
            wire = get_serializer_class(service, protocol)(operation_model=op).serialize(value)
            body = wire["body"]
            if isinstance(body, str):
                body = body.encode("utf-8")
            headers = {k: str(v) for k, v in wire["headers"].items()}
            entry.update({"status": wire["status_code"], "headers": headers,
                          "body": body.decode("utf-8")})
            entry.update(judge_response(protocol, service, operation, wire["status_code"],
                                        headers, body))
        except Exception as e:  # noqa: BLE001 - reported per operation.
            entry["judge_error"] = f"{type(e).__name__}: {e}"
        out.append(entry)
    return out


def run_requests(args):
    with open(args.operations, encoding="utf-8") as f:
        rows = json.load(f)
    out = []
    for index, row in enumerate(rows):
        entry = {"index": index, "service": row["service"], "operation": row["operation"]}
        try:
            entry["protocol"] = our_protocol(args.models, row["service"])
            entry.update(judge_request(entry["protocol"], row["service"], row["operation"], row["params"]))
        except Exception as e:  # noqa: BLE001 - reported per row.
            entry["error"] = f"{type(e).__name__}: {e}"
        out.append(entry)
    return out


def run_responses(args):
    with open(args.index, encoding="utf-8") as f:
        cases = json.load(f)
    base = os.path.dirname(os.path.abspath(args.index))
    out = []
    for case in cases:
        entry = {"name": case["name"], "service": case["service"], "operation": case["operation"]}
        try:
            if "body_file" in case:
                with open(os.path.join(base, case["body_file"]), "rb") as f:
                    body = f.read()
            else:
                body = case.get("body", "").encode("utf-8")
            protocol = our_protocol(args.models, case["service"])
            entry.update(judge_response(protocol, case["service"], case["operation"],
                                        case.get("status", 200), case.get("headers", {}), body))
        except Exception as e:  # noqa: BLE001 - reported per case.
            entry["judge_error"] = f"{type(e).__name__}: {e}"
        out.append(entry)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    req = sub.add_parser("requests")
    req.add_argument("--operations", required=True)
    req.add_argument("--models", required=True)
    resp = sub.add_parser("responses")
    resp.add_argument("--index", required=True)
    resp.add_argument("--models", required=True)
    synth = sub.add_parser("synth")
    synth.add_argument("--operations", required=True)
    synth.add_argument("--models", required=True)
    args = parser.parse_args()
    commands = {"requests": run_requests, "responses": run_responses, "synth": run_synth}
    result = commands[args.command](args)
    json.dump({"botocore": botocore.__version__, "results": result}, sys.stdout, indent=1,
              ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
