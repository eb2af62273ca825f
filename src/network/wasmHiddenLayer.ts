import type { WasmFunction } from "./wasmAssembler.js";
import {
  BLOCK,
  BR,
  BR_IF,
  ELSE,
  END,
  F64_LOAD,
  F64_STORE,
  F64X2_ABS,
  F64X2_ADD,
  F64X2_GT,
  F64X2_MUL,
  functionBuilder,
  get,
  I32_ADD,
  I32_EQZ,
  I32_LT_S,
  I32_MUL,
  I32_SUB,
  IF,
  i32,
  LOOP,
  set,
  simd,
  V128_AND,
  V128_LOAD,
  V128_LOAD64_LANE,
  V128_LOAD64_SPLAT,
  V128_STORE,
  v128,
} from "./wasmAssembler.js";

/**
 * The fused one-hidden-layer kernels of oneHiddenLayer.ts (depth L = 2) in WebAssembly SIMD,
 * on the buffers of a WasmArena (wasmTiles.ts). A lane is one of the JavaScript loops' sums,
 * advanced in the same order with the same IEEE operations (WebAssembly has no fused
 * multiply-add and never reassociates), so the results are the JavaScript path's bit for bit
 * (test/network/oneHiddenLayer.test.ts runs both against the plain loops):
 *
 * - forward passes put two samples in a lane pair (ŷ_p sums the units in order, per sample);
 * - backward passes put two units in a lane pair (each gradient entry sums the samples in
 *   order, per unit), loading one sample's scalars splat across the pair.
 *
 * Two deliberate differences from the JavaScript text, neither visible in any result:
 * - JavaScript forms z = 0 + a·x and δ = (0 + v·e)·1(h > 0); here z = a·x and δ = (v·e)·1(h > 0).
 *   `0 + t` differs from t only for t = −0 (it gives +0). relu(±0) = +0 either way, so the
 *   activation is the same; a ±0 δ contributes ±0·x = ±0 to a sum that starts at +0, and a
 *   round-to-nearest sum that starts at +0 is never −0 (t + (−t) = +0), so adding ±0 leaves
 *   it unchanged.
 * - readoutDelta stores the deltas of units 4m..4m+3 interleaved by sample (δ[4m + q, p] at
 *   4m·P + 4p + q: the four rows' own space), so that outerPairs loads a unit pair's deltas
 *   with one 128-bit load and the next pair's at a constant offset. Only these two kernels
 *   read or write that layout; rows past the last multiple of 4 stay feature-major for the
 *   JavaScript remainder. outerPairs reads the inputs sample-major (a copy reluNetwork.ts
 *   keeps), hiddenForward the weights packed by unit quads (a copy its wrapper makes), so
 *   that each loads from one moving address at constant offsets.
 */

const HALF = v128([0.5, 0.5]);
const ZERO = v128([0, 0]);
const ONE = v128([1, 1]);
const F64X2_EXTRACT_LANE = (lane: number) => [...simd(33), lane];
const F64_ADD = [0xa0];

type Emit = (...parts: number[][]) => void;

/** `while (a < b) { body }` on i32 locals (by index). */
function whileLess(emit: Emit, a: number, b: number, body: () => void): void {
  emit(BLOCK, LOOP, get(a), get(b), I32_LT_S, I32_EQZ, BR_IF(1));
  body();
  emit(BR(0), END, END);
}

/** local ← local + n (i32). */
const bump = (local: number, n: number | number[]) => [
  get(local),
  typeof n === "number" ? i32(n) : n,
  I32_ADD,
  set(local),
];

/** s ← relu(s) = (s + |s|)·½, as oneHiddenLayer.ts's relu (exact; +0 at s = ±0). */
const reluInPlace = (s: number, half: number) => [
  get(s),
  get(s),
  F64X2_ABS,
  F64X2_ADD,
  get(half),
  F64X2_MUL,
  set(s),
];

/**
 * scalarForward(wA, xA, wB, xB, v, yhat, units4, startB, endB, two): units [0, units4) of a
 * group on one (two = 0) or two scalar inputs, samples [startB, endB) in bytes (an even
 * count): ŷ_p ← ŷ_p + v_i·relu(a_i x_p [+ b_i y_p]) for i ascending (forwardScalar4).
 */
