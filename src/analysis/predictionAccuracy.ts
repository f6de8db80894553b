/**
 * How well a hot-spot map drawn from one period predicts where crime falls in the next: rank the
 * cells by the map's score (a KDE value, a Gi* z-score, last period's count, an emerging-hot-spot
 * rank — anything where higher means "more expected"), flag the top cells until they cover a given
 * share of the study area, and count the test period's incidents inside them.
 *
 * - Hit rate = n / N: the share of the test period's N incidents that fall in the flagged cells.
 * - PAI (Predictive Accuracy Index) = (n / N) / (a / A): hit rate per share of area a / A. Source:
 *   Chainey, S., Tompson, L. & Uhlig, S. (2008) "The utility of hotspot mapping for predicting spatial
 *   patterns of crime", Security Journal 21(1–2), 4–28.
 * - PEI (Predictive Efficiency Index) = n / n*, where n* is the most incidents any choice of cells
 *   with the same area could have caught — the test period's own densest cells. PEI = PAI / PAI*,
 *   between 0 and 1. Source: Hunt, J. (2016) "Do crime hot spots move? Exploring the effects of the
 *   modifiable areal unit problem and modifiable temporal unit problem on crime hot spot stability",
 *   PhD dissertation, American University; as implemented in the R package ptools (`pai`, Wheeler,
 *   github.com/apwheele/ptools R/pai.R; Wheeler & Steenbeek 2021, J. Quant. Criminol. 37, 445–480).
 *
 * Conventions. Shares are fractions of the total area of the cells given (0–1, not per cent). The
 * hit-rate curve runs through the cumulative (area share, hit rate) after each cell or block of
 * tied cells; a share that ends inside a cell counts that cell in proportion to its area inside the
 * share (linear interpolation), so every method is compared at exactly the same area. The best
 * possible curve ranks cells by test-period density (count / area), which for fractional cells is
 * optimal, so PEI ≤ 1. Scores that are NaN rank below every number.
 *
 * Ties in score (common: many cells with last period's count 0 or 1) are broken deterministically,
 * by `ties`:
 * - 'average' (default): tied cells enter together, their incidents spread over their area — the
 *   average over every order of the tied cells, and what a random tie-break gives in expectation.
 * - 'pessimistic': tied cells in increasing order of test count, then cell index (ptools::pai; the
 *   lowest PAI the ties allow).
 * - 'index': tied cells in increasing cell index.
 *
 * Units: areas in square metres (any unit works as long as it is the same for all cells). Time
 * O(c log c) for c cells; memory O(c).
 *
 * @example
 * // Four equal cells; the map ranks them 3 > 2 > 1 > 0 and the next month has 5, 3, 2, 0 incidents.
 * const r = predictionAccuracy([3, 2, 1, 0], [5, 3, 2, 0], 250 * 250, { areaShares: [0.25, 0.5] });
 * r.atShares[0]; // { areaShare: 0.25, hitRate: 0.5, pai: 2, bestHitRate: 0.5, pei: 1, … }
 * r.atShares[1]; // { areaShare: 0.5, hitRate: 0.8, pai: 1.6, bestHitRate: 0.8, pei: 1, … }
 */

export type PredictionTies = 'average' | 'pessimistic' | 'index';

export interface PredictionAccuracyOptions {
  /** Area shares to report (fractions of the study area); defaults to [0.01, 0.02, 0.05, 0.1, 0.2]. */
  areaShares?: number[];
  /** Order of cells with equal scores; defaults to 'average' (see the doc block). */
  ties?: PredictionTies;
}

export interface PredictionAtShare {
  /** Fraction of the study area flagged (0–1). */
  areaShare: number;
  areaSquareMetres: number;
  /** Test incidents inside the flagged area (fractional where the share ends inside a cell). */
  incidentsCaptured: number;
  /** incidentsCaptured / all test incidents (0–1); NaN when the test period has none. */
  hitRate: number;
  /** hitRate / areaShare. */
  pai: number;
  /** The best hit rate any cells of the same area could reach (the test period's densest cells). */
  bestHitRate: number;
  /** hitRate / bestHitRate (0–1). */
  pei: number;
}

export interface PredictionAccuracyResult {
  totalIncidents: number;
  totalAreaSquareMetres: number;
  atShares: PredictionAtShare[];
  /** Vertices of the hit-rate curve, from (0, 0) to (1, 1): cumulative area share … */
  curveAreaShare: Float64Array;
  /** … and the cumulative hit rate at each. */
  curveHitRate: Float64Array;
  /** Vertices of the best possible curve (cells by test-period density). */
  bestCurveAreaShare: Float64Array;
  bestCurveHitRate: Float64Array;
  ties: PredictionTies;
}

const DEFAULT_SHARES = [0.01, 0.02, 0.05, 0.1, 0.2];

