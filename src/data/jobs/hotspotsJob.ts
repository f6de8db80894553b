/**
 * Hot spot analysis (issue "Assess 1/2"): Getis-Ord Gi* (or Gi) with ArcGIS's confidence bins and
 * false-discovery-rate correction, Local Moran's I (LISA) clusters and outliers, or plain counts —
 * on square or hexagonal cells in metres, or on the user's polygons with contiguity, k-nearest,
 * distance-band or GeoDa weights files. Writes the methods log and a plain-language summary.
 */
import type { FeatureCollection } from 'geojson';
import { confidenceBins } from '../../analysis/falseDiscoveryRate';
import { getisOrdGiStar, getisOrdGiStarGrid } from '../../analysis/getisOrdGiStar';
import { globalMoran, type GlobalMoranResult } from '../../analysis/globalMoran';
import { buildGrid, type BuiltGrid, type GridShape } from '../../analysis/grid';
import { createLocalProjection } from '../../analysis/localProjection';
import { localMoran, QUADRANT_LABELS } from '../../analysis/localMoran';
import { optimizedHotSpots } from '../../analysis/optimizedHotSpots';
import { polygonCounts } from '../../analysis/polygonCounts';
import { robustHotSpots } from '../../analysis/robustHotSpots';
import {
  binaryWeights,
  contiguityWeights,
  distanceBandWeights,
  knnWeights,
  rowStandardise,
  withSelf,
  withoutSelf,
  type SpatialWeights,
} from '../../analysis/spatialWeights';
import {
  studyAreaFromPoints,
  studyAreaFromPolygons,
  type StudyArea,
} from '../../analysis/studyArea';
import { parseWeightsFile } from '../../analysis/weightsFiles';
import { featuresToPlanar } from '../geojsonPolygons';
import type { JobInput } from '../jobInput';
import { gridGeometry, type CellGeometry } from './cellGeometry';
import type { Job } from './jobTypes';

export type HotspotMethod = 'gistar' | 'gi' | 'lisa' | 'count';

export type AreaWeights =
  | { kind: 'queen' }
  | { kind: 'rook' }
  | { kind: 'knn'; k: number }
  | { kind: 'band'; metres: number }
  | { kind: 'file'; fileName: string; text: string };

export interface HotspotParams {
  method: HotspotMethod;
  shape?: GridShape;
  /** Analyse these polygons instead of a grid. */
  areas?: { geojson: FeatureCollection; idField?: string; weights: AreaWeights } | null;
  /** Undefined: chosen from the data (optimized hot spot analysis). */
  cellSizeMetres?: number;
  bandMetres?: number;
  /** Floor for the automatic cell size; default 100 m (street-snapped data otherwise gives tiny cells). */
  minimumCellSizeMetres?: number;
  permutations?: number;
  seed?: number;
  /** Significance level for LISA clusters; default 0.05. */
  alpha?: number;
  /** FDR for LISA (Gi* bins always use it, as Optimized Hot Spot Analysis does). */
  fdr?: boolean;
  /** Also run Gi* at half and double the cell size and mark cells significant at every scale. */
  robustness?: boolean;
  maxCells?: number;
}

export interface HotspotResult {
  method: HotspotMethod;
  geometry: CellGeometry;
  cellCount: number;
  cellSizeMetres: number | null;
  bandMetres: number | null;
  counts: Int32Array;
  /** Gi/Gi* z or LISA z (NaN for counts). */
  z: Float64Array;
  p: Float64Array;
  /** Gi: ArcGIS bins −3…3. LISA: GeoDa cluster codes 0–4 (QUADRANT_LABELS). Counts: zeros. */
  bin: Int8Array;
  /** LISA only. */
  I: Float64Array | null;
  pSim: Float64Array | null;
  /** Robustness only: 1 where hot (cold) at 95%+ at ½×, 1× and 2× the cell size. */
  robustHot: Uint8Array | null;
  robustCold: Uint8Array | null;
  /** Cell of each analysed incident (−1 outside), aligned with `incidentIndices`. */
  cellOfIncident: Int32Array;
  incidentIndices: Uint32Array;
  studyAreaKm2: number;
  globalMoran: GlobalMoranResult | null;
  summary: string[];
  log: string[];
}

/** A p-value as people read it: "< 0.0001" rather than "0.00". */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '—';
  return p < 0.0001 ? '< 0.0001' : p.toPrecision(2);
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const n = (x: number) => x.toLocaleString('en-US');

