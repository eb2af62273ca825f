#!/usr/bin/env python3
"""Reference adapter of the ubias external simulator protocol, version 1
(docs/simulator-protocol.md), written with NumPy (Debian: python3-numpy) and, for stiff
gradient flow only, SciPy (python3-scipy).

It trains a linear fusion network on population statistics by gradient flow (an adaptive
Dormand-Prince 5(4) integrator with threshold crossings located on its dense output; where the
flow turns stiff, on the long plateaus of deep networks, SciPy's implicit Radau takes over) or
by gradient descent (t = eta * step, crossings interpolated linearly between steps). It knows
nothing of ubias but the protocol: every run starts from the initial weights the request
carries. Without SciPy a stiff run answers with the protocol's error status, saying so.

Run by ubias as: ubias check --simulator "python3 examples/simulators/numpy.py"
It reads one JSON request per line on stdin, answers one JSON line on stdout, and exits at
end of input.
"""
import json
import math
import os
import sys

# This file is named numpy.py (the command the issue names); Python puts its folder first on
# sys.path, where `import numpy` would find this file again. Drop that entry first.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]

import numpy as np  # noqa: E402

PROTOCOL = "ubias-simulator/1"
NAME = "numpy-reference 1.0"
DIVERGENCE_LOSS_FACTOR = 2.0  # docs/simulator-protocol.md: loss above 2·max(L(theta0), L(0))


class Network:
    """A linear fusion network: each modality's chain of weight matrices, input side first."""

    def __init__(self, request):
        data = request["data"]
        if data["kind"] != "population":
            raise ValueError(f"data kind {data['kind']!r} is not supported (population only)")
        if request["network"].get("activation", "linear") != "linear":
            raise ValueError("only linear networks are supported")
        self.sigma = np.array(data["sigma"], dtype=float)
        self.sigma_yx = np.array(data["sigmaYX"], dtype=float)
        self.sigma_yy = float(data["sigmaYY"])
        self.d_a, self.d_b = int(data["dA"]), int(data["dB"])
        layers = request["init"]["layers"]
        self.names = [layer["name"] for layer in layers]
        self.shapes = [tuple(layer["shape"]) for layer in layers]
        self.sizes = [r * c for r, c in self.shapes]
        self.offsets = np.cumsum([0] + self.sizes)
        self.theta0 = np.concatenate([np.array(layer["values"], dtype=float) for layer in layers])

        def chain(m):
            own = sorted((l["layer"], i) for i, l in enumerate(layers) if l["owner"] == m)
            shared = sorted((l["layer"], i) for i, l in enumerate(layers) if l["owner"] == "shared")
            return [i for _, i in own] + [i for _, i in shared]

        self.chains = {"A": chain("A"), "B": chain("B")}

    def block_max(self, theta):
        """Each entry's weight matrix's largest |entry|, entry by entry."""
        return np.repeat(np.maximum.reduceat(np.abs(theta), self.offsets[:-1]), self.sizes)

    def time_scale(self, theta, f):
        """min_i (|theta_i| + 1e-3 of its weight matrix's largest)/|f_i|: how soon the
        fastest-moving weight changes by itself. Per weight matrix, so that a modality whose
        weights are all tiny (B on a two-layer plateau, growing at a rate ~||e_B||) sets it;
        entries 1e-3 below their matrix's largest (one passing through zero) do not."""
        speed = np.abs(f)
        size = np.abs(theta) + 1e-3 * self.block_max(theta)
        return float(np.min(size / np.where(speed > 0, speed, np.inf)))

    def matrices(self, theta):
        return [
            theta[self.offsets[i] : self.offsets[i + 1]].reshape(shape)
            for i, shape in enumerate(self.shapes)
        ]

    def total_map(self, theta):
        return self.map_and_gradient(theta, with_gradient=False)[0]

    def loss_of_map(self, w):
        return 0.5 * self.sigma_yy - w @ self.sigma_yx + 0.5 * w @ self.sigma @ w

    def gradient(self, theta):
        return self.map_and_gradient(theta)[1]

    def map_and_gradient(self, theta, with_gradient=True):
        """W^tot and dL/dtheta in one forward and one backward pass per modality.

        Forward: prefix_j = M_j ... M_1 (input side first), W_m = prefix_k. Backward: with
        g = dL/dW_m, back_k = g and back_(j-1) = M_j^T back_j, so dL/dM_j = back_j prefix_(j-1)^T
        (prefix_0 = I): O(k) products per modality. A shared layer is in both chains and sums
        both modalities' terms.
        """
        mats = self.matrices(theta)
        prefixes = {}
        for m, chain in self.chains.items():
            prefix = [None]
            for idx in chain:
                prefix.append(mats[idx] if prefix[-1] is None else mats[idx] @ prefix[-1])
            prefixes[m] = prefix
        w = np.concatenate([prefixes["A"][-1].ravel(), prefixes["B"][-1].ravel()])
        if not with_gradient:
            return w, None
        g = w @ self.sigma - self.sigma_yx  # dL/dW^tot
        grads = [None] * len(self.shapes)
        cols = {"A": slice(0, self.d_a), "B": slice(self.d_a, self.d_a + self.d_b)}
        for m, chain in self.chains.items():
            back = g[cols[m]].reshape(1, -1)  # dL/dW_m, 1 x d_m
            prefix = prefixes[m]
            for j in range(len(chain), 0, -1):
                idx = chain[j - 1]
                term = back if j == 1 else back @ prefix[j - 1].T
                grads[idx] = term if grads[idx] is None else grads[idx] + term
                if j > 1:
                    back = mats[idx].T @ back
        return w, np.concatenate([gr.ravel() for gr in grads])


