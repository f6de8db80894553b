/**
 * How concentrated incidents are among places (grid cells, polygons, blocks or addresses): the
 * Lorenz curve, the share of places that holds 25% and 50% of incidents, the Gini coefficient and
 * its generalisation for sparse data, and a ranked table of the top places.
 *
 * - Law of crime concentration (Weisburd, D. 2015 "The law of crime concentration and the
 *   criminology of place", Criminology 53(2) 133–157): about 50% of crime at 2–6% of street
 *   segments and 25% at 0.4–1.6%. Reported here as the fewest top-ranked places that together hold
 *   at least 25% (50%) of incidents, and their share of all places.
 * - Lorenz curve, criminology's way round: places ranked from most to fewest incidents; x the
 *   cumulative share of places, y the cumulative share of incidents, from (0, 0) to (1, 1).
 * - Gini G = 2 Σᵢ i·x₍ᵢ₎ / (N Σ x) − (N + 1)/N over counts sorted ascending (i = 1…N), as
 *   R's DescTools::Gini(x, unbiased = FALSE); 0 when every place has the same count.
 * - Generalised Gini (Bernasco, W. & Steenbeek, W. 2017 "More places than crimes: implications
 *   for evaluating the law of crime concentration at place", J. Quant. Criminol. 33(3) 451–467):
 *   when there are fewer incidents n than places N, even a maximally even spread leaves N − n
 *   places empty — n places with one incident each, a Lorenz curve that reaches 1 at x = n/N and
 *   a Gini of 1 − n/N. G′ measures concentration against that maximal equality:
 *     G′ = max(1, N/n) · (G − 1) + 1,
 *   which equals G when n ≥ N (as their R package lorenzgini, gini(x, generalized = TRUE,
 *   unbiased = FALSE)). With all incidents in one place G′ = 1 − 1/n, not 1; lorenzgini's default
 *   (unbiased = TRUE) multiplies by m/(m − 1), m = min(N, n), and is reported too.
 *
 * Units: counts (or any non-negative weights); shares are fractions in [0, 1].
 * Complexity O(N log N) for the sort.
 *
 * @example
 * // 4 places with 4, 3, 2, 1 incidents: G = 2·(1·1 + 2·2 + 3·3 + 4·4)/(4·10) − 5/4 = 0.25;
 * // the top place holds 40% ≥ 25% of incidents, the top two 70% ≥ 50%
 * const c = concentration([4, 3, 2, 1]);
 * [c.gini, c.unitsFor25, c.unitsFor50]; // [0.25, 1, 2]
 */

export interface ConcentrationOptions {
  /** A name a place (block, address), in the same order as the counts, for the ranked table. */
  labels?: readonly string[];
  /** Rows of the ranked table; default 20. */
  top?: number;
  /** Lorenz curve points besides (0, 0); default 1000, evenly spaced in places; 0 = every place. */
  lorenzSteps?: number;
}

export interface RankedPlace {
  /** 1 for the place with most incidents (ties in input order). */
  rank: number;
  /** Index of the place in the input. */
  index: number;
  label?: string;
  count: number;
  share: number;
  cumulativeShare: number;
}

export interface Concentration {
  units: number;
  incidents: number;
  unitsWithIncidents: number;
  lorenz: { unitShare: Float64Array; incidentShare: Float64Array };
  gini: number;
  /** Bernasco & Steenbeek's G′ (lorenzgini generalized = TRUE, unbiased = FALSE). */
  generalisedGini: number;
  /** G′ · m/(m − 1), m = min(places, incidents) (lorenzgini's default); NaN when m ≤ 1. */
  generalisedGiniUnbiased: number;
  /** Fewest top-ranked places that hold at least 25% of incidents, and their share of places. */
  unitsFor25: number;
  shareOfUnitsFor25: number;
  unitsFor50: number;
  shareOfUnitsFor50: number;
  top: RankedPlace[];
  /** A sentence for a non-statistician. */
  summary: string;
}

