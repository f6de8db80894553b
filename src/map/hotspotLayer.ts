/**
 * Map layers of a hot spot result: cells coloured with ArcGIS's hot/cold confidence classes, or
 * GeoDa's LISA cluster colours, or a sequential scale of counts. Grid cells come as binary
 * polygons (no object per cell); the user's polygons as GeoJSON.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Feature } from 'geojson';
import type { HotspotResult } from '../data/jobs/hotspotsJob';
import { cellRing } from '../data/jobs/cellGeometry';
import { cellOutlineLayer, gridCellsLayer } from './gridCells';
import type { RGBA } from '../data/rasterImage';

/** ArcGIS Pro's Hot Spot Analysis renderer: cold 99/95/90, not significant, hot 90/95/99. */
export const GI_BIN_COLOURS: Record<number, RGBA> = {
  [-3]: [69, 117, 181, 210],
  [-2]: [132, 158, 186, 200],
  [-1]: [192, 204, 190, 190],
  0: [255, 255, 191, 0],
  1: [250, 185, 132, 190],
  2: [237, 117, 81, 200],
  3: [214, 47, 39, 210],
};

export const GI_BIN_LABELS: Record<number, string> = {
  [-3]: 'Cold spot – 99% confidence',
  [-2]: 'Cold spot – 95% confidence',
  [-1]: 'Cold spot – 90% confidence',
  0: 'Not significant',
  1: 'Hot spot – 90% confidence',
  2: 'Hot spot – 95% confidence',
  3: 'Hot spot – 99% confidence',
};

/** GeoDa's LISA cluster map colours: not significant, HH, LL, LH, HL. */
export const LISA_COLOURS: RGBA[] = [
  [238, 238, 238, 0],
  [255, 0, 0, 200],
  [0, 0, 255, 200],
  [167, 173, 249, 200],
  [244, 173, 168, 200],
];

export const LISA_LABELS = [
  'Not significant',
  'High-High cluster',
  'Low-Low cluster',
  'Low-High outlier',
  'High-Low outlier',
];

/** ColorBrewer YlOrRd 6 classes for counts (0 transparent). */
const COUNT_COLOURS: RGBA[] = [
  [255, 255, 178, 170],
  [254, 217, 118, 180],
  [254, 178, 76, 190],
  [253, 141, 60, 200],
  [240, 59, 32, 210],
  [189, 0, 38, 220],
];

export function countBreaks(counts: Int32Array): number[] {
  const positive = Array.from(counts)
    .filter((c) => c > 0)
    .sort((a, b) => a - b);
  if (positive.length === 0) return [];
  return COUNT_COLOURS.map(
    (_, k) =>
      positive[
        Math.min(
          positive.length - 1,
          Math.ceil(((k + 1) * positive.length) / COUNT_COLOURS.length) - 1,
        )
      ],
  );
}

export function cellColours(result: HotspotResult): {
  colours: Uint8Array;
  legend: { label: string; colour: RGBA }[];
} {
  const n = result.cellCount;
  const colours = new Uint8Array(4 * n);
  const legend: { label: string; colour: RGBA }[] = [];
  if (result.method === 'lisa') {
    for (let i = 0; i < n; i++) colours.set(LISA_COLOURS[result.bin[i]], 4 * i);
    for (const code of [1, 4, 3, 2, 0])
      legend.push({ label: LISA_LABELS[code], colour: LISA_COLOURS[code] });
  } else if (result.method === 'count') {
    const breaks = countBreaks(result.counts);
    for (let i = 0; i < n; i++) {
      const c = result.counts[i];
      if (c === 0) continue;
      let k = 0;
      while (k < breaks.length - 1 && c > breaks[k]) k++;
      colours.set(COUNT_COLOURS[k], 4 * i);
    }
    breaks.forEach((upper, k) => {
      const lower = k === 0 ? 1 : breaks[k - 1] + 1;
      if (upper >= lower)
        legend.push({
          label: lower === upper ? `${upper}` : `${lower}–${upper} incidents`,
          colour: COUNT_COLOURS[k],
        });
    });
  } else {
    for (let i = 0; i < n; i++) colours.set(GI_BIN_COLOURS[result.bin[i]], 4 * i);
    for (const b of [3, 2, 1, 0, -1, -2, -3])
      legend.push({
        label: GI_BIN_LABELS[b],
        colour: b === 0 ? [255, 255, 191, 160] : GI_BIN_COLOURS[b],
      });
  }
  return { colours, legend };
}

/** Outline colours of cells hot (cold) at ½×, 1× and 2× the cell size. */
export const ROBUST_HOT_OUTLINE: RGBA = [0, 0, 0, 255];
export const ROBUST_COLD_OUTLINE: RGBA = [8, 48, 107, 255];

/** Bold outlines of the cells that stay hot (cold) at every scale of the robustness check. */
function robustOutlineLayers(result: HotspotResult): Layer[] {
  const geometry = result.geometry;
  if (geometry.kind !== 'grid') return [];
  const layers: Layer[] = [];
  for (const [flags, colour, id] of [
    [result.robustHot, ROBUST_HOT_OUTLINE, 'hotspot-robust-hot'],
    [result.robustCold, ROBUST_COLD_OUTLINE, 'hotspot-robust-cold'],
  ] as const) {
    if (!flags) continue;
    const rings: [number, number][][] = [];
    for (let c = 0; c < flags.length; c++) if (flags[c]) rings.push(cellRing(geometry, c));
    if (rings.length > 0) layers.push(cellOutlineLayer(id, rings, colour, 2.5));
  }
  return layers;
}

export function createHotspotLayers(
  result: HotspotResult,
  colours: Uint8Array,
  onPick: (cell: number | null) => void,
  selectedCell: number | null,
): Layer[] {
  const geometry = result.geometry;
  const onClick = (info: PickingInfo) => onPick(info.index >= 0 ? info.index : null);
  const layers: Layer[] = [];
  if (geometry.kind === 'grid') {
    layers.push(gridCellsLayer('hotspot-cells', geometry, result.cellCount, colours, onClick));
    layers.push(...robustOutlineLayers(result));
    if (selectedCell !== null)
      layers.push(
        cellOutlineLayer('hotspot-selected', [cellRing(geometry, selectedCell)], [0, 0, 0, 255], 3),
      );
  } else {
    layers.push(
      new GeoJsonLayer({
        id: 'hotspot-areas',
        data: geometry.geojson,
        filled: true,
        stroked: true,
        getFillColor: (_f: Feature, { index }: { index: number }) =>
          [
            colours[4 * index],
            colours[4 * index + 1],
            colours[4 * index + 2],
            colours[4 * index + 3],
          ] as RGBA,
        getLineColor: (_f: Feature, { index }: { index: number }) =>
          index === selectedCell ? [0, 0, 0, 255] : [90, 90, 90, 160],
        getLineWidth: (_f: Feature, { index }: { index: number }) =>
          index === selectedCell ? 3 : 1,
        lineWidthUnits: 'pixels',
        pickable: true,
        onClick,
        updateTriggers: {
          getFillColor: colours,
          getLineColor: selectedCell,
          getLineWidth: selectedCell,
        },
      }),
    );
  }
  return layers;
}
