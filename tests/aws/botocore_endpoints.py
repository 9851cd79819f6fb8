"""Prints, as JSON lines, the endpoint and signing region botocore resolves for each service and
region given on stdin ("service region" per line): the judge of src/aws/endpoints.cpp.
Offline: creating a client reads only botocore's bundled data."""
import json
import sys

import botocore.session

session = botocore.session.get_session()
session.set_credentials("AKIDEXAMPLE", "not-a-secret")
for line in sys.stdin:
    service, region = line.split()
    client = session.create_client(service, region_name=region)
    model = client.meta.service_model
    print(json.dumps({
        "service": service,
        "region": region,
        "url": client.meta.endpoint_url,
        "signing_region": client._request_signer._region_name,
        "endpoint_prefix": model.endpoint_prefix,
        "service_id": model.service_id,
    }))
