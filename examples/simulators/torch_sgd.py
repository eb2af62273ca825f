#!/usr/bin/env python3
"""Reference adapter of the ubias external simulator protocol, version 1
(docs/simulator-protocol.md), around a training script written the way research code is
written: nn.Linear layers, autograd, torch.optim.SGD, float32 (Debian: python3-torch).

The file has two parts.

Part 1 is an ordinary PyTorch training script: a fusion network of nn.Linear layers (one
branch per modality up to the fusion layer, shared layers after it), the population loss
of a linear regression with input covariance Sigma and input-output covariance Sigma_yx, and a
plain SGD loop that calls a callback once per step. Nothing in it knows about ubias.

Part 2 is the adapter: it reads a request, builds the network with the request's layer
shapes, copies the request's initial weights into the nn.Linear layers (so both sides start
from the same point), runs Part 1's loop, and reads t_A, t_B, the plateau and the final state
in the callback. To wrap your own script, keep your model and loop, and replace Part 1 here by
imports of them: the adapter needs (a) a way to set each layer's weight from the request and
(b) a per-step hook, where it reads the network's total linear map.

The adapter's bookkeeping (W^tot, the loss it reports, the threshold crossings) reads the
float32 weights in float64, so the numbers it reports are those of the float32 training, not
of float32 round-off in the reading. `--float64` trains in float64 instead (the same script
with torch.float64), for comparing the two.

Run by ubias as: ubias check --simulator "python3 examples/simulators/torch_sgd.py"
It serves gradient descent only (capabilities: methods ["gd"]): claims on gradient flow are
skipped with that reason.
"""
import json
import math
import os
import sys

# This folder holds numpy.py (the NumPy adapter); Python puts the folder first on sys.path,
# where torch's own `import numpy` would find that file. Drop that entry first.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]

import torch  # noqa: E402
from torch import nn  # noqa: E402

PROTOCOL = "ubias-simulator/1"
DTYPE = torch.float64 if "--float64" in sys.argv[1:] else torch.float32
NAME = f"torch-sgd 1.0 (torch {torch.__version__}, {str(DTYPE).replace('torch.', '')})"
DIVERGENCE_LOSS_FACTOR = 2.0  # docs/simulator-protocol.md: loss above 2·max(L(theta0), L(0))


# ---------------------------------------------------------------------------------------------
# Part 1: the training script (no ubias in here)
# ---------------------------------------------------------------------------------------------


class FusionNet(nn.Module):
    """x_A and x_B go through their own branches up to the fusion layer, are summed there (the
    fusion layer's weight is [W_A, W_B], so W·[h_A; h_B] = W_A h_A + W_B h_B) and go through
    the shared layers after it. Linear, no biases."""

    def __init__(self, branch_a, branch_b, shared, dtype):
        super().__init__()

        def stack(shapes):
            return nn.Sequential(*[nn.Linear(i, o, bias=False, dtype=dtype) for o, i in shapes])

        self.branch = nn.ModuleDict({"A": stack(branch_a), "B": stack(branch_b)})
        self.shared = stack(shared)

    def forward(self, x_a, x_b):
        return self.shared(self.branch["A"](x_a) + self.branch["B"](x_b))

    def total_map(self):
        """The network's linear map on each modality: its output for the basis vectors."""
        d_a = self.branch["A"][0].in_features
        d_b = self.branch["B"][0].in_features
        dtype = self.branch["A"][0].weight.dtype
        w_a = self(torch.eye(d_a, dtype=dtype), torch.zeros(d_a, d_b, dtype=dtype)).T
        w_b = self(torch.zeros(d_b, d_a, dtype=dtype), torch.eye(d_b, dtype=dtype)).T
        return torch.cat([w_a, w_b], dim=1).reshape(-1)


def population_loss(model, sigma, sigma_yx, sigma_yy):
    """E[(y - f(x))^2]/2 of a linear model from the data's second moments."""
    w = model.total_map()
    return 0.5 * sigma_yy - w @ sigma_yx + 0.5 * w @ (sigma @ w)


def train(model, loss_fn, lr, on_step):
    """Plain full-batch SGD; on_step(step, loss, grad_norm) returns True to stop."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    step = 0
    while True:
        optimizer.zero_grad()
        loss = loss_fn(model)
        loss.backward()
        grad_norm = math.sqrt(sum(float((p.grad.double() ** 2).sum()) for p in model.parameters()))
        if on_step(step, float(loss), grad_norm):
            return
        optimizer.step()
        step += 1


# ---------------------------------------------------------------------------------------------
# Part 2: the adapter
# ---------------------------------------------------------------------------------------------


def build(request):
    """The network of the request, with the request's initial weights in its layers."""
    data, network = request["data"], request["network"]
    if data["kind"] != "population":
        raise ValueError(f"data kind {data['kind']!r} is not supported (population only)")
    if network.get("activation", "linear") != "linear":
        raise ValueError("only linear networks are supported")
    layers = request["init"]["layers"]

    def chain(owner):
        return sorted((layer for layer in layers if layer["owner"] == owner), key=lambda l: l["layer"])

    own_a, own_b, shared = chain("A"), chain("B"), chain("shared")
    model = FusionNet(
        [tuple(l["shape"]) for l in own_a],
        [tuple(l["shape"]) for l in own_b],
        [tuple(l["shape"]) for l in shared],
        DTYPE,
    )
    linears = list(model.branch["A"]) + list(model.branch["B"]) + list(model.shared)
    with torch.no_grad():
        for linear, layer in zip(linears, own_a + own_b + shared):
            values = torch.tensor(layer["values"], dtype=torch.float64).reshape(layer["shape"])
            linear.weight.copy_(values)
    return model