# Dormand-Prince 5(4) coefficients (Hairer, Norsett & Wanner, Solving ODEs I, Table 5.2).
C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1]
A = [
    [0],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
]
A = [np.array(row) for row in A]
B5 = np.array([35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0])
B4 = np.array([5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40])
# Dense output of the step (Hairer's CONTD5, 4th order): events are located on it.
D = np.array([
    -12715105075 / 11282082432, 0, 87487479700 / 32700410799, -10690763975 / 1880347072,
    701980252875 / 199316789632, -1453857185 / 822651844, 69997945 / 29380423,
])


class Run:
    """Stop rules, thresholds, plateau tracking and the response, shared by flow and gd."""

    def __init__(self, net, request):
        self.net = net
        self.thresholds = request["thresholds"]
        self.stop = request.get("stop", {})
        budget = request.get("budget", {})
        self.max_time = budget.get("maxTime", math.inf)
        self.max_steps = budget.get("maxSteps", math.inf)
        self.crossings = {}
        self.plateau = None
        self.steps = 0
        loss0 = net.loss_of_map(net.total_map(net.theta0))
        self.divergence_level = DIVERGENCE_LOSS_FACTOR * max(loss0, 0.5 * net.sigma_yy)

    def block_norm(self, w, th):
        return float(np.linalg.norm(w[th["start"] : th["end"]]))

    def crossed(self, w):
        return [
            th for th in self.thresholds
            if th["name"] not in self.crossings and self.block_norm(w, th) >= th["level"]
        ]

    def end(self, t, theta):
        """How the run ends at (t, theta), if it does: diverged, completed or out of budget;
        None to go on. Both flow legs ask it before every step."""
        loss = self.net.loss_of_map(self.net.total_map(theta))
        if not np.isfinite(loss) or loss > self.divergence_level:
            return "diverged"
        if self.should_stop(loss):
            return "completed"
        if t >= self.max_time:
            return "time-budget"
        if self.steps >= self.max_steps:
            return "step-budget"
        return None

    def should_stop(self, loss):
        if "minimumReachedBelow" in self.stop and loss <= self.stop["minimumReachedBelow"]:
            return True
        if self.stop.get("afterThresholds", True) and len(self.crossings) < len(self.thresholds):
            return False
        return "lossBelow" not in self.stop or loss <= self.stop["lossBelow"]

    def track_plateau(self, t, theta, speed):
        # The slowest state between the first and the second crossing (docs/theory.md T3).
        if len(self.crossings) == 1:
            if self.plateau is None or speed < self.plateau[0]:
                w = self.net.total_map(theta)
                self.plateau = (speed, t, float(self.net.loss_of_map(w)), w.tolist())

    def response(self, request_id, status, t, theta):
        w = self.net.total_map(theta)
        out = {
            "id": request_id,
            "status": status,
            "crossings": self.crossings,
            "final": {"t": t, "loss": float(self.net.loss_of_map(w)), "totalMap": w.tolist()},
            "steps": self.steps,
        }
        if self.plateau is not None:
            _, pt, pl, pw = self.plateau
            out["plateau"] = {"t": pt, "loss": pl, "totalMap": pw}
        return out


