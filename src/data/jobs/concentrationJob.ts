/**
 * Crime concentration (issue "Assess 2/2", item 3): how few places hold a quarter and half of the
 * incidents (Weisburd's law of crime concentration), the Lorenz curve, the Gini coefficient and
 * Bernasco & Steenbeek's generalised Gini for sparse data, and the ranked table of top places —
 * grid cells, the user's polygons, or blocks/addresses (the mapped address column: Chicago's
 * `Block`, police.uk's `Location`) — each with a place on the map to zoom to.
 */
import type { Position } from 'geojson';
import { concentration } from '../../analysis/concentration';
import { buildGrid } from '../../analysis/grid';
import { createLocalProjection } from '../../analysis/localProjection';
import { polygonCounts } from '../../analysis/polygonCounts';
import type { JobInput } from '../jobInput';
import {
  boundsOf,
  flatRingToLonLat,
  jobStudyArea,
  n,
  pct,
  polygonCentresLonLat,
  polygonLabels,
  type AreasParam,
} from './assessCommon';
import type { Job } from './jobTypes';

export type ConcentrationUnit = 'cell' | 'address' | 'polygon';

export interface ConcentrationParams {
  by: ConcentrationUnit;
  /** Square cells; default 150 m. */
  cellSizeMetres?: number;
  /** The polygons for `by: 'polygon'`, or the study area of the grid for `by: 'cell'`. */
  areas?: AreasParam | null;
  /** Rows of the ranked table; default 20. */
  top?: number;
}

export interface TopPlace {
  rank: number;
  label: string;
  count: number;
  share: number;
  cumulativeShare: number;
  /** Where to put the map: a point and a box, lon/lat. */
  lon: number;
  lat: number;
  bounds: [number, number, number, number];
  /** The cell's or polygon's outline (outer ring, lon/lat), null for addresses. */
  ring: Position[] | null;
}

export interface ConcentrationResult {
  by: ConcentrationUnit;
  /** "cells", "blocks or addresses", "beats". */
  unitNoun: string;
  cellSizeMetres: number | null;
  units: number;
  incidents: number;
  /** Analysed incidents in no place (outside the grid or polygons, or with no address). */
  uncounted: number;
  unitsWithIncidents: number;
  gini: number;
  generalisedGini: number;
  generalisedGiniUnbiased: number;
  unitsFor25: number;
  shareOfUnitsFor25: number;
  unitsFor50: number;
  shareOfUnitsFor50: number;
  lorenz: { unitShare: Float64Array; incidentShare: Float64Array };
  top: TopPlace[];
  summary: string[];
  log: string[];
}

/** The address each cell's incidents most often carry, for a readable cell label. */
function modalAddress(input: JobInput, cellOfIncident: Int32Array, cells: number[]): string[] {
  const wanted = new Map<number, Map<number, number>>(cells.map((c) => [c, new Map()]));
  for (let i = 0; i < input.count; i++) {
    const tally = wanted.get(cellOfIncident[i]);
    if (!tally || input.address[i] === 0) continue;
    tally.set(input.address[i], (tally.get(input.address[i]) ?? 0) + 1);
  }
  return cells.map((c) => {
    let best = 0;
    let bestCount = 0;
    for (const [a, k] of wanted.get(c) ?? []) if (k > bestCount) [best, bestCount] = [a, k];
    return best === 0 ? '' : input.addressNames[best];
  });
}

