/**
 * Kernel density (issue "Assess 2/2", item 1): a raster in metres — not screen pixels — in incidents
 * per km² (or per km² per year), quartic (ArcGIS's kernel; the bandwidth is its search radius) or
 * Gaussian (the bandwidth is σ), with ArcGIS's default bandwidth and cell size; the contours that
 * enclose the densest 1/5/10/25% of the study area with the share of incidents inside each; or a
 * dual kernel density comparing two periods or two categories (ratio, difference, log ratio).
 *
 * Everything the page shows is built here, off the main thread: the RGBA picture of the raster in
 * classes of a colour-blind-safe ramp, its corners in lon/lat, the contours as lon/lat GeoJSON, and
 * the GeoTIFF file for QGIS and ArcGIS.
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { densityContours, type DensityContour } from '../../analysis/densityContours';
import { dualKernelDensity } from '../../analysis/dualKernelDensity';
import { kdeBandwidth, SQRT_ONE_OVER_LN2 } from '../../analysis/kdeBandwidth';
import {
  kernelDensity,
  type DensityKernel,
  type DensitySurface,
  type GridSpec,
} from '../../analysis/kernelDensity';
import { formatIsoDate } from '../../analysis/calendar';
import { createLocalProjection } from '../../analysis/localProjection';
import { isInStudyArea, type StudyArea } from '../../analysis/studyArea';
import { writeGeoTiff } from '../geoTiff';
import type { JobInput } from '../jobInput';
import {
  cornerStretchErrorMetres,
  DIVERGING_COLOURS,
  formatLevel,
  rasterCorners,
  rasterToRgba,
  SEQUENTIAL_COLOURS,
  type RGBA,
} from '../rasterImage';
import {
  analysedPeriod,
  jobStudyArea,
  MS_PER_YEAR,
  n,
  pct,
  ringToLonLat,
  type AreasParam,
} from './assessCommon';
import type { Job } from './jobTypes';

export type DualMeasure = 'ratio' | 'difference' | 'logRatio';

/** Two sets of the filtered incidents to compare: A (first) against B (second). */
export type DensityComparison =
  | {
      kind: 'periods';
      /** [startMs, endMs) floating times. */
      first: [number, number];
      second: [number, number];
      measure: DualMeasure;
      scale?: 'intensity' | 'share';
    }
  | {
      kind: 'categories';
      /** Category names. */
      first: string[];
      second: string[];
      measure: DualMeasure;
      scale?: 'intensity' | 'share';
    };

export interface DensityParams {
  /** Default 'quartic'. */
  kernel?: DensityKernel;
  /** Quartic: search radius; Gaussian: σ; metres. Default: ArcGIS's rule. */
  bandwidthMetres?: number;
  /** Default: the shorter side of the study area's extent / 250. */
  cellSizeMetres?: number;
  /** Incidents per km² per year over the analysed period instead of per km². */
  perYear?: boolean;
  /** Contours enclosing the densest p% of the study area; default [1, 5, 10, 25]. */
  percents?: number[];
  /** The study area; default the convex hull of the incidents without locational outliers. */
  areas?: AreasParam | null;
  /** Dual kernel density instead of one surface. */
  compare?: DensityComparison | null;
  /** Largest raster; default 4,000,000 cells. */
  maxCells?: number;
}

export interface DensityContourRow {
  percentOfArea: number;
  /** Density level of the contour, in `unit`. */
  level: number;
  areaShare: number;
  areaKm2: number;
  incidentsInside: number;
  incidentShare: number;
  summary: string;
}

export interface DensityResult {
  mode: 'single' | 'dual';
  kernel: DensityKernel;
  bandwidthMetres: number;
  /** ArcGIS's default for these incidents (shown even when another was used). */
  defaultBandwidthMetres: number;
  cellSizeMetres: number;
  defaultCellSizeMetres: number;
  grid: GridSpec;
  projectionCentre: [number, number];
  /** The surface on the map (density, or the dual measure), row-major from the south-west. */
  values: Float32Array;
  unit: string;
  /** Length of the analysed period in years (NaN when unknown). */
  years: number;
  maxDensity: number;
  /** Peak density per km² and per km² per year (single mode). */
  maxPerKm2: number;
  maxPerKm2PerYear: number;
  /** RGBA, north up, cols × rows. */
  image: Uint8ClampedArray;
  /** Lon/lat corners for the map: south-west, north-west, north-east, south-east. */
  corners: [number, number][];
  /** Worst misplacement of the stretched picture, metres. */
  stretchErrorMetres: number;
  legendTitle: string;
  legend: { label: string; colour: RGBA }[];
  /** Contours in lon/lat (single mode), one feature a percent. */
  contours: FeatureCollection<MultiPolygon>;
  contourTable: DensityContourRow[];
  /** "The densest 5% of the area holds 31% of incidents." */
  headline: string;
  incidentCount: number;
  incidentsOutsideGrid: number;
  studyAreaKm2: number | null;
  /** GeoTIFF of `values` in the local transverse Mercator. */
  geotiff: Uint8Array;
  dual: {
    measure: DualMeasure;
    labelA: string;
    labelB: string;
    countA: number;
    countB: number;
    floor: number;
  } | null;
  summary: string[];
  log: string[];
}