class Monitor:
    """Reads one run for ubias: threshold crossings, plateau, stop rules, the response.
    All of it in float64, from the model's weights."""

    def __init__(self, request, model):
        data = request["data"]
        self.sigma = torch.tensor(data["sigma"], dtype=torch.float64)
        self.sigma_yx = torch.tensor(data["sigmaYX"], dtype=torch.float64)
        self.sigma_yy = float(data["sigmaYY"])
        self.model = model
        self.eta = float(request["method"]["learningRate"])
        self.thresholds = request["thresholds"]
        self.stop = request.get("stop", {})
        budget = request.get("budget", {})
        self.max_time = budget.get("maxTime", math.inf)
        self.max_steps = budget.get("maxSteps", math.inf)
        self.crossings, self.plateau, self.status = {}, None, None
        w0 = self.total_map()
        self.w_prev = w0
        self.divergence_level = DIVERGENCE_LOSS_FACTOR * max(self.loss(w0), 0.5 * self.sigma_yy)

    def total_map(self):
        """W^tot = [W_A, W_B] from the layers' weights, multiplied in float64."""
        with torch.no_grad():

            def through(layers, x):
                for linear in layers:
                    x = linear.weight.double() @ x
                return x

            m = self.model
            d_a, d_b = m.branch["A"][0].in_features, m.branch["B"][0].in_features
            w_a = through(m.shared, through(m.branch["A"], torch.eye(d_a, dtype=torch.float64)))
            w_b = through(m.shared, through(m.branch["B"], torch.eye(d_b, dtype=torch.float64)))
            return torch.cat([w_a, w_b], dim=1).reshape(-1)

    def loss(self, w):
        return float(0.5 * self.sigma_yy - w @ self.sigma_yx + 0.5 * w @ (self.sigma @ w))

    def block_norm(self, w, th):
        return float(torch.linalg.norm(w[th["start"] : th["end"]]))

    def on_step(self, step, _loss32, grad_norm):
        t = self.eta * step
        w = self.total_map()
        loss = self.loss(w)
        if not math.isfinite(loss) or loss > self.divergence_level:
            return self.finish("diverged", step, t, w)
        for th in self.thresholds:
            if th["name"] in self.crossings or self.block_norm(w, th) < th["level"]:
                continue
            a, b = self.block_norm(self.w_prev, th), self.block_norm(w, th)
            frac = 1.0 if b == a or step == 0 else (th["level"] - a) / (b - a)
            self.crossings[th["name"]] = {
                "t": self.eta * (step - 1 + frac), "totalMap": w.tolist(), "step": step,
            }
        if self.should_stop(loss):
            return self.finish("completed", step, t, w)
        if t >= self.max_time:
            return self.finish("time-budget", step, t, w)
        if step >= self.max_steps:
            return self.finish("step-budget", step, t, w)
        # The slowest state between the first and the second crossing (docs/theory.md T3).
        if len(self.crossings) == 1 and (self.plateau is None or grad_norm < self.plateau[0]):
            self.plateau = (grad_norm, t, loss, w.tolist())
        self.w_prev = w
        return False

    def should_stop(self, loss):
        if "minimumReachedBelow" in self.stop and loss <= self.stop["minimumReachedBelow"]:
            return True
        if self.stop.get("afterThresholds", True) and len(self.crossings) < len(self.thresholds):
            return False
        return "lossBelow" not in self.stop or loss <= self.stop["lossBelow"]

    def finish(self, status, step, t, w):
        self.status = (status, step, t, w)
        return True

    def response(self, request_id):
        status, step, t, w = self.status
        out = {
            "id": request_id,
            "status": status,
            "crossings": self.crossings,
            "final": {"t": t, "loss": self.loss(w), "totalMap": w.tolist()},
            "steps": step,
        }
        if self.plateau is not None:
            _, pt, pl, pw = self.plateau
            out["plateau"] = {"t": pt, "loss": pl, "totalMap": pw}
        return out


def answer(request):
    if request.get("kind") == "hello":
        return {
            "protocol": PROTOCOL,
            "id": request.get("id"),
            "name": NAME,
            "capabilities": {
                "methods": ["gd"],
                "activations": ["linear"],
                "data": ["population"],
                "plateau": True,
            },
        }
    try:
        if request["method"]["kind"] != "gd":
            raise ValueError(f"method {request['method']['kind']!r} is not supported (gd only)")
        model = build(request)
        monitor = Monitor(request, model)
        data = request["data"]
        sigma = torch.tensor(data["sigma"], dtype=DTYPE)
        sigma_yx = torch.tensor(data["sigmaYX"], dtype=DTYPE)
        sigma_yy = float(data["sigmaYY"])
        train(
            model,
            lambda m: population_loss(m, sigma, sigma_yx, sigma_yy),
            monitor.eta,
            monitor.on_step,
        )
        return monitor.response(request["id"])
    except Exception as error:  # the protocol's error status: one line, the case goes on
        return {"id": request.get("id"), "status": "error", "message": str(error).splitlines()[0]}


def finite_or_null(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite_or_null(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite_or_null(v) for v in value]
    return value


def main():
    torch.set_num_threads(1)  # one case at a time; results must not depend on the thread count
    for line in sys.stdin:
        if not line.strip():
            continue
        response = answer(json.loads(line))
        sys.stdout.write(json.dumps(finite_or_null(response), allow_nan=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
