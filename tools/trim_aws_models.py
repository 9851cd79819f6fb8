#!/usr/bin/env python3
"""Trims botocore's service models to what View360 calls, for src/aws/models/<service>.json.

Usage: tools/trim_aws_models.py [--operations tests/aws/data/operations.json]
                                [--out src/aws/models]

Reads the models of the machine's botocore (1.43 when these files were made) through
botocore.loaders.Loader, which also merges the *.sdk-extras.json files botocore itself applies.
For every service named in operations.json it writes one JSON file holding:
  - "metadata": the fields the AWS layer needs (protocol, apiVersion, endpointPrefix,
    signingName, targetPrefix, jsonVersion, globalEndpoint, signatureVersion, serviceId, ...);
  - "operations": the operations of operations.json (http binding, input/output references,
    auth and checksum/compression traits), errors dropped;
  - "shapes": every shape those operations reach, with the traits the protocols use
    (documentation, enums, patterns and length limits dropped; "sensitive" kept, so that error
    messages never quote a response that holds secrets); a member reference that only
    names its shape ({"shape": "X"} in botocore) is written as the bare string "X";
  - "paginators": botocore's paginator entries for those operations.

The files are compiled into the binary (cmake/EmbedFiles.cmake), so they are kept small: the
output has one shape per line so that a regeneration diffs readably.

Protocol choice. Newer botocore models list several protocols ("protocols": [...]); the first
is what botocore sends. We never speak CBOR (smithy-rpc-v2-cbor): we take the first listed
protocol that is not CBOR, except where PROTOCOL_OVERRIDES says otherwise:
  - cloudwatch lists [smithy-rpc-v2-cbor, json, query] and botocore 1.43 sends json 1.0. We
    choose query: it is what every AWS SDK spoke to CloudWatch for fifteen years, AWS still
    serves it on the same endpoint, the model still carries the query traits (resultWrapper),
    and moto (our test peer) serves CloudWatch only in query. Our SerializeRequest and
    ParseResponse are judged against botocore's query serializer/parser for it.
  - compute-optimizer and marketplace-entitlement list [smithy-rpc-v2-cbor, json]: json.
The chosen protocol is recorded as metadata.protocol; the list botocore offered is kept as
metadata.protocols for reference.
"""

import argparse
import json
import os
import sys

import botocore
from botocore.loaders import Loader

SUPPORTED_PROTOCOLS = ("query", "ec2", "json", "rest-json", "rest-xml")
PROTOCOL_OVERRIDES = {"cloudwatch": "query"}

# What the AWS layer needs: the wire (protocol, apiVersion, targetPrefix, jsonVersion,
# awsQueryCompatible, xmlNamespace for writing query responses in the simulator), endpoints
# (endpointPrefix, globalEndpoint, serviceId) and signing (signingName, signatureVersion).
# "protocols" records what botocore offered, beside the one we chose.
METADATA_KEYS = (
    "apiVersion", "endpointPrefix", "globalEndpoint", "jsonVersion", "protocol", "protocols",
    "serviceId", "signatureVersion", "signingName", "targetPrefix", "xmlNamespace",
    "awsQueryCompatible",
)
# Traits kept on shapes and on member references (botocore's Shape.SERIALIZED_ATTRS plus the
# metadata the protocols act on).
SHAPE_TRAITS = (
    "type", "required", "payload", "locationName", "queryName", "flattened", "location",
    "streaming", "timestampFormat", "xmlNamespace", "resultWrapper", "xmlAttribute",
    "eventstream", "event", "eventheader", "eventpayload", "jsonvalue", "hostLabel",
    "idempotencyToken", "document", "union", "requiresLength", "exception", "sensitive",
)
OPERATION_KEYS = (
    "name", "http", "input", "output", "endpoint", "auth", "authtype", "unsignedPayload",
    "httpChecksum", "httpChecksumRequired", "requestcompression",
)


def choose_protocol(service, metadata):
    offered = metadata.get("protocols") or [metadata["protocol"]]
    if service in PROTOCOL_OVERRIDES:
        chosen = PROTOCOL_OVERRIDES[service]
        if chosen not in offered:
            sys.exit(f"{service}: override {chosen} is not among {offered}")
        return chosen
    for protocol in offered:
        if protocol in SUPPORTED_PROTOCOLS:
            return protocol
    sys.exit(f"{service}: none of {offered} is a protocol we speak")