const DEFAULT_PERCENTS = [1, 5, 10, 25];
/** Colour classes: the densest 50, 25, 10, 5 and 1% of the study area. */
const CLASS_PERCENTS = [50, 25, 10, 5, 1];
/** Dual classes on the ratio A/B: under ¼, ¼–½, ½–0.8, 0.8–1.25, 1.25–2, 2–4, 4 and more. */
const RATIO_STEPS = [0.25, 0.5, 0.8, 1.25, 2, 4];

function reachMetres(kernel: DensityKernel, bandwidthMetres: number): number {
  return kernel === 'quartic' ? bandwidthMetres : 3 * bandwidthMetres;
}

/** Cells whose centre is in the study area (1) or not (0); null = every cell. */
function studyAreaCells(grid: GridSpec, studyArea: StudyArea | null): Uint8Array | null {
  if (!studyArea) return null;
  const { cols, rows, cellSizeMetres: s, minXMetres, minYMetres } = grid;
  const mask = new Uint8Array(cols * rows);
  let any = 0;
  for (let r = 0; r < rows; r++) {
    const y = minYMetres + (r + 0.5) * s;
    if (y < studyArea.minY || y > studyArea.maxY) continue;
    for (let c = 0; c < cols; c++) {
      if (isInStudyArea(studyArea, minXMetres + (c + 0.5) * s, y)) {
        mask[r * cols + c] = 1;
        any++;
      }
    }
  }
  return any > 0 ? mask : null;
}

/** "2025-01-01 to 2025-12-31" for [startMs, endMs). */
function periodLabel(startMs: number, endMs: number): string {
  return `${formatIsoDate(startMs)} to ${formatIsoDate(endMs - 1)}`;
}

function maskOf(
  input: JobInput,
  keep: (i: number) => boolean,
): { mask: Uint8Array; count: number } {
  const mask = new Uint8Array(input.count);
  let count = 0;
  for (let i = 0; i < input.count; i++)
    if (keep(i)) {
      mask[i] = 1;
      count++;
    }
  return { mask, count };
}

