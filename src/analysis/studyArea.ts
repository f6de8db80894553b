/**
 * The study area of a hot-spot analysis, in metres: where incidents could have happened, so where
 * every grid cell — zero counts included — takes part in the statistics.
 *
 * Two sources, as ArcGIS's Optimized Hot Spot Analysis offers ("Bounding Polygons Defining Where
 * Incidents Are Possible", else the incidents' extent):
 * - `studyAreaFromPolygons`: the union of the user's boundary polygons (beats, wards, a city
 *   limit). A location is inside when it is inside any of them; the area is the sum of their areas
 *   (polygons of one layer are assumed not to overlap).
 * - `studyAreaFromPoints`: the convex hull (Andrew 1979, see `convexHull`) of the incidents after
 *   dropping locational outliers. Rule: on distinct locations (coincident incidents count once),
 *   a location is an outlier when its distance to the nearest other location exceeds the mean of
 *   those nearest-neighbour distances by more than 3 standard deviations (population SD) — the
 *   three-standard-deviation rule ArcGIS uses for locational outliers. Every incident at an outlier
 *   location is dropped from the hull, and how many were dropped is reported.
 *
 * Units: metres and m². Complexity: polygons O(e) to prepare (e edges), point tests about O(8 +
 * polygons); points O(n) expected (hashing, grid nearest neighbours, Akl–Toussaint hull filter).
 *
 * @example
 * const area = studyAreaFromPoints(new Float64Array([0, 0, 100, 0, 100, 100, 0, 100, 50, 50]));
 * area.areaSquareMetres; // 10000 — the hull is the 100 m square
 * isInStudyArea(area, 10, 10); // true
 */
import { convexHull } from './convexHull';
import { distinctLocations, type DistinctLocations } from './distinctLocations';
import { nearestNeighbourDistances } from './nearestNeighbourDistances';
import { preparePolygon, type PlanarPolygon, type PreparedPolygon } from './pointInPolygon';

export interface StudyArea {
  source: 'polygons' | 'hull';
  /** The polygons whose union is the study area (one, the hull, for `source: 'hull'`). */
  polygons: PreparedPolygon[];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  areaSquareMetres: number;
  /** Incidents left out of the hull as locational outliers (0 for polygons). */
  droppedIncidents: number;
  /** Distinct locations left out as outliers (0 for polygons). */
  droppedLocations: number;
  /** For the hull: 1 where the input point was dropped as a locational outlier. */
  isOutlier?: Uint8Array;
  /** A plain-English sentence for the methods log. */
  description: string;
}

export interface StudyAreaFromPointsOptions {
  /** How many standard deviations above the mean nearest-neighbour distance make an outlier; default 3. */
  outlierStandardDeviations?: number;
  /** `distinctLocations(xy)`, when the caller has it already. */
  locations?: DistinctLocations;
  /** `nearestNeighbourDistances(locations.xy)`, when the caller has it already. */
  nearestNeighbourMetres?: Float64Array;
}

export function studyAreaFromPolygons(polygons: readonly PlanarPolygon[]): StudyArea {
  const prepared = polygons.map(preparePolygon).filter((p) => p.areaSquareMetres > 0);
  if (prepared.length === 0)
    throw new Error(
      'The boundary layer has no polygon with an area: check that it holds polygons (not lines or points) in the same place as the incidents.',
    );
  const area = prepared.reduce((sum, p) => sum + p.areaSquareMetres, 0);
  return {
    source: 'polygons',
    polygons: prepared,
    minX: Math.min(...prepared.map((p) => p.minX)),
    minY: Math.min(...prepared.map((p) => p.minY)),
    maxX: Math.max(...prepared.map((p) => p.maxX)),
    maxY: Math.max(...prepared.map((p) => p.maxY)),
    areaSquareMetres: area,
    droppedIncidents: 0,
    droppedLocations: 0,
    description: `Study area: the union of ${prepared.length.toLocaleString('en-US')} boundary polygon${prepared.length === 1 ? '' : 's'}, ${formatArea(area)}.`,
  };
}

