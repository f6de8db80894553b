/**
 * Map layers of the point pattern summaries: each category's standard deviational ellipse as an
 * outline and its mean centre as a dot, in the Okabe–Ito colour-blind-safe palette; the ellipse of
 * all incidents in black, heavier.
 */
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, Point, Polygon } from 'geojson';
import type { PointPatternResult } from '../data/jobs/pointPatternJob';
import type { RGBA } from '../data/rasterImage';

/** Okabe & Ito (2008) palette, without black (kept for all incidents). */
export const OKABE_ITO: RGBA[] = [
  [230, 159, 0, 255],
  [86, 180, 233, 255],
  [0, 158, 115, 255],
  [213, 94, 0, 255],
  [0, 114, 178, 255],
  [204, 121, 167, 255],
  [240, 228, 66, 255],
  [120, 120, 120, 255],
];
export const ALL_COLOUR: RGBA = [0, 0, 0, 255];

/** The colour of ellipse row `index` (0 = all incidents). */
export function ellipseColour(index: number): RGBA {
  return index === 0 ? ALL_COLOUR : OKABE_ITO[(index - 1) % OKABE_ITO.length];
}

export function createPointPatternLayers(result: PointPatternResult, hidden: string[]): Layer[] {
  const names = result.ellipses.map((e) => e.name);
  const colourOf = (f: Feature) => ellipseColour(names.indexOf(String(f.properties?.name)));
  const shown = (f: Feature) => !hidden.includes(String(f.properties?.name));
  const ellipses = result.ellipseFeatures.features.filter(shown) as Feature<Polygon>[];
  const centres = result.centreFeatures.features.filter(shown) as Feature<Point>[];
  return [
    new GeoJsonLayer({
      id: 'point-pattern-ellipses',
      data: { type: 'FeatureCollection', features: ellipses },
      filled: false,
      stroked: true,
      getLineColor: colourOf,
      getLineWidth: (f: Feature) => (f.properties?.all ? 3 : 2),
      lineWidthUnits: 'pixels',
    }),
    new ScatterplotLayer<Feature<Point>>({
      id: 'point-pattern-centres',
      data: centres,
      getPosition: (f) => f.geometry.coordinates as [number, number],
      getFillColor: colourOf,
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      getRadius: 6,
      radiusUnits: 'pixels',
    }),
  ];
}