# Hairer's stiffness test of DOPRI5 (Solving ODEs II, section IV.2): at an accepted step,
# h*|lambda| ~ h*||f(y5) - k6|| / ||y5 - Y6|| (Y6 the stage point of k6, both at t + h). Beyond
# ~3.3, DOPRI5's stability boundary on the negative real axis, the step is limited by stability,
# not accuracy; STIFF_STEPS such steps not interrupted by STIFF_RESET non-stiff ones in a row
# declare the flow stiff (Hairer's own counts).
STIFF_H_LAMBDA = 3.25
STIFF_STEPS = 15
STIFF_RESET = 6
# ... and the implicit leg takes over only where it pays: once the solution's own time scale
# T = min_i (|theta_i| + floor)/|dtheta_i/dt| (the time its fastest-moving weight takes to
# change by itself: on a deep plateau, B's growth time, ~ the rest of the plateau) exceeds
# STIFF_SWITCH_SCALE stability-limited DOPRI5 steps. Measured on T4's 26 in-domain requests at
# its default 40 runs (L = 3-6, u0 = 1e-3-0.1, rtol 1e-10): a Radau step costs ~2.7 DOPRI5
# steps in this adapter (0.55 against 0.2 ms) and the 15 runs that switch take 1.3-2.4
# thousand Radau steps after it, so ~10^4 explicit steps are about what the implicit leg
# costs; the 11 that stay explicit take 240-1430 DOPRI5 steps (<= 0.3 s). Two-layer plateaus
# (B grows at a rate ~||e_B||, T/h of order 10) never reach it: of the 273 flow requests of
# T1 T2 T3 T8 T9 at --runs 20 only five T9.deep (L = 4-6) runs switch, so the others run
# exactly as the explicit adapter did.
STIFF_SWITCH_SCALE = 1e4


def flow(net, request):
    run = Run(net, request)
    rtol = float(request["method"].get("rtol", 1e-8))
    theta = net.theta0.copy()
    t = 0.0
    f = -net.gradient(theta)
    k = np.empty((7, theta.size))  # the stages, one row each
    h = 1e-3
    stiff, nonstiff = 0, 0
    while True:
        status = run.end(t, theta)
        if status is not None:
            return run.response(request["id"], status, t, theta)
        if stiff >= STIFF_STEPS and net.time_scale(theta, f) >= STIFF_SWITCH_SCALE * h:
            return implicit_flow(net, request, run, rtol, t, theta, h)
        h = min(h, run.max_time - t)
        k[0] = f
        for s in range(1, 7):
            k[s] = -net.gradient(theta + h * (A[s] @ k[:s]))
        y5 = theta + h * (B5 @ k)
        y4 = theta + h * (B4 @ k)
        # Scale-free error norm: relative to each entry and to 1e-3 of the largest (the flow
        # from a small init is scale-invariant, so no fixed absolute tolerance fits every u0).
        scale = rtol * np.maximum(np.abs(theta), 1e-3 * np.max(np.abs(theta)) + 1e-300)
        err = float(np.sqrt(np.mean(((y5 - y4) / scale) ** 2)))
        if not np.isfinite(err):
            h /= 5
            continue
        if err <= 1:
            f5 = k[6].copy()  # FSAL: the last stage is f at y5
            w5 = net.total_map(y5)
            crossed = run.crossed(w5)
            dense = dense_output(h, theta, y5, k) if crossed else None
            for th in crossed:
                tc = locate(net, th, t, h, dense)
                run.crossings[th["name"]] = {"t": tc[0], "totalMap": tc[1], "step": run.steps + 1}
            run.track_plateau(t + h, y5, float(np.linalg.norm(f5)))
            # The stiffness test on this step (k[5] was evaluated at Y6).
            y6 = theta + h * (A[5] @ k[:5])
            dy = float(np.linalg.norm(y5 - y6))
            if dy > 0 and h * float(np.linalg.norm(f5 - k[5])) / dy > STIFF_H_LAMBDA:
                stiff, nonstiff = stiff + 1, 0
            else:
                nonstiff += 1
                if nonstiff >= STIFF_RESET:
                    stiff = 0
            t, theta, f = t + h, y5, f5
            run.steps += 1
        h *= min(5.0, max(0.2, 0.9 * err ** (-1 / 5) if err > 0 else 5.0))