export const concentrationJob: Job<ConcentrationParams, ConcentrationResult> = (
  input,
  params,
  progress,
) => {
  if (input.count === 0)
    throw new Error('No incidents match the current filters: there is nothing to analyse.');
  const projection = createLocalProjection(input.projectionCentre[0], input.projectionCentre[1]);
  const log = [...input.logHeader];
  const top = params.top ?? 20;
  const by = params.by;
  let counts: Int32Array;
  let labels: string[];
  let unitNoun: string;
  let cellSizeMetres: number | null = null;
  let place: (
    index: number,
  ) => Omit<TopPlace, 'rank' | 'label' | 'count' | 'share' | 'cumulativeShare'>;
  let labelTop: (indices: number[]) => string[] = (indices) => indices.map((i) => labels[i]);
  const caveats: string[] = [];

  progress(0.1, 'counting');
  if (by === 'cell') {
    cellSizeMetres = params.cellSizeMetres ?? 150;
    const { studyArea, note } = jobStudyArea(input, projection, params.areas);
    if (!studyArea) throw new Error(`${note} Choose boundary polygons as the study area.`);
    log.push(note);
    const grid = buildGrid(input.xy, { shape: 'square', cellSizeMetres, studyArea });
    counts = grid.counts;
    labels = Array.from({ length: grid.cellCount }, (_, c) => `Cell ${c}`);
    unitNoun = 'cells';
    log.push(
      `Places: ${n(grid.cellCount)} square cells of ${n(cellSizeMetres)} m whose centres lie in the study area, empty cells included (a place where nothing happened is a place).`,
    );
    if (grid.pointsOutside > 0)
      log.push(`${n(grid.pointsOutside)} incidents fall outside the study area's cells.`);
    place = (c) => {
      const ring = flatRingToLonLat(grid.vertices.subarray(8 * c, 8 * c + 8), projection);
      ring.push(ring[0]);
      const [lon, lat] = projection.inverse(grid.centres[2 * c], grid.centres[2 * c + 1]);
      return { lon, lat, bounds: boundsOf(ring), ring };
    };
    labelTop = (indices) =>
      modalAddress(input, grid.pointCell, indices).map((a, k) =>
        a ? `Cell ${indices[k]} (mostly ${a})` : `Cell ${indices[k]}`,
      );
  } else if (by === 'polygon') {
    if (!params.areas) throw new Error('Choose a boundary layer whose polygons are the places.');
    const { polygons, studyArea } = jobStudyArea(input, projection, params.areas);
    if (!polygons || !studyArea) throw new Error('The boundary layer has no polygons.');
    const pc = polygonCounts(input.xy, polygons);
    counts = pc.counts;
    labels = polygonLabels(params.areas.geojson, params.areas.idField);
    unitNoun = (params.areas.name ?? 'polygons').toLowerCase();
    const centres = polygonCentresLonLat(polygons, projection);
    log.push(
      `Places: the ${n(polygons.length)} polygons of ${params.areas.name ?? 'the boundary layer'}${params.areas.idField ? `, named by "${params.areas.idField}"` : ''}.`,
    );
    if (pc.pointsOutside > 0)
      log.push(`${n(pc.pointsOutside)} incidents lie outside every polygon and are not counted.`);
    place = (i) => {
      const ring = flatRingToLonLat(polygons[i][0] ?? new Float64Array(0), projection);
      return { lon: centres[2 * i], lat: centres[2 * i + 1], bounds: boundsOf(ring), ring };
    };
  } else {
    // Blocks or addresses: only places with at least one incident are known.
    const perAddress = new Int32Array(input.addressNames.length);
    for (let i = 0; i < input.count; i++) perAddress[input.address[i]]++;
    const codes: number[] = [];
    for (let a = 1; a < perAddress.length; a++) if (perAddress[a] > 0) codes.push(a);
    if (codes.length === 0)
      throw new Error(
        'The incidents have no block or address column mapped, so repeat places cannot be ranked; choose cells or polygons.',
      );
    counts = Int32Array.from(codes, (a) => perAddress[a]);
    labels = codes.map((a) => input.addressNames[a]);
    unitNoun = 'blocks or addresses';
    log.push(
      `Places: the ${n(codes.length)} distinct values of the address column (Chicago "Block", police.uk "Location", or the mapped address) among the analysed incidents.`,
    );
    caveats.push(
      `Only the ${n(codes.length)} blocks or addresses with at least one incident are known, so shares are of those; against every block in the city, crime would look more concentrated still.`,
    );
    log.push(caveats[0]);
    const noAddress = perAddress[0];
    if (noAddress > 0) log.push(`${n(noAddress)} incidents have no address and are not counted.`);
    place = (k) => {
      const code = codes[k];
      const pts: Position[] = [];
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < input.count; i++)
        if (input.address[i] === code) {
          pts.push([input.positions[2 * i], input.positions[2 * i + 1]]);
          sx += input.positions[2 * i];
          sy += input.positions[2 * i + 1];
        }
      return {
        lon: sx / pts.length,
        lat: sy / pts.length,
        bounds: boundsOf(pts),
        ring: null,
      };
    };
  }

  progress(0.6, 'concentration');
  const c = concentration(counts, { top, lorenzSteps: 500 });
  const topIndices = c.top.map((t) => t.index);
  const topLabels = labelTop(topIndices);
  const topPlaces: TopPlace[] = c.top.map((t, k) => ({
    rank: t.rank,
    label: topLabels[k],
    count: t.count,
    share: t.share,
    cumulativeShare: t.cumulativeShare,
    ...place(t.index),
  }));
  log.push(
    'Concentration (Weisburd 2015): the fewest top-ranked places that together hold at least 25% and 50% of incidents; Lorenz curve with places ranked from most to fewest incidents; Gini over all places (as DescTools::Gini, unbiased = FALSE); generalised Gini G′ = max(1, N/n)·(G − 1) + 1 for fewer incidents than places (Bernasco & Steenbeek 2017, lorenzgini generalized = TRUE), also with lorenzgini’s default small-sample factor m/(m − 1).',
  );
  const uncounted = input.count - c.incidents;
  const summary = [
    `${pct(c.shareOfUnitsFor50)} of ${unitNoun} (${n(c.unitsFor50)} of ${n(c.units)}) hold half of the ${n(c.incidents)} incidents, and ${pct(c.shareOfUnitsFor25)} (${n(c.unitsFor25)}) hold a quarter.`,
    `${n(c.unitsWithIncidents)} of the ${n(c.units)} ${unitNoun} (${pct(c.unitsWithIncidents / c.units)}) had any incident at all.`,
    `Gini ${c.gini.toFixed(2)}${c.incidents < c.units ? `; with fewer incidents than places, even the most even spread would leave ${pct(1 - c.incidents / c.units)} of places empty, so the generalised Gini, ${c.generalisedGini.toFixed(2)}, is the fairer measure` : ''} (0 = spread evenly, 1 = all in one place).`,
    'For comparison, Weisburd (2015) found about half of crime on 2–6% of street segments and a quarter on 0.4–1.6%.',
    ...caveats,
  ];
  progress(1, 'done');
  return {
    by,
    unitNoun,
    cellSizeMetres,
    units: c.units,
    incidents: c.incidents,
    uncounted,
    unitsWithIncidents: c.unitsWithIncidents,
    gini: c.gini,
    generalisedGini: c.generalisedGini,
    generalisedGiniUnbiased: c.generalisedGiniUnbiased,
    unitsFor25: c.unitsFor25,
    shareOfUnitsFor25: c.shareOfUnitsFor25,
    unitsFor50: c.unitsFor50,
    shareOfUnitsFor50: c.shareOfUnitsFor50,
    lorenz: c.lorenz,
    top: topPlaces,
    summary,
    log,
  };
};
