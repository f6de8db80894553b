/**
 * Point pattern summaries (issue "Assess 2/2", item 2): the Clark–Evans nearest neighbour index
 * with the study area it depends on stated, and a warning when many incidents share exact
 * coordinates; the mean centre and standard deviational ellipse of each category (ArcGIS's √2
 * convention) and of all incidents, as lon/lat GeoJSON for the map.
 */
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { createLocalProjection } from '../../analysis/localProjection';
import {
  nearestNeighbourIndex,
  type NearestNeighbourIndex,
} from '../../analysis/nearestNeighbourIndex';
import { standardDeviationalEllipse } from '../../analysis/standardDeviationalEllipse';
import { studyAreaFromPoints } from '../../analysis/studyArea';
import { jobStudyArea, n, pct, ringToLonLat, type AreasParam } from './assessCommon';
import type { Job } from './jobTypes';

export type NniArea = 'rectangle' | 'hull' | 'polygons';

export interface PointPatternParams {
  /**
   * The study area of the index: the incidents' bounding rectangle (default, as the module and
   * close to ArcGIS's minimum enclosing rectangle), their convex hull without locational outliers,
   * or the user's polygons (`areas`).
   */
  nniArea?: NniArea;
  areas?: AreasParam | null;
  /** Ellipse size in standard deviations; default 1. */
  standardDeviations?: 1 | 2 | 3;
  /** Categories with fewer incidents get no ellipse; default 20. */
  minimumCount?: number;
  /** At most this many categories (the largest); default 12. */
  maxCategories?: number;
}

export interface EllipseRow {
  /** Category name, or "All incidents". */
  name: string;
  count: number;
  meanCentreLon: number;
  meanCentreLat: number;
  majorSemiAxisMetres: number;
  minorSemiAxisMetres: number;
  rotationDegrees: number;
  shareInside: number;
}

export interface PointPatternResult {
  nni: NearestNeighbourIndex;
  /** What the index means, in words, line by line. */
  nniExplanation: string[];
  ellipses: EllipseRow[];
  /** Ellipse outlines (lon/lat), properties as `EllipseRow` with `all: true` on the overall one. */
  ellipseFeatures: FeatureCollection<Polygon>;
  /** Mean centres (lon/lat). */
  centreFeatures: FeatureCollection<Point>;
  standardDeviations: number;
  summary: string[];
  log: string[];
}

export const ALL_INCIDENTS = 'All incidents';