# Relative error floor of the implicit leg, per weight matrix: a component's absolute tolerance
# is rtol times this fraction of its matrix's largest entry at the switch, so that B's tiny
# weights on A's plateau are resolved relative to their own size (the built-in's Rosenbrock leg
# uses the same 1e-6 per weight matrix, src/training/gradientFlow.ts RELATIVE_FLOOR). Unlike
# the built-in, which recomputes each matrix's largest entry at every step, the tolerances are
# frozen at the switch (SciPy's solver takes a fixed atol); measured on T4's 40 default runs,
# the ratios agree with the built-in's to <= 2.5e-10 all the same.
IMPLICIT_RELATIVE_FLOOR = 1e-6


def implicit_flow(net, request, run, rtol, t, theta, h):
    """The rest of a stiff flow by SciPy's Radau IIA (order 5, L-stable), step by step.

    Why Radau: measured on seven T4 requests (L = 3-6, u0 = 1e-3-0.1, rtol 1e-10), each of
    SciPy's implicit methods integrating from t = 0, against the built-in DOPRI5 + Rodas5P run
    from the same theta0: Radau's t_B/t_A agrees to <= 1.4e-10 (0.3-2.3 s a case); LSODA to
    1.2e-8, its errors ~100x rtol, though 6-15x faster; BDF failed ("step size is less than
    spacing between numbers") on the three L >= 5 ones. Radau keeps the error near rtol, as the
    explicit leg does, and is one-step: it restarts cleanly from DOPRI5's last state. Through
    the switch, all 26 in-domain T4 requests of its 40 default runs agree to <= 2.5e-10.

    The solver object is stepped by hand (as solve_ivp does inside) so that the protocol's
    rules run at every accepted step exactly as on the explicit leg: divergence, the step
    budget, the plateau, the stop rule; each crossing is located by bisection on the step's
    dense output (the same definition: first time ||W^tot[start:end]|| >= level).
    """
    try:
        from scipy.integrate import Radau
    except ImportError:
        return {
            "id": request["id"],
            "status": "error",
            "message": (
                f"stiff gradient flow at t = {t:.6g} (DOPRI5 stability-limited) needs SciPy's "
                "implicit integrator: install SciPy (Debian: python3-scipy)"
            ),
        }
    n = theta.size
    block_max = net.block_max(theta)
    # Per matrix, as the comment on IMPLICIT_RELATIVE_FLOOR says; only an all-zero matrix falls
    # back to 1e-6 of the largest weight (a global clamp would put B's tiny matrix under A's scale).
    floor = np.where(block_max > 0, block_max, 1e-6 * np.max(np.abs(theta)) + 1e-300)
    atol = rtol * IMPLICIT_RELATIVE_FLOOR * floor

    def fun(_t, y):
        return -net.gradient(y)

    def jac(_t, y):
        # Central differences of the analytic gradient, column by column (2n gradients): the
        # Jacobian only drives Radau's Newton iterations, so this accuracy (~1e-10 relative)
        # leaves the solution unchanged. n is 2L at T4's width 1, so this costs little.
        J = np.empty((n, n))
        delta = 6e-6 * np.maximum(np.abs(y), atol / rtol)
        for j in range(n):
            e = np.zeros(n)
            e[j] = delta[j]
            J[:, j] = (net.gradient(y - e) - net.gradient(y + e)) / (2 * delta[j])
        return J

    t_bound = run.max_time if math.isfinite(run.max_time) else 1e300
    solver = Radau(fun, t, theta, t_bound, rtol=rtol, atol=atol, jac=jac, first_step=h)
    while True:
        status = run.end(t, theta)
        if status is not None:
            return run.response(request["id"], status, t, theta)
        message = solver.step()
        if solver.status == "failed":
            return {
                "id": request["id"],
                "status": "error",
                "message": f"Radau failed at t = {solver.t:.6g}: {message}",
            }
        t_new, y_new = solver.t, solver.y.copy()
        crossed = run.crossed(net.total_map(y_new))
        if crossed:
            dense = solver.dense_output()
            step = t_new - t

            def state(s, dense=dense, t=t, step=step):
                return dense(t + s * step)

            # Radau's dense output is its collocation polynomial (one order below the step's):
            # the crossings of T4's requests agree with the built-in's to <= 2.5e-10.
            for th in crossed:
                tc = locate(net, th, t, step, state)
                run.crossings[th["name"]] = {"t": tc[0], "totalMap": tc[1], "step": run.steps + 1}
        run.track_plateau(t_new, y_new, float(np.linalg.norm(net.gradient(y_new))))
        t, theta = t_new, y_new
        run.steps += 1


