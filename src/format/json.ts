/**
 * Plain JSON: a value that JSON can represent exactly, and what crosses a worker-thread
 * boundary unchanged. The one JSON type of ubias (claims, parallel, report and the CLI).
 */
export type Json =
  | null
  | boolean
  | number
  | string
  | readonly Json[]
  | { readonly [k: string]: Json };

/**
 * Converts a result object into plain JSON data: NaN and ±Infinity become null (JSON has no
 * non-finite numbers, and `JSON.stringify` would silently write them as null anyway, except
 * inside typed arrays, which it writes as objects), typed arrays become arrays, `undefined`
 * fields are dropped and `undefined` array entries become null, as `JSON.stringify` does.
 *
 * @example toJson({ ratio: Number.NaN, w: Float64Array.of(1, 2) }) // { ratio: null, w: [1, 2] }
 */
export function toJson(value: unknown): Json {
  return convert(value, new Set());
}

function convert(value: unknown, ancestors: Set<object>): Json {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? value : null;
    case "boolean":
    case "string":
      return value;
    case "bigint":
      return Number(value);
    case "function":
    case "symbol":
      return null;
    default:
      break;
  }
  const object = value as object;
  if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
    return Array.from(object as unknown as ArrayLike<number | bigint>, (x) =>
      convert(x, ancestors),
    );
  }
  if (ancestors.has(object)) throw new TypeError("toJson: circular structure");
  ancestors.add(object);
  try {
    if (Array.isArray(object)) return object.map((item) => convert(item, ancestors));
    if (typeof (object as { toJSON?: unknown }).toJSON === "function") {
      return convert((object as { toJSON: () => unknown }).toJSON(), ancestors);
    }
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(object)) {
      if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
      out[key] = convert(item, ancestors);
    }
    return out;
  } finally {
    ancestors.delete(object);
  }
}

/** `toJson` then `JSON.stringify` with two-space indentation and a final newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(toJson(value), null, 2)}\n`;
}