export const pointPatternJob: Job<PointPatternParams, PointPatternResult> = (
  input,
  params,
  progress,
) => {
  if (input.count < 2)
    throw new Error('The point pattern needs at least 2 incidents under the current filters.');
  const projection = createLocalProjection(input.projectionCentre[0], input.projectionCentre[1]);
  const log = [...input.logHeader];
  const nniArea: NniArea = params.areas
    ? (params.nniArea ?? 'polygons')
    : (params.nniArea ?? 'rectangle');
  const k = params.standardDeviations ?? 1;
  const minimumCount = params.minimumCount ?? 20;
  const maxCategories = params.maxCategories ?? 12;

  progress(0.1, 'nearest neighbours');
  let areaSquareMetres: number | undefined;
  let areaDescription: string | undefined;
  if (nniArea === 'polygons') {
    if (!params.areas) throw new Error('Choose a boundary layer for the study area.');
    const { studyArea } = jobStudyArea(input, projection, params.areas);
    areaSquareMetres = studyArea?.areaSquareMetres;
    const count = params.areas.geojson.features.length;
    areaDescription = `${params.areas.name ?? 'boundary polygons'}, ${n(count)} polygon${count === 1 ? '' : 's'}`;
  } else if (nniArea === 'hull') {
    const hull = studyAreaFromPoints(input.xy);
    areaSquareMetres = hull.areaSquareMetres;
    areaDescription = `convex hull of the incidents${hull.droppedIncidents > 0 ? `, ${n(hull.droppedIncidents)} locational outliers left out of the hull` : ''}`;
    log.push(hull.description);
  }
  const nni = nearestNeighbourIndex(input.xy, { areaSquareMetres, areaDescription });
  log.push(
    `Nearest neighbour index (Clark & Evans 1954; ArcGIS "Average Nearest Neighbor"): observed mean distance ${nni.observedMeanDistanceMetres.toFixed(2)} m, expected 0.5/√(n/A) = ${nni.expectedMeanDistanceMetres.toFixed(2)} m with n = ${n(nni.count)} and A = ${(nni.studyArea.areaSquareMetres / 1e6).toFixed(3)} km² (${nni.studyArea.description}); R = ${nni.ratio.toFixed(4)}, SE = 0.26136/√(n²/A) = ${nni.standardErrorMetres.toFixed(3)} m, z = ${nni.zScore.toFixed(3)}, two-sided p from the normal distribution; no edge correction.`,
  );
  if (nni.warning) log.push(`Warning: ${nni.warning}`);

  const shape =
    nni.pValue >= 0.05
      ? 'spread about as a random scatter would be'
      : nni.ratio < 1
        ? 'closer together than a random scatter would put them: the pattern is clustered'
        : 'further apart than a random scatter would put them: the pattern is dispersed (evenly spaced)';
  const nniExplanation = [
    `On average an incident is ${nni.observedMeanDistanceMetres.toFixed(0)} m from its nearest neighbour. If the same ${n(nni.count)} incidents were scattered at random over the ${(nni.studyArea.areaSquareMetres / 1e6).toFixed(1)} km² study area (${nni.studyArea.description}), that distance would be about ${nni.expectedMeanDistanceMetres.toFixed(0)} m.`,
    `The ratio of the two, the nearest neighbour index, is ${nni.ratio.toFixed(2)}: below 1 means clustered, 1 random, above 1 dispersed. Incidents are ${shape} (z = ${nni.zScore.toFixed(1)}, p ${nni.pValue < 0.001 ? '< 0.001' : `= ${nni.pValue.toFixed(3)}`}).`,
    'The index depends on the study area: the same incidents look more clustered in a larger area. Compare indices only over the same area.',
  ];
  if (nni.warning) nniExplanation.push(nni.warning);

  progress(0.5, 'ellipses');
  const counts = new Int32Array(input.categoryNames.length);
  for (let i = 0; i < input.count; i++) counts[input.category[i]]++;
  const kept = Array.from(counts, (c, code) => ({ c, code }))
    .filter((x) => x.c >= minimumCount)
    .sort((a, b) => b.c - a.c)
    .slice(0, maxCategories);
  const keep = new Uint8Array(input.categoryNames.length);
  for (const x of kept) keep[x.code] = 1;
  const mask = new Uint8Array(input.count);
  for (let i = 0; i < input.count; i++) mask[i] = keep[input.category[i]];
  const perCategory = standardDeviationalEllipse(input.xy, {
    categories: input.category,
    categoryNames: input.categoryNames,
    mask,
    standardDeviations: k,
  });
  const overall = standardDeviationalEllipse(input.xy, { standardDeviations: k });
  log.push(perCategory.method);
  const skipped = counts.reduce((s, c, code) => s + (c > 0 && !keep[code] ? 1 : 0), 0);
  if (skipped > 0)
    log.push(
      `${n(skipped)} categories with fewer than ${minimumCount} incidents${kept.length === maxCategories ? ` or beyond the ${maxCategories} largest` : ''} have no ellipse.`,
    );

  const all = [
    { ...overall.ellipses[0], name: ALL_INCIDENTS },
    ...perCategory.ellipses.sort((a, b) => b.count - a.count),
  ];
  const ellipses: EllipseRow[] = [];
  const ellipseFeatures: Feature<Polygon>[] = [];
  const centreFeatures: Feature<Point>[] = [];
  for (const e of all) {
    const [lon, lat] = projection.inverse(e.meanCentreXMetres, e.meanCentreYMetres);
    const row: EllipseRow = {
      name: e.name ?? ALL_INCIDENTS,
      count: e.count,
      meanCentreLon: lon,
      meanCentreLat: lat,
      majorSemiAxisMetres: e.majorSemiAxisMetres,
      minorSemiAxisMetres: e.minorSemiAxisMetres,
      rotationDegrees: e.rotationDegrees,
      shareInside: e.shareInside,
    };
    ellipses.push(row);
    const properties = { ...row, all: row.name === ALL_INCIDENTS };
    ellipseFeatures.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ringToLonLat(e.ring, projection)] },
      properties,
    });
    centreFeatures.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties,
    });
  }
  const o = ellipses[0];
  const summary = [
    `Nearest neighbour index ${nni.ratio.toFixed(2)}: incidents are ${nni.pValue >= 0.05 ? 'not distinguishable from a random scatter' : nni.ratio < 1 ? 'clustered' : 'dispersed'} over the ${(nni.studyArea.areaSquareMetres / 1e6).toFixed(1)} km² study area (${nni.studyArea.description}).`,
    `All incidents: the ${k}-standard-deviation ellipse is ${((2 * o.majorSemiAxisMetres) / 1000).toFixed(1)} × ${((2 * o.minorSemiAxisMetres) / 1000).toFixed(1)} km, its long axis ${o.rotationDegrees.toFixed(0)}° clockwise from north, and holds ${pct(o.shareInside)} of incidents.`,
    `Axes are scaled by √2 (the ArcGIS Pro and Turf convention): a ${k}-standard-deviation ellipse would hold about ${['63', '98', '99.9'][k - 1]}% of a normally scattered pattern (without the √2, ${['39', '86', '99'][k - 1]}%).`,
  ];
  if (nni.warning) summary.push(nni.warning);
  progress(1, 'done');
  return {
    nni,
    nniExplanation,
    ellipses,
    ellipseFeatures: { type: 'FeatureCollection', features: ellipseFeatures },
    centreFeatures: { type: 'FeatureCollection', features: centreFeatures },
    standardDeviations: k,
    summary,
    log,
  };
};