def dense_output(h, y0, y1, k):
    """y(t0 + s·h) for s in [0, 1] from the step's stages (CONTD5)."""
    r2 = y1 - y0
    r3 = h * k[0] - r2
    r4 = r2 - h * k[6] - r3
    r5 = h * (D @ k)

    def state(s):
        return y0 + s * (r2 + (1 - s) * (r3 + s * (r4 + (1 - s) * r5)))

    return state


def locate(net, th, t0, h, state):
    """The crossing time on the step's dense output, by bisection to round-off."""
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        w = net.total_map(state(mid))
        if float(np.linalg.norm(w[th["start"] : th["end"]])) >= th["level"]:
            hi = mid
        else:
            lo = mid
    return t0 + hi * h, net.total_map(state(hi)).tolist()


def descent(net, request):
    run = Run(net, request)
    eta = float(request["method"]["learningRate"])
    theta = net.theta0.copy()
    w_prev = net.total_map(theta)
    while True:
        t = eta * run.steps
        w = net.total_map(theta)
        loss = net.loss_of_map(w)
        if not np.isfinite(loss) or loss > run.divergence_level:
            return run.response(request["id"], "diverged", t, theta)
        for th in run.crossed(w):
            # Linear interpolation of the block norm between the last two iterates.
            a, b = run.block_norm(w_prev, th), run.block_norm(w, th)
            frac = 1.0 if b == a or run.steps == 0 else (th["level"] - a) / (b - a)
            run.crossings[th["name"]] = {
                "t": eta * (run.steps - 1 + frac), "totalMap": w.tolist(), "step": run.steps,
            }
        if run.should_stop(loss):
            return run.response(request["id"], "completed", t, theta)
        if t >= run.max_time:
            return run.response(request["id"], "time-budget", t, theta)
        if run.steps >= run.max_steps:
            return run.response(request["id"], "step-budget", t, theta)
        grad = net.gradient(theta)
        run.track_plateau(t, theta, float(np.linalg.norm(grad)))
        w_prev = w
        theta = theta - eta * grad
        run.steps += 1


def answer(request):
    if request.get("kind") == "hello":
        return {
            "protocol": PROTOCOL,
            "id": request.get("id"),
            "name": NAME,
            "capabilities": {
                "methods": ["flow", "gd"],
                "activations": ["linear"],
                "data": ["population"],
                "plateau": True,
            },
        }
    try:
        net = Network(request)
        method = request["method"]["kind"]
        if method == "flow":
            return flow(net, request)
        if method == "gd":
            return descent(net, request)
        raise ValueError(f"method {method!r} is not supported")
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
    for line in sys.stdin:
        if not line.strip():
            continue
        response = answer(json.loads(line))
        sys.stdout.write(json.dumps(finite_or_null(response), allow_nan=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
