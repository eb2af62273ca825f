import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";
import type { FigureData } from "./figure.js";

/**
 * Renders a figure's Vega-Lite specification to an SVG string with Vega's headless view
 * (renderer "none": no canvas, no DOM). Deterministic: the specification carries its data
 * inline, uses a fixed font family (no web fonts, no external resources) and no random
 * layout, so the same rows give the same bytes.
 *
 * A warning of Vega-Lite or Vega (an invalid log-scale value, an unknown field, a dropped
 * encoding) means the picture is not what the specification says: it is thrown as an error
 * instead of being printed and ignored.
 */
export async function renderSvg(data: FigureData): Promise<string> {
  const messages: string[] = [];
  const logger = collectingLogger(messages);
  const compiled = compile(data.spec as unknown as TopLevelSpec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logger });
  try {
    const svg = await view.toSVG();
    if (messages.length > 0) throw new Error(`figure rendering: ${messages.join("; ")}`);
    return svg;
  } finally {
    view.finalize();
  }
}

/** A vega-util logger at level Warn that records warnings and errors instead of printing them. */
function collectingLogger(messages: string[]): vega.LoggerInterface {
  let level = vega.Warn;
  const record =
    (kind: string, min: number) =>
    (...args: readonly unknown[]) => {
      if (level >= min) messages.push(`${kind} ${args.map(String).join(" ")}`);
      return logger;
    };
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error: record("ERROR", vega.Error),
    warn: record("WARN", vega.Warn),
    info: () => logger,
    debug: () => logger,
  } as unknown as vega.LoggerInterface;
  return logger;
}