def trim_ref(ref):
    """A member reference; one that only names its shape is written as the bare name."""
    out = {k: v for k, v in ref.items() if k == "shape" or k in SHAPE_TRAITS}
    return out["shape"] if list(out) == ["shape"] else out


def trim_shape(shape):
    out = {k: v for k, v in shape.items() if k in SHAPE_TRAITS}
    if "members" in shape:
        out["members"] = {name: trim_ref(ref) for name, ref in shape["members"].items()}
    for key in ("member", "key", "value"):
        if key in shape:
            out[key] = trim_ref(shape[key])
    return out


def reachable_shapes(model, roots):
    shapes = model["shapes"]
    seen = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        refs = list(shape.get("members", {}).values())
        refs += [shape[k] for k in ("member", "key", "value") if k in shape]
        stack.extend(ref["shape"] for ref in refs)
    return seen


def trim_service(loader, service, operations):
    model = loader.load_service_model(service, "service-2")
    metadata = {k: v for k, v in model["metadata"].items() if k in METADATA_KEYS}
    metadata["protocol"] = choose_protocol(service, model["metadata"])
    # The json traits stay when json is among the protocols offered, even if we chose another:
    # the simulator answers what botocore sends (CloudWatch as json; ServiceModel::GetJsonVariant).
    if "json" not in (model["metadata"].get("protocols") or [metadata["protocol"]]):
        metadata.pop("awsQueryCompatible", None)  # Only meaningful for JSON over query APIs.
        metadata.pop("targetPrefix", None)
        metadata.pop("jsonVersion", None)

    ops = {}
    roots = []
    for name in sorted(operations):
        if name not in model["operations"]:
            sys.exit(f"{service}: no operation {name} in botocore {botocore.__version__}")
        op = model["operations"][name]
        ops[name] = {k: v for k, v in op.items() if k in OPERATION_KEYS}
        for key in ("input", "output"):
            if key in op:
                ops[name][key] = {k: v for k, v in op[key].items() if k == "shape" or k in SHAPE_TRAITS}
                roots.append(op[key]["shape"])

    shapes = {name: trim_shape(model["shapes"][name]) for name in sorted(reachable_shapes(model, roots))}

    paginators = {}
    try:
        pages = loader.load_service_model(service, "paginators-1").get("pagination", {})
    except Exception:  # noqa: BLE001 - a service without paginators.
        pages = {}
    for name in sorted(operations):
        if name in pages:
            paginators[name] = pages[name]

    return {
        "source": f"botocore {botocore.__version__} via tools/trim_aws_models.py",
        "metadata": metadata,
        "operations": ops,
        "shapes": shapes,
        "paginators": paginators,
    }


def dump(trimmed):
    """Compact JSON, one operation/shape/paginator per line."""
    def compact(value):
        # Key order as botocore has it: member order is the model's order (XML bodies follow it).
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)

    lines = ["{"]
    lines.append(f'"source":{compact(trimmed["source"])},')
    lines.append(f'"metadata":{compact(trimmed["metadata"])},')
    for section in ("operations", "shapes", "paginators"):
        items = list(trimmed[section].items())
        last_section = section == "paginators"
        if not items:
            lines.append(f'"{section}":{{}}' + ("" if last_section else ","))
            continue
        lines.append(f'"{section}":{{')
        for i, (name, value) in enumerate(items):
            comma = "," if i + 1 < len(items) else ""
            lines.append(f"{compact(name)}:{compact(value)}{comma}")
        lines.append("}" + ("" if last_section else ","))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--operations", default=os.path.join(root, "tests/aws/data/operations.json"))
    parser.add_argument("--out", default=os.path.join(root, "src/aws/models"))
    args = parser.parse_args()

    with open(args.operations, encoding="utf-8") as f:
        rows = json.load(f)
    by_service = {}
    for row in rows:
        by_service.setdefault(row["service"], set()).add(row["operation"])

    loader = Loader()
    os.makedirs(args.out, exist_ok=True)
    total = 0
    for service in sorted(by_service):
        text = dump(trim_service(loader, service, by_service[service]))
        path = os.path.join(args.out, f"{service}.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode("utf-8"))
        print(f"{path}: {len(by_service[service])} operations, {len(text.encode('utf-8'))} bytes")
    print(f"{len(by_service)} services, {total} bytes in all")


if __name__ == "__main__":
    main()