function scalarForward(): WasmFunction {
  const params = ["wA", "xA", "wB", "xB", "v", "yhat", "units4", "startB", "endB", "two"];
  const quad = [0, 1, 2, 3];
  const vecs = [
    ...quad.map((q) => `a${q}`),
    ...quad.map((q) => `b${q}`),
    ...quad.map((q) => `v${q}`),
    "x",
    "y",
    "acc",
    "z",
    "half",
  ];
  const f = functionBuilder("scalarForward", params, ["i", "p"], vecs);
  const L = f.local;
  const { emit } = f;
  emit(HALF, set(L("half")));
  emit(i32(0), set(L("i")));
  whileLess(emit, L("i"), L("units4"), () => {
    const splatAt = (base: string, q: number, into: string) =>
      emit(
        get(L(base)),
        get(L("i")),
        i32(8),
        I32_MUL,
        I32_ADD,
        V128_LOAD64_SPLAT(8 * q),
        set(L(into)),
      );
    for (const q of quad) {
      splatAt("wA", q, `a${q}`);
      splatAt("v", q, `v${q}`);
    }
    const samples = (two: boolean) => {
      emit(get(L("startB")), set(L("p")));
      whileLess(emit, L("p"), L("endB"), () => {
        emit(get(L("xA")), get(L("p")), I32_ADD, V128_LOAD(0), set(L("x")));
        if (two) emit(get(L("xB")), get(L("p")), I32_ADD, V128_LOAD(0), set(L("y")));
        emit(get(L("yhat")), get(L("p")), I32_ADD, V128_LOAD(0), set(L("acc")));
        for (const q of quad) {
          emit(get(L(`a${q}`)), get(L("x")), F64X2_MUL);
          if (two) emit(get(L(`b${q}`)), get(L("y")), F64X2_MUL, F64X2_ADD);
          emit(set(L("z")), ...reluInPlace(L("z"), L("half")));
          emit(get(L("acc")), get(L(`v${q}`)), get(L("z")), F64X2_MUL, F64X2_ADD, set(L("acc")));
        }
        emit(get(L("yhat")), get(L("p")), I32_ADD, get(L("acc")), V128_STORE(0));
        emit(...bump(L("p"), 16));
      });
    };
    emit(get(L("two")), IF);
    for (const q of quad) splatAt("wB", q, `b${q}`);
    samples(true);
    emit(ELSE);
    samples(false);
    emit(END);
    emit(...bump(L("i"), 4));
  });
  return f.finish();
}

/**
 * scalarBackward(wA, xA, wB, xB, v, top, gA, gB, gV, units4, startB, endB, two): units
 * [0, units4) on one or two scalar inputs, samples [startB, endB) in bytes: per unit i
 * (two per lane pair) the sums Σ_p e_p h_ip, Σ_p δ_ip x_p [, Σ_p δ_ip y_p] over p ascending
 * from +0, h recomputed as scalarForward forms it, δ = (v_i e_p)·1(h > 0), then added to the
 * gradient at gV, gA [, gB] (byte addresses of unit 0's entries) — backwardScalar4One/Two.
 */
