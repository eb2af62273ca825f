/**
 * Event location, once for every method: a sign change of an event function over an
 * accepted step is a root of g(t, y(t)) on the step's dense output, found by Brent's method
 * (t_A, t_B of the flow are such roots, not grid reads).
 */
import type { LocatedEvent, Observer } from "./problem.js";

/**
 * Events of one accepted step [t, tNew]: sign changes of each g between its value at the
 * previous step's end (eventValues, updated here) and at tNew, located by Brent's method on
 * the step's interpolant, reported (pushed to `events`, passed to onEvent) in time order.
 */
export function locateEvents(
  observer: Observer,
  eventValues: number[],
  t: number,
  tNew: number,
  yNew: Float64Array,
  interpolate: (t: number, out: Float64Array) => void,
  buffer: Float64Array,
  step: number,
  events: LocatedEvent[],
): void {
  let found: LocatedEvent[] | undefined;
  for (let e = 0; e < observer.events.length; e++) {
    const event = observer.events[e]!;
    const before = eventValues[e]!;
    const after = event.value(tNew, yNew);
    eventValues[e] = after;
    const up = before < 0 && after >= 0;
    const down = before > 0 && after <= 0;
    if ((event.direction >= 0 && up) || (event.direction <= 0 && down)) {
      const g = (tq: number) => {
        interpolate(tq, buffer);
        return event.value(tq, buffer);
      };
      const tEvent = brentRoot(g, t, tNew, before, after);
      interpolate(tEvent, buffer);
      found ??= [];
      found.push({ name: event.name, t: tEvent, y: Float64Array.from(buffer), step });
    }
  }
  if (found) {
    found.sort((a, b) => a.t - b.t);
    for (const event of found) {
      events.push(event);
      observer.onEvent?.(event);
    }
  }
}

/**
 * Brent's root finder (zeroin) on [a, b] with g(a)·g(b) ≤ 0: returns the bracket end with
 * the smaller |g| once the bracket is a few ulps of t wide.
 */
export function brentRoot(
  g: (t: number) => number,
  a: number,
  b: number,
  ga: number,
  gb: number,
): number {
  let fa = ga;
  let fb = gb;
  if (fb === 0) return b;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < 200; iter++) {
    if (Math.sign(fb) === Math.sign(fc) && fb !== 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 1e-300;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = g(b);
  }
  return b;
}