function areaWeights(
  spec: AreaWeights,
  polygons: ReturnType<typeof featuresToPlanar>,
  centres: Float64Array,
  ids: string[],
  idField: string | undefined,
): { weights: SpatialWeights; words: string } {
  switch (spec.kind) {
    case 'queen':
    case 'rook':
      return {
        weights: contiguityWeights(polygons, spec.kind),
        words: `${spec.kind} contiguity (polygons sharing ${spec.kind === 'queen' ? 'a vertex or an edge' : 'an edge'})`,
      };
    case 'knn':
      return {
        weights: knnWeights(centres, spec.k),
        words: `${spec.k} nearest neighbours (centroid distance)`,
      };
    case 'band':
      return {
        weights: distanceBandWeights(centres, spec.metres),
        words: `a fixed distance band of ${n(spec.metres)} m between centroids (inclusive)`,
      };
    case 'file':
      return {
        weights: parseWeightsFile(spec.text, spec.fileName, idField ? { ids, idField } : {}),
        words: `the weights file "${spec.fileName}"${idField ? ` matched on "${idField}"` : ' in row order (GeoDa’s 1-based ids)'}`,
      };
  }
}

function polygonCentres(polygons: ReturnType<typeof featuresToPlanar>): Float64Array {
  const out = new Float64Array(2 * polygons.length);
  polygons.forEach((rings, i) => {
    // Centroid of the vertices of the outer ring: adequate for neighbour distances between areas.
    const r = rings[0];
    if (!r) return;
    let x = 0;
    let y = 0;
    const m = r.length / 2;
    for (let k = 0; k < m; k++) {
      x += r[2 * k];
      y += r[2 * k + 1];
    }
    out[2 * i] = x / m;
    out[2 * i + 1] = y / m;
  });
  return out;
}

