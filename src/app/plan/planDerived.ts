/**
 * Figures the Plan panel derives from the zone job's results, computed here (once per result or
 * form change, through `useMemo` in the components) rather than in components: the strategy
 * suggestions for a zone, the hot-spot dosage plan and foot-patrol beat coverage of a strategy's
 * schedule against its zones' hour profile, and the words of a strategy's goal.
 */
import {
  footPatrolBeatCoverage,
  hotSpotDosagePlan,
  type FootPatrolCoverage,
  type HotSpotDosageOptions,
  type HotSpotDosagePlan,
  type PatrolShift,
} from '../../analysis/patrolDosage';
import type { ZoneFigures, ZoneResult } from '../../data/jobs/zoneJob';
import type { Metric, Strategy } from '../../plan/planSchema';
import { suggestStrategies, type StrategySuggestion } from '../../plan/strategySuggestions';

export function zoneSuggestions(figures: ZoneFigures | null): StrategySuggestion[] {
  if (!figures) return [];
  return suggestStrategies({
    incidents: figures.incidents,
    byOffenceGroup: figures.byOffenceGroup,
    hourWeekday: figures.hourWeekday,
    areaKm2: figures.areaKm2,
    shareOfIncidents: figures.shareOfIncidents,
    shareOfArea: Number.isFinite(figures.shareOfArea) ? figures.shareOfArea : undefined,
    pai: Number.isFinite(figures.pai) ? figures.pai : undefined,
    topCategories: figures.topCategories,
    locationTypes: figures.locationTypes,
  });
}

/** The strategy's schedule as a shift: days, start hour and length (an end before the start runs past midnight). */
export function scheduleShift(schedule: Strategy['schedule']): PatrolShift | null {
  if (schedule.days.length === 0) return null;
  const length = (schedule.endHour - schedule.startHour + 24) % 24 || 24;
  return { days: schedule.days, startHour: schedule.startHour, lengthHours: length };
}

/** The summed hour × weekday profile of some zones (null when any lacks one). */
export function combinedProfile(result: ZoneResult | null, zoneIds: string[]): Int32Array | null {
  if (!result || zoneIds.length === 0) return null;
  const out = new Int32Array(168);
  for (const id of zoneIds) {
    const z = result.zones.find((f) => f.id === id);
    if (!z?.hourWeekday) return null;
    for (let h = 0; h < 168; h++) out[h] += z.hourWeekday[h];
  }
  return out;
}

export type StrategyDosage =
  | { kind: 'hot-spots'; plan: HotSpotDosagePlan }
  | { kind: 'foot-patrol'; coverage: FootPatrolCoverage }
  | { kind: 'error'; message: string }
  | null;

/**
 * For hot spots policing, the dosage plan (Koper 1995 visits) over the strategy's schedule; for
 * foot patrol, the beat hours against the zones' profile. Null for other strategies.
 */
export function strategyDosage(
  strategy: Pick<Strategy, 'catalogueId' | 'zoneIds' | 'schedule' | 'resources'>,
  result: ZoneResult | null,
  hotSpotOptions: HotSpotDosageOptions & { hotSpotCount?: number },
): StrategyDosage {
  const shift = scheduleShift(strategy.schedule);
  const profile = combinedProfile(result, strategy.zoneIds);
  try {
    if (strategy.catalogueId === 'hot-spots-policing') {
      if (!shift)
        return { kind: 'error', message: 'Choose the days of the schedule to see the dosage.' };
      const count = hotSpotOptions.hotSpotCount ?? Math.max(1, strategy.zoneIds.length);
      return {
        kind: 'hot-spots',
        plan: hotSpotDosagePlan(profile, count, [shift], hotSpotOptions),
      };
    }
    if (strategy.catalogueId === 'foot-patrol') {
      if (!shift)
        return { kind: 'error', message: 'Choose the days of the schedule to see the beat hours.' };
      if (!profile)
        return {
          kind: 'error',
          message:
            'The beat hours need the zones’ hour profile: attach zones and open the Plan panel’s figures (data with times of day).',
        };
      return {
        kind: 'foot-patrol',
        coverage: footPatrolBeatCoverage(profile, [shift], {
          officersPerBeat: Math.max(1, strategy.resources.officers || 2),
        }),
      };
    }
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  return null;
}

const COMPARED_WORDS: Record<Metric['target']['comparedWith'], string> = {
  'same-period-last-year': 'against the same months last year',
  'previous-period': 'against the period just before',
  baseline: 'against the baseline',
};

/** "Burglary in the zone −20% over 6 months against the same months last year". */
export function goalFromMetric(metric: Metric, startDate: string, endDate: string): string {
  const months = Math.max(
    1,
    Math.round((Date.parse(endDate) - Date.parse(startDate)) / (30.44 * 86_400_000)),
  );
  const change = metric.target.changePercent;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${metric.description || 'The metric'} ${sign}${Math.abs(change)}% over ${months} month${months === 1 ? '' : 's'} ${COMPARED_WORDS[metric.target.comparedWith]}`;
}
