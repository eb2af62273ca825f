"""PyTorch peer of the sampled ReLU step (issue 16 item 6), driven by bench/sampledStep.ts.

One full-batch SGD step on a ReLU fusion network, written the way the authors' code
(yedizhang/unimodal-bias: net.py, main.py) trains theirs: bias-free nn.Linear layers,
LeakyReLU with negative slope 0 (their --relu 0), torch.cat at the fusion layer, the loss
0.5 * nn.MSELoss(), optim.SGD, and per step zero_grad, forward, loss, backward, step,
loss.item(). float32 tensors (their prep_data calls .float()), one thread.

Protocol: one JSON object per line on stdin, one JSON answer per line on stdout.
  {"cmd": "setup", "depth", "fusion", "width", "dA", "dB", "lr", "x", "y", "branchA", "branchB",
   "fuseA", "fuseB", "shared"}
      the samples (x row-major, P x (dA + dB)) and the initial weights of ubias's network
      (row-major matrices: branch layers, the fusion block of each modality, shared layers);
      answers {"ok": true, "torch": version, "threads": 1}.
  {"cmd": "matmul", "n": n}
      answers {"gflops": ...} of torch.mm on n x n float32 matrices.
  {"cmd": "time", "steps": n}
      runs n steps; answers {"ms": wall milliseconds per step, "loss": last loss}.
  {"cmd": "quit"}
"""

import json
import sys
import time

import torch
import torch.nn as nn
import torch.optim as optim

torch.set_num_threads(1)


class FusionNet(nn.Module):
    """Depth L, fusion layer Lf: per-modality Linear+ReLU layers 1..Lf-1, a fusion Linear on
    the concatenated branches (on the concatenated inputs when Lf = 1), shared layers after it,
    ReLU after every layer but the last (the authors' late_fusion at L = Lf = 2, deep_fusion
    otherwise)."""

    def __init__(self, d_a, d_b, width, depth, fusion, u0):
        super().__init__()
        self.act = nn.LeakyReLU(negative_slope=0.0)
        self.branch_a = nn.ModuleList()
        self.branch_b = nn.ModuleList()
        in_a, in_b = d_a, d_b
        for _ in range(1, fusion):
            self.branch_a.append(nn.Linear(in_a, width, bias=False))
            self.branch_b.append(nn.Linear(in_b, width, bias=False))
            in_a, in_b = width, width
        self.fuse = nn.Linear(in_a + in_b, 1 if fusion == depth else width, bias=False)
        self.shared = nn.ModuleList(
            nn.Linear(width, 1 if layer == depth else width, bias=False)
            for layer in range(fusion + 1, depth + 1)
        )
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, mean=0.0, std=u0)

    def forward(self, x_a, x_b):
        for layer_a, layer_b in zip(self.branch_a, self.branch_b):
            x_a = self.act(layer_a(x_a))
            x_b = self.act(layer_b(x_b))
        x = self.fuse(torch.cat((x_a, x_b), -1))
        for layer in self.shared:
            x = layer(self.act(x))
        return x


def setup(spec):
    """ubias's samples (row-major x, P x (dA + dB)) and initial weights, cast to float32."""
    d_a, d_b = spec["dA"], spec["dB"]
    x = torch.tensor(spec["x"], dtype=torch.float64).reshape(-1, d_a + d_b).float()
    state = {
        "x_a": x[:, :d_a].contiguous(),
        "x_b": x[:, d_a:].contiguous(),
        "y": torch.tensor(spec["y"]).float().reshape(-1, 1),
    }
    # The authors' nn.init.normal_ draw is replaced by ubias's weights (copied below).
    net = FusionNet(d_a, d_b, spec["width"], spec["depth"], spec["fusion"], 1.0)
    with torch.no_grad():
        for layer, w in zip(net.branch_a, spec["branchA"]):
            layer.weight.copy_(torch.tensor(w))
        for layer, w in zip(net.branch_b, spec["branchB"]):
            layer.weight.copy_(torch.tensor(w))
        net.fuse.weight.copy_(torch.cat((torch.tensor(spec["fuseA"]), torch.tensor(spec["fuseB"])), 1))
        for layer, w in zip(net.shared, spec["shared"]):
            layer.weight.copy_(torch.tensor(w))
    state["net"] = net
    state["opt"] = optim.SGD(net.parameters(), lr=spec["lr"])
    return state


def matmul_gflops(n):
    """torch.mm on n x n float32 matrices, one thread: the peer's dense kernel."""
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    reps, start = 0, time.perf_counter()
    while time.perf_counter() - start < 0.3:
        torch.mm(a, b)
        reps += 1
    return 2.0 * n**3 * reps / (time.perf_counter() - start) / 1e9


def step(state):
    opt, net = state["opt"], state["net"]
    opt.zero_grad()
    prediction = net(state["x_a"], state["x_b"])
    loss = 0.5 * nn.MSELoss()(state["y"], prediction)
    loss.backward()
    opt.step()
    return loss.item()


def main():
    state = None
    for line in sys.stdin:
        request = json.loads(line)
        if request["cmd"] == "quit":
            break
        if request["cmd"] == "setup":
            state = setup(request)
            answer = {"ok": True, "torch": torch.__version__, "threads": torch.get_num_threads()}
        elif request["cmd"] == "matmul":
            answer = {"gflops": matmul_gflops(request["n"])}
        elif request["cmd"] == "time":
            steps = request["steps"]
            start = time.perf_counter()
            loss = 0.0
            for _ in range(steps):
                loss = step(state)
            answer = {"ms": (time.perf_counter() - start) * 1000.0 / steps, "loss": loss}
        else:
            answer = {"error": f"unknown cmd {request['cmd']}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