export const hotspotsJob: Job<HotspotParams, HotspotResult> = (input, params, progress) => {
  const projection = createLocalProjection(input.projectionCentre[0], input.projectionCentre[1]);
  const log = [...input.logHeader];
  const method = params.method;
  const shape = params.shape ?? 'square';
  const fdr = params.fdr ?? false;
  const alpha = params.alpha ?? 0.05;
  const permutations = params.permutations ?? 999;
  const seed = params.seed ?? 1;
  if (input.count === 0)
    throw new Error('No incidents match the current filters: there is nothing to analyse.');

  let geometry: CellGeometry;
  let counts: Int32Array;
  let cellOfIncident: Int32Array;
  let cellCount: number;
  let cellSize: number | null = null;
  let band: number | null = null;
  let studyArea: StudyArea;
  let z: Float64Array = new Float64Array(0);
  let p: Float64Array = new Float64Array(0);
  let bin: Int8Array = new Int8Array(0);
  let I: Float64Array | null = null;
  let pSim: Float64Array | null = null;
  let weightsForMoran: SpatialWeights | null = null;
  let grid: BuiltGrid | null = null;

  if (params.areas) {
    // The user's polygons.
    const { geojson, idField, weights: spec } = params.areas;
    const polygons = featuresToPlanar(geojson, projection);
    studyArea = studyAreaFromPolygons(polygons);
    log.push(
      `Areas: ${n(polygons.length)} polygons from the boundary file; ${studyArea.description}`,
    );
    const pc = polygonCounts(input.xy, polygons);
    counts = pc.counts;
    cellOfIncident = pc.pointPolygon;
    cellCount = polygons.length;
    const labels = geojson.features.map((f, i) =>
      String(idField ? (f.properties?.[idField] ?? i + 1) : i + 1),
    );
    const centresXY = polygonCentres(polygons);
    const centres = new Float64Array(centresXY.length);
    for (let i = 0; i < cellCount; i++) {
      const [lon, lat] = projection.inverse(centresXY[2 * i], centresXY[2 * i + 1]);
      centres[2 * i] = lon;
      centres[2 * i + 1] = lat;
    }
    geometry = { kind: 'areas', geojson, centres, labels };
    if (pc.pointsOutside > 0)
      log.push(`${n(pc.pointsOutside)} incidents lie outside every polygon and are not counted.`);
    if (method !== 'count') {
      const { weights, words } = areaWeights(spec, polygons, centresXY, labels, idField);
      log.push(`Spatial weights: ${words}.`);
      if (method === 'gistar' || method === 'gi') {
        const w =
          method === 'gistar'
            ? withSelf(binaryWeights(weights))
            : withoutSelf(binaryWeights(weights));
        const gi = getisOrdGiStar(counts, w, { star: method === 'gistar' });
        z = gi.z;
        p = gi.p;
        weightsForMoran = rowStandardise(withoutSelf(binaryWeights(weights)));
      } else {
        weightsForMoran = rowStandardise(withoutSelf(weights));
      }
    }
  } else if (
    method === 'gistar' &&
    params.cellSizeMetres === undefined &&
    params.bandMetres === undefined
  ) {
    // One click: Optimized Hot Spot Analysis chooses everything.
    const o = optimizedHotSpots(input.xy, {
      shape,
      minimumCellSizeMetres: params.minimumCellSizeMetres ?? 100,
      maxCells: params.maxCells,
      log,
      onProgress: (f, stage) => progress(0.8 * f, stage),
    });
    log.length = 0;
    log.push(...o.log);
    grid = o.grid;
    studyArea = o.studyArea;
    cellSize = o.cellSizeMetres;
    band = o.bandMetres;
    z = o.gi.z;
    p = o.gi.p;
  } else {
    studyArea = studyAreaFromPoints(input.xy);
    log.push(studyArea.description);
    cellSize = params.cellSizeMetres ?? 150;
    const built = buildGrid(input.xy, {
      shape,
      cellSizeMetres: cellSize,
      studyArea,
      maxCells: params.maxCells,
    });
    grid = built;
    log.push(
      `Grid: ${n(built.cellCount)} ${shape === 'square' ? 'square' : 'hexagonal'} cells of ${n(cellSize)} m (${shape === 'square' ? 'side' : 'flat-to-flat width'}) whose centres lie in the study area, zero-count cells included.`,
    );
    if (method === 'gistar' || method === 'gi') {
      band = params.bandMetres ?? cellSize * 2;
      log.push(
        `Distance band ${n(band)} m (binary weights${method === 'gistar' ? ', each cell its own neighbour' : ', the cell itself excluded'}).`,
      );
      const gi = getisOrdGiStarGrid(built, built.counts, band, { star: method === 'gistar' });
      z = gi.z;
      p = gi.p;
    }
  }

  const optimizedRun = log.some((l) => l.startsWith('Method: optimized hot spot analysis'));
  if (grid) {
    counts = grid.counts;
    cellOfIncident = grid.pointCell;
    cellCount = grid.cellCount;
    geometry = gridGeometry(grid, projection);
    if (grid.pointsOutside > 0 && !optimizedRun)
      log.push(
        `${n(grid.pointsOutside)} incidents fall outside the study area's cells and are not counted.`,
      );
  }
  counts = counts!;
  cellOfIncident = cellOfIncident!;
  cellCount = cellCount!;
  geometry = geometry!;

  progress(0.8, 'statistics');
  if (method === 'gistar' || method === 'gi') {
    bin = confidenceBins(z, p, { fdr: true });
    if (!optimizedRun)
      log.push(
        `${method === 'gistar' ? 'Getis-Ord Gi*' : 'Getis-Ord Gi'} as ArcGIS Pro and R spdep localG compute it (Ord & Getis 1995): z-score with population variance, two-sided p from the normal distribution.`,
        'Confidence bins ±3/±2/±1 at 99/95/90% with the false discovery rate correction (Benjamini–Hochberg step-up at α = 0.01, 0.05, 0.10), as ArcGIS applies it.',
      );
  } else if (method === 'lisa') {
    if (grid && !params.areas) {
      band = params.bandMetres ?? (shape === 'square' ? Math.SQRT2 : 1) * (cellSize as number);
      weightsForMoran = rowStandardise(distanceBandWeights(grid.centres, band));
      log.push(
        `Spatial weights: cells within ${n(Math.round(band))} m centre to centre (${params.bandMetres === undefined ? 'queen contiguity on the grid' : 'distance band'}), row-standardised.`,
      );
    }
    const lm = localMoran(counts, weightsForMoran as SpatialWeights, {
      permutations,
      seed,
      alpha,
      fdr,
      onProgress: (f) => progress(0.8 + 0.15 * f, `permutations (${n(permutations)})`),
    });
    I = lm.I;
    z = lm.z;
    p = lm.p;
    pSim = lm.pSim;
    bin = lm.cluster;
    log.push(
      `Local Moran's I (Anselin 1995) on R spdep's scale (Iᵢ = zᵢ Σⱼ wᵢⱼ zⱼ / m₂), z from the expectation and variance under conditional randomisation (spdep Z.Ii); pseudo p-values from ${n(permutations)} conditional permutations, seed ${seed}, p = (extremes + 1) / (permutations + 1).`,
      `Clusters (HH, LL) and outliers (HL, LH) by the sign of the value and of its spatial lag, where pSim ≤ ${fdr ? `the false discovery rate threshold at α = ${alpha} (${lm.pSimThreshold.toPrecision(3)})` : `α = ${alpha}`}.`,
    );
  } else {
    z = new Float64Array(cellCount).fill(NaN);
    p = new Float64Array(cellCount).fill(NaN);
    bin = new Int8Array(cellCount);
    log.push('Counts only: no statistic computed.');
  }

  let moran: GlobalMoranResult | null = null;
  if (weightsForMoran === null && grid && method !== 'count') {
    weightsForMoran = rowStandardise(
      distanceBandWeights(grid.centres, band ?? (cellSize as number) * 2),
    );
  }
  if (weightsForMoran) {
    moran = globalMoran(counts, weightsForMoran, {
      permutations: Math.min(permutations, 999),
      seed,
    });
    log.push(
      `Global Moran's I = ${moran.I.toFixed(4)} (expected ${moran.expected.toFixed(4)}), z = ${moran.zRandomisation.toFixed(2)} under randomisation, p = ${formatP(moran.pRandomisation)}.`,
    );
  }

  let robustHot: Uint8Array | null = null;
  let robustCold: Uint8Array | null = null;
  if (params.robustness && grid && (method === 'gistar' || method === 'gi') && cellSize && band) {
    progress(0.9, 'robustness (½× and 2× cell size)');
    const r = robustHotSpots(input.xy, {
      shape,
      cellSizeMetres: cellSize,
      bandMetres: band,
      studyArea,
    });
    robustHot = r.hotAtEveryScale;
    robustCold = r.coldAtEveryScale;
    log.push(...r.log);
  }

  const summary = summarise(method, bin, counts, input.count, studyArea, geometry, robustHot);
  progress(1, 'done');
  return {
    method,
    geometry,
    cellCount,
    cellSizeMetres: cellSize,
    bandMetres: band,
    counts,
    z,
    p,
    bin,
    I,
    pSim,
    robustHot,
    robustCold,
    cellOfIncident,
    incidentIndices: input.indices,
    studyAreaKm2: studyArea.areaSquareMetres / 1e6,
    globalMoran: moran,
    summary,
    log,
  };
};

