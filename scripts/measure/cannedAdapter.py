#!/usr/bin/env python3
"""An adapter that trains nothing (scripts/measure/protocolOverhead.ts): it parses each
request as a real adapter must (json.loads of the whole line, weights included) and answers at
once with a well-formed response of the right shapes. Its time per case is the protocol's own
cost: ubias building and writing the request, the pipe both ways, Python's JSON, ubias reading
and validating the answer."""
import json
import sys

for line in sys.stdin:
    request = json.loads(line)
    if request.get("kind") == "hello":
        answer = {"protocol": "ubias-simulator/1", "id": request["id"], "name": "canned"}
    else:
        d = request["data"]["dA"] + request["data"]["dB"]
        state = {"t": 1.0, "loss": 0.5, "totalMap": [0.0] * d}
        answer = {
            "id": request["id"],
            "status": "completed",
            "crossings": {th["name"]: {"t": 1.0, "totalMap": [0.0] * d} for th in request["thresholds"]},
            "final": state,
        }
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
