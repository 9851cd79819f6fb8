"""moto state for the cost categories (service, cost, marketplace).

moto does not track costs: GetCostAndUsage answers from a queue of results seeded through its
API. Each request with a body moto has not seen takes the next queued result (and keeps it for
that body), so results are seeded in the order the collector sends its requests.
"""
import json
import urllib.request


def seed_cost_and_usage(clients, args):
    body = json.dumps({"results": args["results"]}).encode()
    request = urllib.request.Request(
        clients.endpoint + "/moto-api/static/ce/cost-and-usage-results", data=body,
        headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as response:
        assert response.status == 201, response.status
    return {"seeded": len(args["results"])}