function scalarBackward(): WasmFunction {
  const params = [
    "wA",
    "xA",
    "wB",
    "xB",
    "v",
    "top",
    "gA",
    "gB",
    "gV",
    "units4",
    "startB",
    "endB",
    "two",
  ];
  const pairs = [0, 1];
  const vecs = [
    ...pairs.flatMap((j) => [`a${j}`, `b${j}`, `v${j}`, `g${j}`, `s${j}`, `t${j}`]),
    "e",
    "x",
    "y",
    "h",
    "d",
    "half",
    "zero",
    "one",
  ];
  const f = functionBuilder("scalarBackward", params, ["i", "p", "addr"], vecs);
  const L = f.local;
  const { emit } = f;
  emit(HALF, set(L("half")), ZERO, set(L("zero")), ONE, set(L("one")));
  emit(i32(0), set(L("i")));
  const pairAt = (base: string, j: number) => [
    get(L(base)),
    get(L("i")),
    i32(8),
    I32_MUL,
    I32_ADD,
    V128_LOAD(16 * j),
  ];
  whileLess(emit, L("i"), L("units4"), () => {
    for (const j of pairs) {
      emit(...pairAt("wA", j), set(L(`a${j}`)), ...pairAt("v", j), set(L(`v${j}`)));
      emit(get(L("zero")), set(L(`g${j}`)), get(L("zero")), set(L(`s${j}`)));
      emit(get(L("zero")), set(L(`t${j}`)));
    }
    const samples = (two: boolean) => {
      emit(get(L("startB")), set(L("p")));
      whileLess(emit, L("p"), L("endB"), () => {
        emit(get(L("top")), get(L("p")), I32_ADD, V128_LOAD64_SPLAT(), set(L("e")));
        emit(get(L("xA")), get(L("p")), I32_ADD, V128_LOAD64_SPLAT(), set(L("x")));
        if (two) emit(get(L("xB")), get(L("p")), I32_ADD, V128_LOAD64_SPLAT(), set(L("y")));
        for (const j of pairs) {
          emit(get(L(`a${j}`)), get(L("x")), F64X2_MUL);
          if (two) emit(get(L(`b${j}`)), get(L("y")), F64X2_MUL, F64X2_ADD);
          emit(set(L("h")), ...reluInPlace(L("h"), L("half")));
          const g = L(`g${j}`);
          emit(get(g), get(L("e")), get(L("h")), F64X2_MUL, F64X2_ADD, set(g));
          // δ = (v·e)·1(h > 0): the comparison's all-ones lanes ∧ 1.0 give 1.0, else +0.
          emit(get(L(`v${j}`)), get(L("e")), F64X2_MUL, get(L("h")), get(L("zero")), F64X2_GT);
          emit(get(L("one")), V128_AND, F64X2_MUL, set(L("d")));
          const s = L(`s${j}`);
          emit(get(s), get(L("d")), get(L("x")), F64X2_MUL, F64X2_ADD, set(s));
          if (two) {
            const t = L(`t${j}`);
            emit(get(t), get(L("d")), get(L("y")), F64X2_MUL, F64X2_ADD, set(t));
          }
        }
        emit(...bump(L("p"), 8));
      });
    };
    emit(get(L("two")), IF);
    for (const j of pairs) emit(...pairAt("wB", j), set(L(`b${j}`)));
    samples(true);
    emit(ELSE);
    samples(false);
    emit(END);
    // grad[...] += sum, one add per entry.
    const addPairs = (base: string, sum: string) => {
      emit(get(L(base)), get(L("i")), i32(8), I32_MUL, I32_ADD, set(L("addr")));
      for (const j of pairs) {
        emit(get(L("addr")), get(L("addr")), V128_LOAD(16 * j), get(L(`${sum}${j}`)), F64X2_ADD);
        emit(V128_STORE(16 * j));
      }
    };
    addPairs("gV", "g");
    addPairs("gA", "s");
    emit(get(L("two")), IF);
    addPairs("gB", "t");
    emit(END);
    emit(...bump(L("i"), 4));
  });
  return f.finish();
}

/**
 * hiddenForward(w1, x1, cols1, w2, x2, cols2, v, act, yhat, rows4, rowBytes, startB, end4B):
 * units [0, rows4) fed by one or two (cols2 > 0) blocks, their weights packed by unit quads
 * (the wrapper in wasmTiles.ts: (4m + q, k) at (m·cols + k)·4 + q), on feature-major inputs,
 * samples [startB, end4B) in bytes (a multiple of 4 samples), 4 units × 4 samples at a time:
 * z summed from +0 over the blocks in order, columns ascending; act = relu(z) stored
 * feature-major; ŷ_p ← ŷ_p + v_i act_ip for the four units in order (forwardGeneral4).
 */