export function concentration(
  counts: ArrayLike<number>,
  options: ConcentrationOptions = {},
): Concentration {
  const N = counts.length;
  if (N === 0) throw new Error('There are no places to measure concentration over.');
  let total = 0;
  let unitsWithIncidents = 0;
  for (let i = 0; i < N; i++) {
    const v = counts[i];
    if (!(v >= 0)) throw new Error(`Counts must be zero or more (place ${i} has ${v}).`);
    total += v;
    if (v > 0) unitsWithIncidents++;
  }
  if (!(total > 0))
    throw new Error('No place has an incident, so there is no concentration to measure.');
  const labels = options.labels;
  if (labels && labels.length !== N)
    throw new Error(`labels has ${labels.length} entries for ${N} places.`);

  // Places ranked by count, most first; ties keep input order.
  const order = Array.from({ length: N }, (_, i) => i).sort(
    (a, b) => counts[b] - counts[a] || a - b,
  );
  const cumulative = new Float64Array(N + 1);
  for (let k = 0; k < N; k++) cumulative[k + 1] = cumulative[k] + counts[order[k]];

  // Gini over counts ascending: rank i = N − k for the k-th place of the descending order.
  let weighted = 0;
  for (let k = 0; k < N; k++) weighted += (N - k) * counts[order[k]];
  const gini = (2 * weighted) / (N * total) - (N + 1) / N;
  const generalisedGini = Math.max(1, N / total) * (gini - 1) + 1;
  const m = Math.min(N, total);
  const generalisedGiniUnbiased = m > 1 ? (generalisedGini * m) / (m - 1) : NaN;

  const fewestHolding = (share: number) => {
    const target = share * total;
    let k = 1;
    // Tolerate round-off in the running sum of non-integer weights.
    while (k < N && cumulative[k] < target * (1 - 1e-12)) k++;
    return k;
  };
  const unitsFor25 = fewestHolding(0.25);
  const unitsFor50 = fewestHolding(0.5);

  const steps = options.lorenzSteps ?? 1000;
  const points = steps === 0 || N <= steps ? N : steps;
  const unitShare = new Float64Array(points + 1);
  const incidentShare = new Float64Array(points + 1);
  for (let j = 1; j <= points; j++) {
    const k = points === N ? j : Math.round((j * N) / points);
    unitShare[j] = k / N;
    incidentShare[j] = cumulative[k] / total;
  }

  const topCount = Math.min(N, options.top ?? 20);
  const top: RankedPlace[] = [];
  for (let k = 0; k < topCount; k++) {
    const index = order[k];
    top.push({
      rank: k + 1,
      index,
      label: labels?.[index],
      count: counts[index],
      share: counts[index] / total,
      cumulativeShare: cumulative[k + 1] / total,
    });
  }

  const pct = (v: number) => (v >= 0.1 ? `${(100 * v).toFixed(0)}%` : `${(100 * v).toFixed(1)}%`);
  const fmt = (v: number) => v.toLocaleString('en-US');
  let summary = `${pct(unitsFor50 / N)} of places (${fmt(unitsFor50)} of ${fmt(N)}) hold half of the ${fmt(total)} incidents, and ${pct(unitsFor25 / N)} (${fmt(unitsFor25)}) hold a quarter; Gini ${gini.toFixed(2)}.`;
  if (total < N)
    summary += ` With fewer incidents than places, at least ${pct(1 - total / N)} of places would be empty even if incidents were spread as evenly as possible; against that, the generalised Gini is ${generalisedGini.toFixed(2)}.`;
  return {
    units: N,
    incidents: total,
    unitsWithIncidents,
    lorenz: { unitShare, incidentShare },
    gini,
    generalisedGini,
    generalisedGiniUnbiased,
    unitsFor25,
    shareOfUnitsFor25: unitsFor25 / N,
    unitsFor50,
    shareOfUnitsFor50: unitsFor50 / N,
    top,
    summary,
  };
}