function summarise(
  method: HotspotMethod,
  bin: Int8Array,
  counts: Int32Array,
  total: number,
  studyArea: StudyArea,
  geometry: CellGeometry,
  robustHot: Uint8Array | null,
): string[] {
  const cellArea = geometry.kind === 'grid' ? geometry.cellAreaSquareMetres : null;
  const unit = geometry.kind === 'grid' ? 'cells' : 'areas';
  const share = (pick: (i: number) => boolean) => {
    let cells = 0;
    let incidents = 0;
    for (let i = 0; i < bin.length; i++)
      if (pick(i)) {
        cells++;
        incidents += counts[i];
      }
    return { cells, incidents };
  };
  if (method === 'count') {
    let nonZero = 0;
    for (let i = 0; i < counts.length; i++) if (counts[i] > 0) nonZero++;
    return [
      `${n(counts.length)} ${unit}; ${n(nonZero)} hold at least one of the ${n(total)} incidents.`,
    ];
  }
  if (method === 'lisa') {
    const lines: string[] = [];
    for (const code of [1, 2, 3, 4]) {
      const s = share((i) => bin[i] === code);
      if (s.cells > 0)
        lines.push(
          `${n(s.cells)} ${unit} are ${QUADRANT_LABELS[code]} ${code <= 2 ? 'clusters' : 'outliers'} (${describeQuadrant(code)}), holding ${pct(s.incidents / Math.max(1, total))} of incidents.`,
        );
    }
    return lines.length > 0 ? lines : [`No ${unit} form significant clusters or outliers.`];
  }
  const hot = share((i) => bin[i] >= 2);
  const cold = share((i) => bin[i] <= -2);
  const areaShare = (cells: number) =>
    cellArea !== null
      ? ` they are ${pct((cells * cellArea) / studyArea.areaSquareMetres)} of the area and`
      : '';
  const lines = [
    hot.cells > 0
      ? `${n(hot.cells)} ${unit} are hot spots with 95% confidence or more, after correcting for multiple tests; together${areaShare(hot.cells)} hold ${pct(hot.incidents / Math.max(1, total))} of the incidents.`
      : `No ${unit} are hot spots at 95% confidence after correcting for multiple tests.`,
  ];
  if (cold.cells > 0)
    lines.push(
      `${n(cold.cells)} ${unit} are cold spots (fewer incidents nearby than chance explains) at 95% or more.`,
    );
  if (robustHot) {
    let robust = 0;
    for (let i = 0; i < robustHot.length; i++) robust += robustHot[i];
    lines.push(`${n(robust)} of the hot ${unit} stay hot at half and at double the cell size.`);
  }
  return lines;
}

function describeQuadrant(code: number): string {
  return ['', 'high among high', 'low among low', 'low among high', 'high among low'][code];
}

export type { JobInput };
