import { InputError } from "../../errors/inputError.js";
import { deepInitFigure } from "./deepInit.js";
import { deepRatioFigure } from "./deepRatio.js";
import { deepRhoFigure } from "./deepRho.js";
import { depthLossesFigure } from "./depthLosses.js";
import type { FigureDefinition } from "./figure.js";
import { generalisationFigure } from "./generalisation.js";
import { misattributionFigure } from "./misattribution.js";
import { misattributionHeatmapFigure } from "./misattributionHeatmap.js";
import { mnistFusionFigure } from "./mnistFusion.js";
import { phasePortraitFigure } from "./phasePortrait.js";
import { randomScatterFigure } from "./randomScatter.js";
import { ratioHeatmapFigure } from "./ratioHeatmap.js";
import { superficialPreferenceFigure } from "./superficialPreference.js";
import { toyRatioFigure } from "./toyRatio.js";
import { trajectoriesFigure } from "./trajectories.js";
import { validityT5Figure } from "./validityT5.js";
import { xorFigure } from "./xor.js";

/** Every figure of `ubias figure`, in the paper's order. */
export const FIGURES: readonly FigureDefinition[] = [
  trajectoriesFigure,
  phasePortraitFigure,
  toyRatioFigure,
  misattributionFigure,
  ratioHeatmapFigure,
  misattributionHeatmapFigure,
  superficialPreferenceFigure,
  deepRhoFigure,
  deepRatioFigure,
  deepInitFigure,
  depthLossesFigure,
  randomScatterFigure,
  validityT5Figure,
  generalisationFigure,
  xorFigure,
];

/**
 * Figures made only when asked for by id (`ubias figure <id>`), not by `figure all` or the
 * report, whose time budget they exceed: mnist-fusion trains four networks (2-4 min on one core, 2026-12-04).
 */
export const ON_REQUEST_FIGURES: readonly FigureDefinition[] = [mnistFusionFigure];

/** The figure with this id (in FIGURES or ON_REQUEST_FIGURES), or an InputError listing the valid ids. */
export function figureById(id: string): FigureDefinition {
  const figure = [...FIGURES, ...ON_REQUEST_FIGURES].find((f) => f.id === id);
  if (figure === undefined) {
    throw new InputError(
      "figure",
      `unknown figure ${JSON.stringify(id)}; valid ids: ${[...FIGURES, ...ON_REQUEST_FIGURES].map((f) => f.id).join(", ")}, all`,
    );
  }
  return figure;
}