function hiddenForward(): WasmFunction {
  const params = [
    "w1",
    "x1",
    "cols1",
    "w2",
    "x2",
    "cols2",
    "v",
    "act",
    "yhat",
    "rows4",
    "rowBytes",
    "startB",
    "end4B",
  ];
  const quad = [0, 1, 2, 3];
  const sum = (q: number, half: number) => `s${q}${half}`;
  const vecs = [
    ...quad.flatMap((q) => [sum(q, 0), sum(q, 1), `v${q}`]),
    "xLo",
    "xHi",
    "w",
    "yLo",
    "yHi",
    "half",
    "zero",
  ];
  const i32s = ["r", "pB", "wp", "wEnd", "xAddr", "addr"];
  const f = functionBuilder("hiddenForward", params, i32s, vecs);
  const L = f.local;
  const { emit } = f;
  emit(HALF, set(L("half")), ZERO, set(L("zero")));
  emit(i32(0), set(L("r")));
  whileLess(emit, L("r"), L("rows4"), () => {
    for (const q of quad) {
      emit(get(L("v")), get(L("r")), i32(8), I32_MUL, I32_ADD, V128_LOAD64_SPLAT(8 * q));
      emit(set(L(`v${q}`)));
    }
    emit(get(L("startB")), set(L("pB")));
    whileLess(emit, L("pB"), L("end4B"), () => {
      for (const q of quad) {
        emit(get(L("zero")), set(L(sum(q, 0))), get(L("zero")), set(L(sum(q, 1))));
      }
      for (const [w, x, cols] of [
        ["w1", "x1", "cols1"],
        ["w2", "x2", "cols2"],
      ] as const) {
        // wp = w + r·cols·8: the quad's packed weights, four per column (see the wrapper).
        emit(get(L(w)), get(L("r")), get(L(cols)), I32_MUL, i32(8), I32_MUL, I32_ADD, set(L("wp")));
        emit(get(L("wp")), get(L(cols)), i32(32), I32_MUL, I32_ADD, set(L("wEnd")));
        emit(get(L(x)), get(L("pB")), I32_ADD, set(L("xAddr")));
        whileLess(emit, L("wp"), L("wEnd"), () => {
          emit(get(L("xAddr")), V128_LOAD(0), set(L("xLo")));
          emit(get(L("xAddr")), V128_LOAD(16), set(L("xHi")));
          for (const q of quad) {
            emit(get(L("wp")), V128_LOAD64_SPLAT(8 * q), set(L("w")));
            for (const [half, xv] of [
              [0, "xLo"],
              [1, "xHi"],
            ] as const) {
              const s = L(sum(q, half));
              emit(get(s), get(L("w")), get(L(xv)), F64X2_MUL, F64X2_ADD, set(s));
            }
          }
          emit(...bump(L("wp"), 32), ...bump(L("xAddr"), get(L("rowBytes"))));
        });
      }
      for (const q of quad) {
        emit(get(L("act")), get(L("r")), i32(q), I32_ADD, get(L("rowBytes")), I32_MUL, I32_ADD);
        emit(get(L("pB")), I32_ADD, set(L("addr")));
        for (const half of [0, 1]) {
          const s = L(sum(q, half));
          emit(...reluInPlace(s, L("half")), get(L("addr")), get(s), V128_STORE(16 * half));
        }
      }
      emit(get(L("yhat")), get(L("pB")), I32_ADD, set(L("addr")));
      emit(
        get(L("addr")),
        V128_LOAD(0),
        set(L("yLo")),
        get(L("addr")),
        V128_LOAD(16),
        set(L("yHi")),
      );
      for (const q of quad) {
        for (const [half, y] of [
          [0, "yLo"],
          [1, "yHi"],
        ] as const) {
          emit(get(L(y)), get(L(`v${q}`)), get(L(sum(q, half))), F64X2_MUL, F64X2_ADD, set(L(y)));
        }
      }
      emit(
        get(L("addr")),
        get(L("yLo")),
        V128_STORE(0),
        get(L("addr")),
        get(L("yHi")),
        V128_STORE(16),
      );
      emit(...bump(L("pB"), 32));
    });
    emit(...bump(L("r"), 4));
  });
  return f.finish();
}

