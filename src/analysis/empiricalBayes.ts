/**
 * Rates per 1,000 (residents, households or businesses) with global empirical Bayes smoothing, as
 * GeoDa's "Empirical Bayes" rate map: a small area's rate rests on few people and swings wildly,
 * so each crude rate is pulled toward the overall rate in proportion to how unreliable it is.
 *
 * Marshall's (1991) method-of-moments estimator, for events Oᵢ among Pᵢ people (rᵢ = Oᵢ/Pᵢ):
 *   θ   = Σ Oᵢ / Σ Pᵢ                                   (prior mean: the overall rate)
 *   σ²  = Σ Pᵢ (rᵢ − θ)² / Σ Pᵢ − θ / (Σ Pᵢ / n)         (prior variance; set to 0 if negative)
 *   wᵢ  = σ² / (σ² + θ / Pᵢ)                            (weight on the area's own rate)
 *   EBᵢ = wᵢ · rᵢ + (1 − wᵢ) · θ
 * With σ² = 0 the areas differ no more than chance would make them, and every rate becomes θ.
 *
 * Sources: Marshall, R. J. (1991) "Mapping disease and mortality rates using empirical Bayes
 * estimators", Applied Statistics 40(2) 283–294; Anselin, L. (2024) An Introduction to Spatial
 * Data Science with GeoDa, vol. 1, §6.4 "Rate smoothing"; GeoDa's geoda-lib `empiricalBayes`
 * (theta1, theta2, negative variance set to 0); identical to R spdep::EBest (Bailey & Gatrell
 * 1995, pp. 303–306).
 *
 * Areas with no population have no rate (NaN) and take no part in the estimates; they are
 * counted in `excludedAreas`. Units: rates per `perUnits` (default 1,000) people. Complexity O(n).
 *
 * @example
 * // two areas of 100 people, 0 and 10 events: θ = 0.05; σ² = 0.0025 − 0.05/100 = 0.002;
 * // w = 0.002/(0.002 + 0.0005) = 0.8; EB = 0.8·0 + 0.2·0.05 = 0.01 and 0.8·0.1 + 0.01 = 0.09
 * empiricalBayes([0, 10], [100, 100]).smoothedRate; // [10, 90] per 1,000
 */

export interface EmpiricalBayesOptions {
  /** Rates per this many people; default 1,000. */
  perUnits?: number;
}

export interface EmpiricalBayesRates {
  /** Events / population × perUnits; NaN where the population is 0. */
  crudeRate: Float64Array;
  smoothedRate: Float64Array;
  /** wᵢ: the weight on the area's own rate (1 = not smoothed, 0 = the overall rate). */
  weight: Float64Array;
  /** θ × perUnits: the overall rate. */
  priorMeanRate: number;
  /** σ² in (events per person)², after setting a negative estimate to 0. */
  priorVariance: number;
  perUnits: number;
  excludedAreas: number;
  warnings: string[];
  /** One sentence for the methods log. */
  method: string;
}

export function empiricalBayes(
  events: ArrayLike<number>,
  population: ArrayLike<number>,
  options: EmpiricalBayesOptions = {},
): EmpiricalBayesRates {
  const n = events.length;
  if (population.length !== n)
    throw new Error(`There are ${n} event counts but ${population.length} populations.`);
  const perUnits = options.perUnits ?? 1000;
  if (!(perUnits > 0)) throw new Error(`perUnits must be positive (got ${perUnits}).`);
  const usable = (i: number) => population[i] > 0 && events[i] >= 0;
  let sumO = 0;
  let sumP = 0;
  let areas = 0;
  for (let i = 0; i < n; i++) {
    if (!usable(i)) continue;
    sumO += events[i];
    sumP += population[i];
    areas++;
  }
  if (areas === 0) throw new Error('No area has a population, so no rate can be computed.');
  const theta = sumO / sumP;
  let spread = 0;
  for (let i = 0; i < n; i++) {
    if (!usable(i)) continue;
    const r = events[i] / population[i];
    spread += population[i] * (r - theta) ** 2;
  }
  const rawVariance = spread / sumP - theta / (sumP / areas);
  const priorVariance = Math.max(0, rawVariance);

  const crudeRate = new Float64Array(n);
  const smoothedRate = new Float64Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!usable(i)) {
      crudeRate[i] = smoothedRate[i] = weight[i] = NaN;
      continue;
    }
    const r = events[i] / population[i];
    const denominator = priorVariance + theta / population[i];
    const w = denominator > 0 ? priorVariance / denominator : 1;
    crudeRate[i] = r * perUnits;
    weight[i] = w;
    smoothedRate[i] = (w * r + (1 - w) * theta) * perUnits;
  }
  const warnings: string[] = [];
  const excludedAreas = n - areas;
  if (excludedAreas > 0)
    warnings.push(
      `${excludedAreas.toLocaleString('en-US')} areas have no population (or a negative count) and were left without a rate.`,
    );
  if (rawVariance <= 0)
    warnings.push(
      'The areas’ rates differ no more than chance would make them, so every smoothed rate equals the overall rate.',
    );
  const per = perUnits.toLocaleString('en-US');
  return {
    crudeRate,
    smoothedRate,
    weight,
    priorMeanRate: theta * perUnits,
    priorVariance,
    perUnits,
    excludedAreas,
    warnings,
    method: `Rates per ${per} with global empirical Bayes smoothing (Marshall 1991 moment estimator, as GeoDa): overall rate ${(theta * perUnits).toPrecision(4)} per ${per}, prior variance ${priorVariance.toPrecision(4)}.`,
  };
}
