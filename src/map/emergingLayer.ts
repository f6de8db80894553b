/**
 * Map layers of an Emerging Hot Spot Analysis: each analysed cell filled by its pattern, after
 * ArcGIS Pro's renderer for the tool's output — reds for the hot patterns, blues for the cold ones,
 * darker the more lasting or growing the pattern, paler for the sporadic, oscillating and
 * historical ones, and an outline for the cells that only now became hot or cold (New,
 * Consecutive). Cells with No Pattern Detected are a faint grey so that the analysed area shows.
 * Grid cells come as binary polygons (one draw call, no object per cell).
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import { emergingPatternName } from '../analysis/emergingHotSpots';
import type { EmergingResult } from '../data/jobs/emergingJob';
import { cellRing } from '../data/jobs/cellGeometry';
import { cellOutlineLayer, gridCellsLayer } from './gridCells';
import type { RGBA } from '../data/rasterImage';

/** Fill of each pattern code (−8…8). */
export const EMERGING_COLOURS: Record<number, RGBA> = {
  3: [165, 0, 38, 220], // Intensifying Hot Spot
  4: [215, 48, 39, 210], // Persistent Hot Spot
  2: [244, 109, 67, 210], // Consecutive Hot Spot
  1: [253, 174, 97, 210], // New Hot Spot
  5: [254, 224, 144, 220], // Diminishing Hot Spot
  6: [241, 163, 196, 200], // Sporadic Hot Spot
  7: [197, 27, 125, 200], // Oscillating Hot Spot
  8: [166, 132, 110, 200], // Historical Hot Spot
  [-3]: [49, 54, 149, 220],
  [-4]: [69, 117, 180, 210],
  [-2]: [116, 173, 209, 210],
  [-1]: [171, 217, 233, 210],
  [-5]: [224, 243, 248, 220],
  [-6]: [178, 171, 210, 200],
  [-7]: [84, 39, 136, 200],
  [-8]: [140, 150, 160, 200],
  0: [190, 190, 190, 60],
};

/** Legend order: hot patterns from most to least pressing, cold likewise, then none. */
export const EMERGING_LEGEND_ORDER = [3, 4, 2, 1, 5, 6, 7, 8, -3, -4, -2, -1, -5, -6, -7, -8, 0];

/** Patterns drawn with an outline: places that only now turned hot or cold. */
const OUTLINED = new Set([1, 2, -1, -2]);

export function emergingColours(result: EmergingResult): Uint8Array {
  const colours = new Uint8Array(4 * result.cellCount);
  for (let i = 0; i < result.cellCount; i++)
    colours.set(EMERGING_COLOURS[result.pattern[i]] ?? EMERGING_COLOURS[0], 4 * i);
  return colours;
}

/** Legend entries of the patterns present in a result (No Pattern Detected always last). */
export function emergingLegend(result: EmergingResult): { label: string; colour: RGBA }[] {
  const present = new Set(result.patternCounts.filter((p) => p.cells > 0).map((p) => p.code));
  present.add(0);
  return EMERGING_LEGEND_ORDER.filter((code) => present.has(code)).map((code) => {
    const count = result.patternCounts.find((p) => p.code === code)?.cells ?? 0;
    return {
      label: `${emergingPatternName(code)} (${count.toLocaleString('en-US')})`,
      colour: code === 0 ? [190, 190, 190, 140] : EMERGING_COLOURS[code],
    };
  });
}

export function createEmergingLayers(
  result: EmergingResult,
  colours: Uint8Array,
  onPick: (cell: number | null) => void,
  selectedCell: number | null,
): Layer[] {
  const geometry = result.geometry;
  if (geometry.kind !== 'grid') return [];
  const onClick = (info: PickingInfo) => onPick(info.index >= 0 ? info.index : null);
  const outlined: [number, number][][] = [];
  for (let i = 0; i < result.cellCount; i++)
    if (OUTLINED.has(result.pattern[i])) outlined.push(cellRing(geometry, i));
  const layers: Layer[] = [
    gridCellsLayer('emerging-cells', geometry, result.cellCount, colours, onClick),
    cellOutlineLayer('emerging-new-outline', outlined, [120, 0, 20, 230], 1.5),
  ];
  if (selectedCell !== null)
    layers.push(
      cellOutlineLayer('emerging-selected', [cellRing(geometry, selectedCell)], [0, 0, 0, 255], 3),
    );
  return layers;
}