/** Ranks cells by `scores` and scores the ranking against the test period's counts. */
export function predictionAccuracy(
  scores: ArrayLike<number>,
  testCounts: ArrayLike<number>,
  cellAreasSquareMetres: number | ArrayLike<number>,
  options: PredictionAccuracyOptions = {},
): PredictionAccuracyResult {
  const n = scores.length;
  const ties = options.ties ?? 'average';
  const shares = options.areaShares ?? DEFAULT_SHARES;
  if (testCounts.length !== n)
    throw new Error(`${n} scores but ${testCounts.length} test counts; give one of each per cell`);
  const area = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a =
      typeof cellAreasSquareMetres === 'number' ? cellAreasSquareMetres : cellAreasSquareMetres[i];
    if (!(a > 0))
      throw new Error(`cell ${i} has area ${String(a)}; every cell needs a positive area`);
    area[i] = a;
    const c = testCounts[i];
    if (!(c >= 0))
      throw new Error(`cell ${i} has test count ${String(c)}; counts must be 0 or more`);
  }
  if (typeof cellAreasSquareMetres !== 'number' && cellAreasSquareMetres.length !== n)
    throw new Error(`${n} scores but ${cellAreasSquareMetres.length} cell areas`);
  for (const s of shares)
    if (!(s >= 0 && s <= 1)) throw new Error(`area share ${s} is outside 0–1 (use 0.05 for 5%)`);
  if (ties !== 'average' && ties !== 'pessimistic' && ties !== 'index')
    throw new Error(`ties must be 'average', 'pessimistic' or 'index', not '${String(ties)}'`);

  let totalArea = 0;
  let totalIncidents = 0;
  for (let i = 0; i < n; i++) {
    totalArea += area[i];
    totalIncidents += testCounts[i];
  }

  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    const byScore = compareScores(scores[a], scores[b]);
    if (byScore !== 0) return byScore;
    if (ties === 'pessimistic' && testCounts[a] !== testCounts[b])
      return testCounts[a] - testCounts[b];
    return a - b;
  });
  // Cells that end a block: every cell unless ties are averaged, then the last of each equal score.
  const sameScore = (a: number, b: number) => compareScores(scores[a], scores[b]) === 0;
  const curve = cumulativeCurve(order, area, testCounts, totalArea, totalIncidents, (k) =>
    ties === 'average' && k + 1 < n ? !sameScore(order[k], order[k + 1]) : true,
  );

  const byDensity = Array.from({ length: n }, (_, i) => i);
  byDensity.sort((a, b) => testCounts[b] / area[b] - testCounts[a] / area[a] || a - b);
  const best = cumulativeCurve(byDensity, area, testCounts, totalArea, totalIncidents, () => true);

  const atShares = shares.map((share): PredictionAtShare => {
    const hitRate = interpolate(curve.share, curve.hit, share);
    const bestHitRate = interpolate(best.share, best.hit, share);
    return {
      areaShare: share,
      areaSquareMetres: share * totalArea,
      incidentsCaptured: hitRate * totalIncidents,
      hitRate,
      pai: share > 0 ? hitRate / share : NaN,
      bestHitRate,
      pei: bestHitRate > 0 ? hitRate / bestHitRate : NaN,
    };
  });

  return {
    totalIncidents,
    totalAreaSquareMetres: totalArea,
    atShares,
    curveAreaShare: curve.share,
    curveHitRate: curve.hit,
    bestCurveAreaShare: best.share,
    bestCurveHitRate: best.hit,
    ties,
  };
}

/** Descending by score, NaN last. */
function compareScores(a: number, b: number): number {
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
  return a > b ? -1 : a < b ? 1 : 0;
}

function cumulativeCurve(
  order: number[],
  area: Float64Array,
  counts: ArrayLike<number>,
  totalArea: number,
  totalIncidents: number,
  endsBlock: (k: number) => boolean,
): { share: Float64Array; hit: Float64Array } {
  const shares: number[] = [0];
  const hits: number[] = [0];
  let cumArea = 0;
  let cumCount = 0;
  for (let k = 0; k < order.length; k++) {
    cumArea += area[order[k]];
    cumCount += counts[order[k]];
    if (endsBlock(k)) {
      shares.push(cumArea / totalArea);
      hits.push(totalIncidents > 0 ? cumCount / totalIncidents : NaN);
    }
  }
  // Guard the last vertex against rounding in the running sums.
  if (order.length > 0) shares[shares.length - 1] = 1;
  return { share: Float64Array.from(shares), hit: Float64Array.from(hits) };
}

/** The curve's value at `x` by linear interpolation between its vertices (xs ascending). */
function interpolate(xs: Float64Array, ys: Float64Array, x: number): number {
  if (xs.length === 0) return NaN;
  let lo = 0;
  let hi = xs.length - 1;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[hi]) return ys[hi];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const span = xs[hi] - xs[lo];
  if (span <= 0) return ys[hi];
  return ys[lo] + ((ys[hi] - ys[lo]) * (x - xs[lo])) / span;
}
