import { InputError } from "../../errors/inputError.js";
import { deepInitFigure } from "./deepInit.js";
import { deepRatioFigure } from "./deepRatio.js";
import { deepRhoFigure } from "./deepRho.js";
import { depthLossesFigure } from "./depthLosses.js";
import type { FigureDefinition } from "./figure.js";
import { generalisationFigure } from "./generalisation.js";
import { misattributionFigure } from "./misattribution.js";
import { misattributionHeatmapFigure } from "./misattributionHeatmap.js";
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

/** The figure with this id, or an InputError listing the valid ids. */
export function figureById(id: string): FigureDefinition {
  const figure = FIGURES.find((f) => f.id === id);
  if (figure === undefined) {
    throw new InputError(
      "figure",
      `unknown figure ${JSON.stringify(id)}; valid ids: ${FIGURES.map((f) => f.id).join(", ")}, all`,
    );
  }
  return figure;
}
