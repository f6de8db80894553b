/**
 * Boundary layers: outlines of beats, districts, wards or neighbourhoods with their labels, and an
 * optional choropleth of incident counts per polygon (a sequential, colour-blind-safe scale).
 */
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

export interface BoundaryLabel {
  position: [number, number];
  text: string;
}

/** Label anchors: a point inside each polygon (not its centroid, which can fall outside). */
export function boundaryLabels(geojson: FeatureCollection, labelField: string): BoundaryLabel[] {
  const out: BoundaryLabel[] = [];
  for (const feature of geojson.features) {
    if (!feature.geometry) continue;
    const value = feature.properties?.[labelField];
    if (value === undefined || value === null) continue;
    const p = pointOnFeature(feature as Feature<Geometry>).geometry.coordinates;
    out.push({ position: [p[0], p[1]], text: String(value) });
  }
  return out;
}

/** ColorBrewer YlOrRd (5 classes): sequential and readable with colour-vision deficiency. */
export const CHOROPLETH_COLOURS: [number, number, number][] = [
  [255, 255, 178],
  [254, 204, 92],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];

/** Quantile class breaks (upper bounds) of counts, for a 5-class choropleth legend. */
export function quantileBreaks(
  values: ArrayLike<number>,
  classes = CHOROPLETH_COLOURS.length,
): number[] {
  const sorted = Array.from(values).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let k = 1; k <= classes; k++)
    breaks.push(sorted[Math.min(sorted.length - 1, Math.ceil((k * sorted.length) / classes) - 1)]);
  return breaks;
}

export function classOf(value: number, breaks: number[]): number {
  for (let k = 0; k < breaks.length; k++) if (value <= breaks[k]) return k;
  return breaks.length - 1;
}

export function createBoundaryLayers(options: {
  id: string;
  geojson: FeatureCollection;
  labels: BoundaryLabel[];
  emphasis: 'major' | 'minor';
  counts?: Float64Array | null;
  breaks?: number[];
}): { polygons: GeoJsonLayer; labels: TextLayer<BoundaryLabel> } {
  const { id, geojson, labels, emphasis, counts, breaks } = options;
  const major = emphasis === 'major';
  return {
    polygons: new GeoJsonLayer({
      id: `${id}-polygons`,
      data: geojson,
      stroked: true,
      filled: Boolean(counts),
      getFillColor: (_f: unknown, { index }: { index: number }) => {
        if (!counts || !breaks) return [0, 0, 0, 0];
        return [...CHOROPLETH_COLOURS[classOf(counts[index], breaks)], 170];
      },
      getLineColor: major ? [70, 70, 90, 220] : [120, 120, 140, 160],
      getLineWidth: major ? 2 : 1,
      lineWidthUnits: 'pixels',
      pickable: Boolean(counts),
      updateTriggers: { getFillColor: [counts, breaks] },
    }),
    labels: new TextLayer<BoundaryLabel>({
      id: `${id}-labels`,
      data: labels,
      getPosition: (d) => d.position,
      getText: (d) => d.text,
      getSize: major ? 16 : 12,
      getColor: major ? [30, 30, 50, 255] : [70, 70, 90, 240],
      fontWeight: major ? 700 : 400,
      outlineWidth: 2,
      outlineColor: [255, 255, 255, 220],
      fontSettings: { sdf: true },
      characterSet: 'auto',
    }),
  };
}