export const densityJob: Job<DensityParams, DensityResult> = (input, params, progress) => {
  if (input.count === 0)
    throw new Error('No incidents match the current filters: there is nothing to analyse.');
  const projection = createLocalProjection(input.projectionCentre[0], input.projectionCentre[1]);
  const log = [...input.logHeader];
  const kernel = params.kernel ?? 'quartic';
  const percents = [...(params.percents ?? DEFAULT_PERCENTS)].sort((a, b) => a - b);
  const period = analysedPeriod(input);

  progress(0.05, 'study area');
  const area = jobStudyArea(input, projection, params.areas);
  log.push(area.note);

  // ArcGIS's default bandwidth, always computed so the page can show it beside the one used.
  const defaults = kdeBandwidth(input.xy);
  const bandwidthMetres = params.bandwidthMetres ?? defaults.searchRadiusMetres;
  if (!(bandwidthMetres > 0) || !Number.isFinite(bandwidthMetres))
    throw new Error(
      defaults.warnings[0] ?? 'The bandwidth must be a positive number of metres; enter one.',
    );
  log.push(
    `ArcGIS's default bandwidth for these ${n(defaults.count)} incidents: 0.9 · min(SD, √(1/ln 2) · Dm) · n^−0.2 = 0.9 · min(${defaults.standardDistanceMetres.toFixed(1)}, ${SQRT_ONE_OVER_LN2.toFixed(4)} · ${defaults.medianDistanceMetres.toFixed(1)}) · ${n(defaults.count)}^−0.2 = ${defaults.searchRadiusMetres.toFixed(1)} m (SD the standard distance, Dm the median distance to the mean centre; Esri, "How Kernel Density works").`,
    params.bandwidthMetres === undefined
      ? `Bandwidth used: that default, as the ${kernel === 'quartic' ? 'quartic search radius' : 'Gaussian σ (Silverman’s rule of thumb for σ)'}.`
      : `Bandwidth used: ${bandwidthMetres.toFixed(1)} m, entered by the user, as the ${kernel === 'quartic' ? 'quartic search radius' : 'Gaussian σ'}.`,
  );

  // The raster: the study area's extent (outliers left out) padded by the kernel's reach.
  const sa = area.studyArea;
  const ext = sa
    ? { minX: sa.minX, minY: sa.minY, maxX: sa.maxX, maxY: sa.maxY }
    : {
        minX: defaults.extent.minXMetres,
        minY: defaults.extent.minYMetres,
        maxX: defaults.extent.maxXMetres,
        maxY: defaults.extent.maxYMetres,
      };
  const shorter = Math.min(ext.maxX - ext.minX, ext.maxY - ext.minY);
  const defaultCellSizeMetres = shorter > 0 ? shorter / 250 : defaults.cellSizeMetres;
  const cellSizeMetres = params.cellSizeMetres ?? defaultCellSizeMetres;
  if (!(cellSizeMetres > 0))
    throw new Error('The cell size must be a positive number of metres; enter one.');
  const pad = reachMetres(kernel, bandwidthMetres);
  const grid: GridSpec = {
    minXMetres: ext.minX - pad,
    minYMetres: ext.minY - pad,
    cellSizeMetres,
    cols: Math.max(1, Math.ceil((ext.maxX - ext.minX + 2 * pad) / cellSizeMetres)),
    rows: Math.max(1, Math.ceil((ext.maxY - ext.minY + 2 * pad) / cellSizeMetres)),
  };
  log.push(
    `Raster: ${n(grid.cols)} × ${n(grid.rows)} cells of ${cellSizeMetres.toFixed(1)} m${params.cellSizeMetres === undefined ? ' (ArcGIS’s default: the shorter side of the study area’s extent divided by 250)' : ' (entered by the user)'}, over the study area's extent padded by the kernel's reach (${pad.toFixed(0)} m).`,
  );
  const studyMask = studyAreaCells(grid, sa);
  const studyAreaKm2 = sa ? sa.areaSquareMetres / 1e6 : null;
  const corners = rasterCorners(grid, projection);
  const stretchErrorMetres = cornerStretchErrorMetres(grid, projection);
  log.push(
    `On the map the raster is a picture stretched between its four corners in longitude/latitude; inside it no point is more than ${stretchErrorMetres < 0.1 ? stretchErrorMetres.toFixed(3) : stretchErrorMetres.toFixed(1)} m from its true place (the raster is regular in metres on the local projection). Exports keep the exact projection.`,
  );

  const common = {
    kernel,
    bandwidthMetres,
    defaultBandwidthMetres: defaults.searchRadiusMetres,
    cellSizeMetres,
    defaultCellSizeMetres,
    grid,
    projectionCentre: input.projectionCentre,
    corners,
    stretchErrorMetres,
    studyAreaKm2,
  };

  if (params.compare) {
    return dualMode(input, params.compare, {
      ...common,
      log,
      period,
      studyMask,
      progress,
      maxCells: params.maxCells,
    });
  }

  // One surface.
  const perYear = params.perYear === true && period.years > 0;
  progress(0.15, 'kernel density');
  const surface = kernelDensity(input.xy, {
    kernel,
    bandwidthMetres,
    grid,
    years: perYear ? period.years : undefined,
    maxCells: params.maxCells,
  });
  log.push(surface.method, ...surface.warnings);
  if (period.years > 0)
    log.push(
      `Analysed period: ${period.words}${perYear ? '; densities are divided by its length in years' : ''}.`,
    );

  progress(0.6, 'contours');
  const allPercents = [...new Set([...percents, ...CLASS_PERCENTS])].sort((a, b) => a - b);
  const contours = densityContours(surface, input.xy, {
    percents: allPercents,
    studyAreaMask: studyMask ?? undefined,
  });
  const byPercent = new Map<number, DensityContour>(contours.map((c) => [c.percentOfArea, c]));
  log.push(
    `Contours enclose the densest ${percents.join(', ')}% of the study area (cells ranked by density; the level is the density of the ⌈p · cells⌉-th densest cell; incidents counted by the cell they fall in; outlines traced by marching squares, d3-contour) — highest-density regions (Hyndman 1996) sized as shares of the area, as in the law of crime concentration (Weisburd 2015).`,
  );

  // Colour classes: the densest 50, 25, 10, 5, 1% of the study area.
  const lower = [...CLASS_PERCENTS].map((p) => (byPercent.get(p) as DensityContour).level);
  const unitShort = perYear ? 'incidents/km²/year' : 'incidents/km²';
  const legend = CLASS_PERCENTS.map((p, k) => ({
    label:
      k + 1 < lower.length
        ? `${formatLevel(lower[k])}–${formatLevel(lower[k + 1])} (densest ${CLASS_PERCENTS[k + 1]}–${p}%)`
        : `≥ ${formatLevel(lower[k])} (densest ${p}%)`,
    colour: SEQUENTIAL_COLOURS[k],
  })).reverse();
  progress(0.85, 'picture');
  const image = rasterToRgba(surface.values, grid, lower, SEQUENTIAL_COLOURS);

  let max = 0;
  for (let i = 0; i < surface.values.length; i++)
    if (surface.values[i] > max) max = surface.values[i];
  const maxPerKm2 = perYear ? max * period.years : max;
  const maxPerKm2PerYear = period.years > 0 ? maxPerKm2 / period.years : NaN;

  const contourTable: DensityContourRow[] = percents.map((p) => {
    const c = byPercent.get(p) as DensityContour;
    return {
      percentOfArea: p,
      level: c.level,
      areaShare: c.areaShare,
      areaKm2: c.areaKm2,
      incidentsInside: c.incidentsInside,
      incidentShare: c.incidentShare,
      summary: c.summary,
    };
  });
  const features: Feature<MultiPolygon>[] = percents.map((p) => {
    const c = byPercent.get(p) as DensityContour;
    return {
      type: 'Feature',
      geometry: {
        type: 'MultiPolygon',
        coordinates: c.geometry.coordinates.map((poly) =>
          poly.map((ring) => ringToLonLat(ring, projection)),
        ),
      },
      properties: {
        percent_of_area: p,
        level: c.level,
        unit: surface.unit,
        area_share: c.areaShare,
        area_km2: c.areaKm2,
        incidents_inside: c.incidentsInside,
        incident_share: c.incidentShare,
        summary: c.summary,
      },
    };
  });
  const headlineRow = contourTable.find((r) => r.percentOfArea === 5) ?? contourTable[0];
  const headline = headlineRow
    ? `The densest ${headlineRow.percentOfArea}% of the area holds ${pct(headlineRow.incidentShare)} of incidents.`
    : '';
  let meanDensity = NaN;
  if (sa && studyMask) {
    let sum = 0;
    let cells = 0;
    for (let i = 0; i < studyMask.length; i++)
      if (studyMask[i]) {
        sum += surface.values[i];
        cells++;
      }
    meanDensity = sum / cells;
  }
  const summary = [headline];
  for (const r of contourTable)
    if (r !== headlineRow)
      summary.push(
        `The densest ${r.percentOfArea}% holds ${pct(r.incidentShare)} (${n(r.incidentsInside)} incidents).`,
      );
  summary.push(
    `Peak density ${formatLevel(maxPerKm2)} incidents per km²${period.years > 0 ? ` (${formatLevel(maxPerKm2PerYear)} per km² per year over ${period.years.toFixed(1)} years)` : ''}${Number.isFinite(meanDensity) && meanDensity > 0 ? `, ${(max / meanDensity).toFixed(0)} times the study area's average` : ''}.`,
    `${kernel === 'quartic' ? `Quartic kernel, search radius ${bandwidthMetres.toFixed(0)} m` : `Gaussian kernel, σ = ${bandwidthMetres.toFixed(0)} m`}${params.bandwidthMetres === undefined ? ' (ArcGIS default)' : ''}, cells of ${cellSizeMetres.toFixed(0)} m.`,
  );
  if (surface.incidentsOutsideGrid > 0)
    summary.push(
      `${n(surface.incidentsOutsideGrid)} incidents lie outside the raster (locational outliers) and are not counted.`,
    );
  summary.push(...surface.warnings.filter((w) => !w.includes('outside the raster')));

  progress(0.92, 'GeoTIFF');
  const values = Float32Array.from(surface.values);
  const geotiff = new Uint8Array(
    writeGeoTiff(surface, projection, { description: surface.unit.replace('²', '2') }),
  );
  log.push(
    'GeoTIFF export: Float32, the exact local transverse Mercator as a user-defined projected CRS (GeoTIFF 1.0 keys); GDAL/QGIS read it as +proj=tmerc on a sphere.',
  );
  progress(1, 'done');
  return {
    mode: 'single',
    ...common,
    values,
    unit: surface.unit,
    years: period.years,
    maxDensity: max,
    maxPerKm2,
    maxPerKm2PerYear,
    image,
    legendTitle: `Kernel density (${unitShort})`,
    legend,
    contours: { type: 'FeatureCollection', features },
    contourTable,
    headline,
    incidentCount: surface.incidentCount,
    incidentsOutsideGrid: surface.incidentsOutsideGrid,
    geotiff,
    dual: null,
    summary: summary.filter((s) => s !== ''),
    log,
  };
};