/**
 * readoutDelta(v, act, top, delta, gV, units4, rowBytes, startB, endB): units [0, units4)
 * (two per lane pair), samples [startB, endB) in bytes: the readout gradient Σ_p e_p act_ip
 * (p ascending from +0, then added at gV) and δ_ip = (v_i e_p)·1(act_ip > 0), stored quad-
 * interleaved (see the file's comment) — readoutAndDelta.
 */
function readoutDelta(): WasmFunction {
  const params = ["v", "act", "top", "delta", "gV", "units4", "rowBytes", "startB", "endB"];
  const i32s = ["i", "pB", "r0", "r1", "r2", "r3", "d0", "addr"];
  const vecs = ["v0", "v1", "g0", "g1", "e", "h0", "h1", "zero", "one"];
  const f = functionBuilder("readoutDelta", params, i32s, vecs);
  const L = f.local;
  const { emit } = f;
  emit(ZERO, set(L("zero")), ONE, set(L("one")));
  emit(i32(0), set(L("i")));
  whileLess(emit, L("i"), L("units4"), () => {
    emit(get(L("v")), get(L("i")), i32(8), I32_MUL, I32_ADD, set(L("addr")));
    emit(get(L("addr")), V128_LOAD(0), set(L("v0")), get(L("addr")), V128_LOAD(16), set(L("v1")));
    emit(get(L("zero")), set(L("g0")), get(L("zero")), set(L("g1")));
    emit(get(L("act")), get(L("i")), get(L("rowBytes")), I32_MUL, I32_ADD, set(L("r0")));
    for (const q of [1, 2, 3])
      emit(get(L(`r${q - 1}`)), get(L("rowBytes")), I32_ADD, set(L(`r${q}`)));
    // The quad's interleaved rows start where unit i's row does.
    emit(get(L("delta")), get(L("i")), get(L("rowBytes")), I32_MUL, I32_ADD, set(L("d0")));
    emit(get(L("startB")), set(L("pB")));
    whileLess(emit, L("pB"), L("endB"), () => {
      emit(get(L("top")), get(L("pB")), I32_ADD, V128_LOAD64_SPLAT(), set(L("e")));
      for (const j of [0, 1]) {
        const h = L(`h${j}`);
        emit(get(L(`r${2 * j}`)), get(L("pB")), I32_ADD, V128_LOAD64_SPLAT(), set(h));
        emit(get(L(`r${2 * j + 1}`)), get(L("pB")), I32_ADD, get(h), V128_LOAD64_LANE(1), set(h));
        const g = L(`g${j}`);
        emit(get(g), get(L("e")), get(h), F64X2_MUL, F64X2_ADD, set(g));
        // Address d0 + 4·pB (+ 16 j), then δ = (v·e)·(1(h > 0) ∧ 1.0).
        emit(get(L("d0")), get(L("pB")), i32(4), I32_MUL, I32_ADD);
        emit(get(L(`v${j}`)), get(L("e")), F64X2_MUL, get(h), get(L("zero")), F64X2_GT);
        emit(get(L("one")), V128_AND, F64X2_MUL, V128_STORE(16 * j));
      }
      emit(...bump(L("pB"), 8));
    });
    emit(get(L("gV")), get(L("i")), i32(8), I32_MUL, I32_ADD, set(L("addr")));
    for (const j of [0, 1]) {
      emit(get(L("addr")), get(L("addr")), V128_LOAD(16 * j), get(L(`g${j}`)), F64X2_ADD);
      emit(V128_STORE(16 * j));
    }
    emit(...bump(L("i"), 4));
  });
  return f.finish();
}

/**
 * outerPairs(grad, rows4, cols, gradRowBytes, delta, input, rowBytes, startB, endB):
 * G[r, c] += Σ_p δ[r, p]·x[c, p] for rows [0, rows4) with δ quad-interleaved (readoutDelta)
 * and x sample-major (cols·8 = gradRowBytes bytes a sample), each sum over p ascending from
 * +0 and then added: 4 rows (two lane pairs, one 128-bit load each) × 4 columns (x splat)
 * at a time, the last cols mod 4 columns in chunks of 2 and 1.
 */
