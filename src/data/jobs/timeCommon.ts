/**
 * What the time jobs (trend, CompStat, day × hour) share: the table's time precision in the
 * analysis code's terms, per-incident code columns over the whole data set, the "subject" of a
 * series (every selected incident, one category, one offence group), and numbers in words.
 */
import type { MannKendallResult } from '../../analysis/mannKendall';
import type { SenSlopeResult } from '../../analysis/senSlope';
import type { TimeBin, TimePrecision } from '../../analysis/timeSeries';
import { OFFENCE_GROUPS, type TimePrecision as TablePrecision } from '../incidentTable';
import type { JobInput } from '../jobInput';

/** The analysis modules call a table's 'time' precision 'minute'. */
export function analysisPrecision(precision: TablePrecision): TimePrecision {
  return precision === 'time' ? 'minute' : precision;
}

/**
 * A per-incident code column over the whole data set (index = row of the table, as
 * `input.allTimeMs`), filled for the filtered incidents from their own column; other rows are 0
 * and never read, because every time job passes `input.indices` as the selection.
 */
export function fullLengthCodes(input: JobInput, codeOf: (k: number) => number): Uint16Array {
  const out = new Uint16Array(input.allTimeMs.length);
  for (let k = 0; k < input.count; k++) out[input.indices[k]] = codeOf(k);
  return out;
}

/** How the app names an offence group in sentences and tables. */
export function groupLabel(group: string): string {
  return `${group} offences`;
}

/** The offence groups as lists of category codes, for the change table. */
export function offenceGroupCodes(input: JobInput): { name: string; codes: number[] }[] {
  return OFFENCE_GROUPS.map((g, gi) => ({
    name: groupLabel(g),
    codes: input.categoryNames.map((_, c) => c).filter((c) => input.categoryGroup[c] === gi),
  }));
}

export type SubjectKind = 'all' | 'category' | 'group';

/** What a series counts: 'all', 'category:NAME' or 'group:NAME'. */
export interface Subject {
  key: string;
  kind: SubjectKind;
  label: string;
  /** The selected incidents of this subject, as rows of the table. */
  indices: Uint32Array;
}

export const ALL_SUBJECT = 'all';

/** The incidents of a subject key; throws an Error naming the choices when the key is unknown. */
export function subjectOf(input: JobInput, key: string): Subject {
  if (key === ALL_SUBJECT || key === '') {
    return {
      key: ALL_SUBJECT,
      kind: 'all',
      label: 'All selected incidents',
      indices: input.indices,
    };
  }
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const name = key.slice(colon + 1);
  let pass: (k: number) => boolean;
  let label: string;
  if (kind === 'category') {
    const code = input.categoryNames.findIndex((c) => c.toLowerCase() === name.toLowerCase());
    if (code < 0) {
      throw new Error(
        `There is no category "${name}" in this data set. Categories: ${input.categoryNames.filter((c) => c !== '').join(', ')}.`,
      );
    }
    label = input.categoryNames[code];
    pass = (k) => input.category[k] === code;
  } else if (kind === 'group') {
    const group = OFFENCE_GROUPS.findIndex((g) => g === name.toLowerCase());
    if (group < 0) {
      throw new Error(`There is no offence group "${name}". Groups: ${OFFENCE_GROUPS.join(', ')}.`);
    }
    label = groupLabel(OFFENCE_GROUPS[group]);
    pass = (k) => input.categoryGroup[input.category[k]] === group;
  } else {
    throw new Error(`"${key}" names no series: use "all", "category:NAME" or "group:NAME".`);
  }
  let n = 0;
  for (let k = 0; k < input.count; k++) if (pass(k)) n++;
  const indices = new Uint32Array(n);
  n = 0;
  for (let k = 0; k < input.count; k++) if (pass(k)) indices[n++] = input.indices[k];
  return { key: `${kind}:${label}`, kind: kind as SubjectKind, label, indices };
}

/** A name for a sentence: portal names in capitals ("MOTOR VEHICLE THEFT") read as words. */
export function nameInSentence(label: string): string {
  return label === label.toUpperCase() ? label.toLowerCase() : label;
}

/** A p-value as a sentence gives it: "p < 0.001", "p = 0.003", "p = 0.41". */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return 'p not available';
  if (p < 0.001) return 'p < 0.001';
  if (p < 0.01) return `p = ${p.toFixed(3)}`;
  return `p = ${p.toFixed(2)}`;
}

/** A rate in incidents a period: 2 significant digits below 10, else one decimal. */
export function formatRate(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a < 10) return a.toPrecision(2).replace(/\.?0+$/, '');
  return a.toFixed(1).replace(/\.0$/, '');
}

export const PER_PERIOD: Record<TimeBin, string> = {
  day: 'a day',
  week: 'a week',
  month: 'a month',
};

/**
 * The trend test in words: "burglary rose 4.1 a month, p = 0.003" when Mann-Kendall rejects "no
 * trend" at α, else "burglary: no significant trend (p = 0.41)".
 */
export function trendSentence(
  label: string,
  trend: MannKendallResult,
  sen: SenSlopeResult,
  by: TimeBin,
): string {
  const name = nameInSentence(label);
  if (trend.n < 4) return `${name}: too few complete periods for a trend test (${trend.n})`;
  if (trend.trend === 'no trend') return `${name}: no significant trend (${formatPValue(trend.p)})`;
  const verb = trend.trend === 'increasing' ? 'rose' : 'fell';
  return `${name} ${verb} ${formatRate(sen.slope)} ${PER_PERIOD[by]}, ${formatPValue(trend.p)}`;
}

export const n = (v: number): string => v.toLocaleString('en-US');