function dualMode(
  input: JobInput,
  compare: DensityComparison,
  ctx: {
    kernel: DensityKernel;
    bandwidthMetres: number;
    defaultBandwidthMetres: number;
    cellSizeMetres: number;
    defaultCellSizeMetres: number;
    grid: GridSpec;
    projectionCentre: [number, number];
    corners: [number, number][];
    stretchErrorMetres: number;
    studyAreaKm2: number | null;
    log: string[];
    period: ReturnType<typeof analysedPeriod>;
    studyMask: Uint8Array | null;
    progress: (f: number, s: string) => void;
    maxCells?: number;
  },
): DensityResult {
  const { kernel, bandwidthMetres, grid, log, progress, studyMask } = ctx;
  const projection = createLocalProjection(input.projectionCentre[0], input.projectionCentre[1]);
  let a: { mask: Uint8Array; count: number };
  let b: { mask: Uint8Array; count: number };
  let labelA: string;
  let labelB: string;
  let yearsA: number | undefined;
  let yearsB: number | undefined;
  if (compare.kind === 'periods') {
    const [a0, a1] = compare.first;
    const [b0, b1] = compare.second;
    if (!(a1 > a0) || !(b1 > b0))
      throw new Error('Each period needs an end after its start; check the two date ranges.');
    a = maskOf(input, (i) => input.timeMs[i] >= a0 && input.timeMs[i] < a1);
    b = maskOf(input, (i) => input.timeMs[i] >= b0 && input.timeMs[i] < b1);
    labelA = periodLabel(a0, a1);
    labelB = periodLabel(b0, b1);
    // Per year, so that periods of different lengths compare fairly.
    yearsA = (a1 - a0) / MS_PER_YEAR;
    yearsB = (b1 - b0) / MS_PER_YEAR;
  } else {
    const codes = (names: string[]) => {
      const wanted = new Set(names);
      const out = new Uint8Array(input.categoryNames.length);
      input.categoryNames.forEach((name, c) => {
        if (wanted.has(name)) out[c] = 1;
      });
      return out;
    };
    const inA = codes(compare.first);
    const inB = codes(compare.second);
    a = maskOf(input, (i) => inA[input.category[i]] === 1);
    b = maskOf(input, (i) => inB[input.category[i]] === 1);
    labelA = compare.first.join(', ') || 'none';
    labelB = compare.second.join(', ') || 'none';
  }
  if (a.count === 0)
    throw new Error(`A (${labelA}) has no incidents under the current filters; choose another.`);
  if (b.count === 0)
    throw new Error(`B (${labelB}) has no incidents under the current filters; choose another.`);
  log.push(
    `Dual kernel density (Levine, CrimeStat IV ch. 10): A = ${labelA} (${n(a.count)} incidents), B = ${labelB} (${n(b.count)} incidents), the same kernel, bandwidth and raster for both${yearsA !== undefined ? '; each in incidents per km² per year of its own period' : ''}.`,
  );
  progress(0.15, 'kernel density of A');
  const options = { kernel, bandwidthMetres, grid, maxCells: ctx.maxCells };
  const surfaceA: DensitySurface = kernelDensity(input.xy, {
    ...options,
    mask: a.mask,
    years: yearsA,
  });
  progress(0.45, 'kernel density of B');
  const surfaceB: DensitySurface = kernelDensity(input.xy, {
    ...options,
    mask: b.mask,
    years: yearsB,
  });
  log.push(surfaceA.method);
  const scale = compare.scale ?? 'intensity';
  const dual = dualKernelDensity(surfaceA, surfaceB, {
    scale,
    studyAreaMask: studyMask ?? undefined,
  });
  log.push(dual.method);
  const measure = compare.measure;
  const shown =
    measure === 'ratio' ? dual.ratio : measure === 'difference' ? dual.difference : dual.logRatio;
  const unit =
    measure === 'difference'
      ? scale === 'share'
        ? 'share of each surface per cell'
        : surfaceA.unit
      : measure === 'ratio'
        ? 'ratio A/B'
        : 'ln(A/B)';

  // Classes: ratio steps (on the ratio or its log), or symmetric steps of the largest difference.
  let lower: number[];
  let labels: string[];
  if (measure === 'difference') {
    let maxAbs = 0;
    for (const v of shown) if (Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
    const steps = [0.5, 0.2, 0.05].map((f) => f * maxAbs);
    lower = [-Infinity, -steps[0], -steps[1], -steps[2], steps[2], steps[1], steps[0]];
    const f = formatLevel;
    labels = [
      `A − B below −${f(steps[0])}`,
      `−${f(steps[0])} to −${f(steps[1])}`,
      `−${f(steps[1])} to −${f(steps[2])}`,
      `about the same (±${f(steps[2])})`,
      `+${f(steps[2])} to +${f(steps[1])}`,
      `+${f(steps[1])} to +${f(steps[0])}`,
      `above +${f(steps[0])}`,
    ];
  } else {
    const t = measure === 'ratio' ? (r: number) => r : Math.log;
    lower = [-Infinity, ...RATIO_STEPS.map(t)];
    labels = [
      'A under ¼ of B',
      'A ¼–½ of B',
      'A ½–0.8 of B',
      'about the same (0.8–1.25×)',
      'A 1.25–2× B',
      'A 2–4× B',
      'A 4× B or more',
    ];
  }
  progress(0.85, 'picture');
  const image = rasterToRgba(shown, grid, lower, DIVERGING_COLOURS);
  const legend = labels.map((label, k) => ({
    label,
    colour: (k === 3 ? [235, 235, 235, 200] : DIVERGING_COLOURS[k]) as RGBA,
  }));
  legend.reverse();

  // Where A is at least twice B and where B is at least twice A, within the study area.
  let cells = 0;
  let twiceA = 0;
  let twiceB = 0;
  for (let i = 0; i < dual.ratio.length; i++) {
    const r = dual.ratio[i];
    if (!Number.isFinite(r)) continue;
    cells++;
    if (r >= 2) twiceA++;
    if (r <= 0.5) twiceB++;
  }
  const summary = [
    `A (${labelA}): ${n(a.count)} incidents; B (${labelB}): ${n(b.count)}.`,
    `A is at least twice B over ${pct(twiceA / Math.max(1, cells))} of the study area, and B at least twice A over ${pct(twiceB / Math.max(1, cells))}${scale === 'share' ? ' (each surface as a share of its own total, so this compares where incidents concentrate, not how many there are)' : ''}.`,
    `Cells with little of either are held near 1 by a floor of ${dual.floor.toPrecision(3)} added to both.`,
  ];
  let maxDensity = -Infinity;
  for (const v of shown) if (Number.isFinite(v) && v > maxDensity) maxDensity = v;
  const values = Float32Array.from(shown);
  const geotiff = new Uint8Array(
    writeGeoTiff({ ...grid, values: shown }, projection, {
      description: `dual KDE ${measure} A/B`,
    }),
  );
  progress(1, 'done');
  return {
    mode: 'dual',
    kernel,
    bandwidthMetres,
    defaultBandwidthMetres: ctx.defaultBandwidthMetres,
    cellSizeMetres: ctx.cellSizeMetres,
    defaultCellSizeMetres: ctx.defaultCellSizeMetres,
    grid,
    projectionCentre: ctx.projectionCentre,
    values,
    unit,
    years: ctx.period.years,
    maxDensity,
    maxPerKm2: NaN,
    maxPerKm2PerYear: NaN,
    image,
    corners: ctx.corners,
    stretchErrorMetres: ctx.stretchErrorMetres,
    legendTitle: `Dual kernel density: ${measure === 'logRatio' ? 'log ratio' : measure} of A to B`,
    legend,
    contours: { type: 'FeatureCollection', features: [] },
    contourTable: [],
    headline: summary[1],
    incidentCount: a.count + b.count,
    incidentsOutsideGrid: surfaceA.incidentsOutsideGrid + surfaceB.incidentsOutsideGrid,
    studyAreaKm2: ctx.studyAreaKm2,
    geotiff,
    dual: { measure, labelA, labelB, countA: a.count, countB: b.count, floor: dual.floor },
    summary,
    log,
  };
}