export function studyAreaFromPoints(
  xy: Float64Array,
  options: StudyAreaFromPointsOptions = {},
): StudyArea {
  const k = options.outlierStandardDeviations ?? 3;
  const n = xy.length >> 1;
  const locations = options.locations ?? distinctLocations(xy);
  const m = locations.multiplicity.length;
  if (m < 3)
    throw new Error(
      `The incidents lie at only ${m} distinct location${m === 1 ? '' : 's'}; a study area needs at least 3 that are not on one line. Give boundary polygons instead.`,
    );
  const nn = options.nearestNeighbourMetres ?? nearestNeighbourDistances(locations.xy);
  let mean = 0;
  for (let i = 0; i < m; i++) mean += nn[i];
  mean /= m;
  let variance = 0;
  for (let i = 0; i < m; i++) variance += (nn[i] - mean) ** 2;
  const sd = Math.sqrt(variance / m);
  const threshold = mean + k * sd;

  const keptXY = new Float64Array(2 * m);
  const outlierLocation = new Uint8Array(m);
  let droppedLocations = 0;
  let kept = 0;
  for (let loc = 0; loc < m; loc++) {
    if (nn[loc] > threshold) {
      outlierLocation[loc] = 1;
      droppedLocations++;
    } else {
      keptXY[kept++] = locations.xy[2 * loc];
      keptXY[kept++] = locations.xy[2 * loc + 1];
    }
  }
  const isOutlier = new Uint8Array(n);
  let droppedIncidents = 0;
  for (let i = 0; i < n; i++) {
    if (outlierLocation[locations.locationOf[i]]) {
      isOutlier[i] = 1;
      droppedIncidents++;
    }
  }
  const hull = convexHull(keptXY.subarray(0, kept));
  if (hull.length < 6)
    throw new Error(
      'The incidents lie on a single line, so their convex hull has no area. Give boundary polygons for the study area instead.',
    );
  const polygon = preparePolygon([hull]);
  const dropped =
    droppedIncidents === 0
      ? 'no incident was a locational outlier'
      : `${droppedIncidents.toLocaleString('en-US')} incident${droppedIncidents === 1 ? '' : 's'} at ${droppedLocations.toLocaleString('en-US')} location${droppedLocations === 1 ? '' : 's'} left out as locational outliers (nearest other location more than ${round(threshold)} m away: the mean nearest-neighbour distance ${round(mean)} m plus ${k} standard deviations of ${round(sd)} m)`;
  return {
    source: 'hull',
    polygons: [polygon],
    minX: polygon.minX,
    minY: polygon.minY,
    maxX: polygon.maxX,
    maxY: polygon.maxY,
    areaSquareMetres: polygon.areaSquareMetres,
    droppedIncidents,
    droppedLocations,
    isOutlier,
    description: `Study area: the convex hull of the incidents, ${formatArea(polygon.areaSquareMetres)}; ${dropped}.`,
  };
}

/** Whether (x, y) in metres lies inside the study area (inside any of its polygons). */
export function isInStudyArea(area: StudyArea, x: number, y: number): boolean {
  if (x < area.minX || x > area.maxX || y < area.minY || y > area.maxY) return false;
  for (const polygon of area.polygons) if (polygon.contains(x, y)) return true;
  return false;
}

/** 1 for each point of `xy` inside the study area, else 0. */
export function pointsInStudyArea(area: StudyArea, xy: Float64Array): Uint8Array {
  const n = xy.length >> 1;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = isInStudyArea(area, xy[2 * i], xy[2 * i + 1]) ? 1 : 0;
  return out;
}

function round(metres: number): string {
  return metres >= 100
    ? Math.round(metres).toLocaleString('en-US')
    : metres.toPrecision(2).replace(/\.0+$/, '');
}

function formatArea(squareMetres: number): string {
  return squareMetres >= 1e6
    ? `${(squareMetres / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })} km²`
    : `${Math.round(squareMetres).toLocaleString('en-US')} m²`;
}