function outerPairs(): WasmFunction {
  const params = [
    "grad",
    "rows4",
    "cols",
    "gradRowBytes",
    "delta",
    "input",
    "rowBytes",
    "startB",
    "endB",
  ];
  const i32s = ["r", "c", "dBase", "dp", "dEnd", "xp", "addr"];
  const sum = (m: number, j: number) => `s${m}${j}`;
  const vecs = [
    ...[0, 1].flatMap((m) => [0, 1, 2, 3].map((j) => sum(m, j))),
    "e0",
    "e1",
    "x",
    "zero",
  ];
  const f = functionBuilder("outerPairs", params, i32s, vecs);
  const L = f.local;
  const { emit } = f;
  const chunk = (K: number) => {
    const cols = Array.from({ length: K }, (_, j) => j);
    for (const j of cols)
      emit(get(L("zero")), set(L(sum(0, j))), get(L("zero")), set(L(sum(1, j))));
    // dp = dBase + 4·startB, dEnd = dBase + 4·endB, xp = input + startB·cols + c·8.
    emit(get(L("dBase")), get(L("startB")), i32(4), I32_MUL, I32_ADD, set(L("dp")));
    emit(get(L("dBase")), get(L("endB")), i32(4), I32_MUL, I32_ADD, set(L("dEnd")));
    emit(get(L("input")), get(L("startB")), get(L("cols")), I32_MUL, I32_ADD);
    emit(get(L("c")), i32(8), I32_MUL, I32_ADD, set(L("xp")));
    whileLess(emit, L("dp"), L("dEnd"), () => {
      emit(get(L("dp")), V128_LOAD(0), set(L("e0")), get(L("dp")), V128_LOAD(16), set(L("e1")));
      for (const j of cols) {
        emit(get(L("xp")), V128_LOAD64_SPLAT(8 * j), set(L("x")));
        for (const m of [0, 1]) {
          const s = L(sum(m, j));
          emit(get(s), get(L(`e${m}`)), get(L("x")), F64X2_MUL, F64X2_ADD, set(s));
        }
      }
      emit(...bump(L("dp"), 32), ...bump(L("xp"), get(L("gradRowBytes"))));
    });
    // G[r + 2m + lane, c + j] += lane `lane` of s_mj.
    for (const m of [0, 1]) {
      for (const lane of [0, 1]) {
        emit(get(L("grad")), get(L("r")), i32(2 * m + lane), I32_ADD, get(L("gradRowBytes")));
        emit(I32_MUL, I32_ADD, get(L("c")), i32(8), I32_MUL, I32_ADD, set(L("addr")));
        for (const j of cols) {
          emit(get(L("addr")), get(L("addr")), F64_LOAD(8 * j), get(L(sum(m, j))));
          emit(F64X2_EXTRACT_LANE(lane), F64_ADD, F64_STORE(8 * j));
        }
      }
    }
    emit(...bump(L("c"), K));
  };
  // `if (cols − c ≥ K) chunk(K)`, as a loop for K = 4.
  const remaining = () => [get(L("cols")), get(L("c")), I32_SUB];
  emit(ZERO, set(L("zero")), i32(0), set(L("r")));
  whileLess(emit, L("r"), L("rows4"), () => {
    emit(get(L("delta")), get(L("r")), get(L("rowBytes")), I32_MUL, I32_ADD, set(L("dBase")));
    emit(i32(0), set(L("c")));
    emit(BLOCK, LOOP, ...remaining(), i32(4), I32_LT_S, BR_IF(1));
    chunk(4);
    emit(BR(0), END, END);
    emit(...remaining(), i32(2), I32_LT_S, I32_EQZ, IF);
    chunk(2);
    emit(END);
    emit(...remaining(), i32(1), I32_LT_S, I32_EQZ, IF);
    chunk(1);
    emit(END);
    emit(...bump(L("r"), 4));
  });
  return f.finish();
}

/** The functions this file adds to the arena's module. */
export function hiddenLayerFunctions(): WasmFunction[] {
  return [scalarForward(), scalarBackward(), hiddenForward(), readoutDelta(), outerPairs()];
}
