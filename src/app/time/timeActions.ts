/**
 * Commands of the time panel under the map: run the trend, day × hour and CompStat jobs on the
 * current filter (debounced, each on the part of the filter it follows), choose dates by brushing,
 * choose days and hours from the table, play the map through time, export.
 *
 * Which filter each job sees, so that what a chart sets never recomputes that chart:
 * - trend and CompStat: the filter without its date range (brushing and the player set it; the
 *   series shades it instead, and CompStat's windows are fixed by the data's complete-through date);
 * - day × hour: the filter without its days and hours (clicking the table sets them; the chosen
 *   cells are marked instead). It follows the date range, but not while the player runs.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { addMonths, MS_PER_DAY, startOfMonth } from '../../analysis/calendar';
import type { TimeBin } from '../../analysis/timeSeries';
import {
  changesToCsv,
  compstatToCsv,
  dayHourToCsv,
  seriesToCsv,
} from '../../data/exports/timeExport';
import type { IncidentFilter } from '../../data/incidentFilter';
import type { CompstatJobResult, CompstatParams } from '../../data/jobs/compstatJob';
import type { DayHourResult } from '../../data/jobs/dayHourJob';
import type { JobKind, JobParams, JobResult } from '../../data/jobs/registry';
import type { TrendResult } from '../../data/jobs/trendJob';
import { downloadBlob, setFilter } from '../actions';
import type { JobState } from '../jobStore';
import { startJob, type RunningJob } from '../jobs';
import { usePlan } from '../plan/planState';
import { useStore } from '../store';

/** Prefix of an area key naming a zone of the open plan (drawn on the map). */
export const ZONE_AREA = 'zone::';

export type TimeTab = 'trend' | 'dayhour' | 'compstat';
export type TrendView = 'series' | 'years';

export interface TimeUi {
  collapsed: boolean;
  tab: TimeTab;
  by: TimeBin;
  /** 'all', 'category:NAME' or 'group:NAME'. */
  focus: string;
  view: TrendView;
  startTimesOnly: boolean;
  excludeLikelyDefaults: boolean;
  /** Index into the CompStat result's windows. */
  compstatWindow: number;
  /** '' = everywhere, `${boundaryId}::${featureIndex}`, or `zone::${zoneId}` (a plan zone). */
  area: string;
}

export const useTimeUi = create<TimeUi>(() => ({
  collapsed: false,
  tab: 'trend',
  by: 'month',
  focus: 'all',
  view: 'series',
  startTimesOnly: false,
  excludeLikelyDefaults: false,
  compstatWindow: 1,
  area: '',
}));

export interface TimeJob<K extends JobKind> {
  use: UseBoundStore<StoreApi<JobState<JobResult<K>>>>;
  run(params: JobParams<K>, key: string): Promise<void>;
  /** The key of the inputs of the last run (started or finished). */
  lastKey: () => string | null;
  clear(): void;
}

/**
 * A job store like `createJobStore`, but run on a part of the filter (see the doc block): the
 * worker gets `filterFor(current filter)`.
 */
function createTimeJob<K extends JobKind>(
  kind: K,
  filterFor: (filter: IncidentFilter) => IncidentFilter,
): TimeJob<K> {
  const use = create<JobState<JobResult<K>>>(() => ({
    running: null,
    result: null,
    error: null,
    datasetId: null,
  }));
  let current: RunningJob<JobResult<K>> | null = null;
  let key: string | null = null;
  return {
    use,
    lastKey: () => key,
    async run(params, runKey) {
      const { dataset, filter } = useStore.getState();
      if (!dataset) return;
      current?.cancel();
      key = runKey;
      use.setState({ running: { fraction: 0, stage: 'starting' }, error: null });
      const job = startJob(kind, dataset.id, filterFor(filter), params, (fraction, stage) => {
        if (current === job) use.setState({ running: { fraction, stage } });
      });
      current = job;
      const outcome = await job.result;
      if (current !== job) return;
      current = null;
      if (outcome.ok)
        use.setState({ running: null, result: outcome.value, error: null, datasetId: dataset.id });
      else use.setState({ running: null, error: outcome.cancelled ? null : outcome.error });
    },
    clear() {
      current?.cancel();
      current = null;
      key = null;
      use.setState({ running: null, result: null, error: null, datasetId: null });
    },
  };
}

const withoutDates = (f: IncidentFilter): IncidentFilter => ({ ...f, dateRange: null });
const withoutDaysAndHours = (f: IncidentFilter): IncidentFilter => ({
  ...f,
  weekdays: null,
  hours: null,
});

export const trendJob = createTimeJob('trend', withoutDates);
export const dayHourJob = createTimeJob('dayHour', withoutDaysAndHours);
export const compstatJob = createTimeJob('compstat', withoutDates);

// ---------------------------------------------------------------------------------------------
// Re-running on changes

let timer: ReturnType<typeof setTimeout> | null = null;
let shownDatasetId: string | null = null;

/** Re-runs what the panel shows after the filter, data set or a setting changed (debounced). */
export function scheduleTimeRefresh(delayMs = 350): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    refreshTimeNow();
  }, delayMs);
}

function compstatParams(): CompstatParams | string {
  const area = useTimeUi.getState().area;
  if (area === '') return {};
  if (area.startsWith(ZONE_AREA)) {
    const id = area.slice(ZONE_AREA.length);
    const zone = usePlan.getState().plan?.zones.find((z) => z.properties.id === id);
    if (!zone) return 'The chosen zone is no longer in the plan; choose another area.';
    return { area: { name: zone.properties.name, geojson: zone } };
  }
  const [boundaryId, index] = area.split('::');
  const boundary = useStore.getState().boundaries.find((b) => b.id === boundaryId);
  const feature = boundary?.geojson.features[Number(index)];
  if (!boundary || !feature) return 'The chosen area is no longer loaded; choose another.';
  const label = feature.properties?.[boundary.labelField] as string | number | undefined;
  return {
    area: { name: `${boundary.name} ${label ?? Number(index) + 1}`, geojson: feature },
  };
}

/** Runs every job whose inputs changed since its last run (the visible tab's, and the trend). */
export function refreshTimeNow(): void {
  const { dataset, filter } = useStore.getState();
  const ui = useTimeUi.getState();
  if (!dataset) return;
  if (dataset.id !== shownDatasetId) {
    shownDatasetId = dataset.id;
    stopPlaying();
    trendJob.clear();
    dayHourJob.clear();
    compstatJob.clear();
    if (ui.focus !== 'all') useTimeUi.setState({ focus: 'all' });
    const months = dataset.table.timePrecision === 'month';
    usePlayer.setState({
      startMs: null,
      windowLength: months ? 3 : 28,
      stepLength: months ? 1 : 7,
    });
    if (months && ui.by !== 'month') useTimeUi.setState({ by: 'month' });
  }
  if (ui.collapsed) return;
  const groups = Array.from(dataset.table.categoryGroup).join('');
  const { focus, by } = useTimeUi.getState();
  const trendKey = JSON.stringify([dataset.id, groups, withoutDates(filter), by, focus]);
  if (trendKey !== trendJob.lastKey()) void trendJob.run({ by, focus }, trendKey);
  if (ui.tab === 'dayhour' && !usePlayer.getState().playing) {
    const params = {
      startTimesOnly: ui.startTimesOnly,
      excludeLikelyDefaults: ui.excludeLikelyDefaults,
    };
    const key = JSON.stringify([dataset.id, withoutDaysAndHours(filter), params]);
    if (key !== dayHourJob.lastKey()) void dayHourJob.run(params, key);
  }
  if (ui.tab === 'compstat') {
    const params = compstatParams();
    if (typeof params === 'string') {
      compstatJob.use.setState({ error: params });
      return;
    }
    // The area's geometry is in the key, so editing a zone re-runs the table.
    const key = JSON.stringify([dataset.id, groups, withoutDates(filter), params.area ?? null]);
    if (key !== compstatJob.lastKey()) void compstatJob.run(params, key);
  }
}

/** Changes panel settings; the jobs they feed re-run. */
export function updateTimeUi(patch: Partial<TimeUi>): void {
  useTimeUi.setState(patch);
  scheduleTimeRefresh(50);
}

export function toggleTimeDock(): void {
  updateTimeUi({ collapsed: !useTimeUi.getState().collapsed });
}

// ---------------------------------------------------------------------------------------------
// Choosing on the charts

/** A date range brushed on the series (whole periods). */
export function chooseDates(range: [number, number] | null): void {
  void setFilter({ dateRange: range });
}

/**
 * Days and hours from the table: a cell (day and hour), a row (day: hour null), a column (hour:
 * day null). Choosing what is already the whole choice clears it.
 */
export function chooseDayHour(day: number | null, hour: number | null): void {
  const { weekdays, hours } = useStore.getState().filter;
  const same = (list: number[] | null, v: number | null) =>
    v === null ? list === null : list !== null && list.length === 1 && list[0] === v;
  if (same(weekdays, day) && same(hours, hour)) {
    void setFilter({ weekdays: null, hours: null });
    return;
  }
  void setFilter({
    weekdays: day === null ? null : [day],
    hours: hour === null ? null : [hour],
  });
}

// ---------------------------------------------------------------------------------------------
// Playing the map through time

export interface PlayerState {
  playing: boolean;
  /** Width of the moving window: days, or months for month-only data. */
  windowLength: number;
  /** Step: days, or months for month-only data. */
  stepLength: number;
  /** Steps a second (at most 4: each step refilters and redraws the map). */
  stepsPerSecond: number;
  /** Start of the window on the map (floating ms), null before the first step. */
  startMs: number | null;
}

export const usePlayer = create<PlayerState>(() => ({
  playing: false,
  windowLength: 28,
  stepLength: 7,
  stepsPerSecond: 2,
  startMs: null,
}));

let playTimer: ReturnType<typeof setInterval> | null = null;
let stepInFlight = false;

/** The span the player moves over: the data's first day to the end of its last (month). */
export function playerBounds(): { startMs: number; endMs: number; months: boolean } | null {
  const { result, datasetId } = trendJob.use.getState();
  const dataset = useStore.getState().dataset;
  if (!result || !dataset || datasetId !== dataset.id) return null;
  const { coverageStartMs, lastMs } = result.coverage;
  if (!Number.isFinite(coverageStartMs)) return null;
  const months = dataset.table.timePrecision === 'month';
  const endMs = months ? addMonths(startOfMonth(lastMs), 1) : lastMs + 1;
  return { startMs: coverageStartMs, endMs, months };
}

function advance(startMs: number, by: number, months: boolean): number {
  return months ? addMonths(startMs, by) : startMs + by * MS_PER_DAY;
}

/** Puts the window starting at `startMs` on the map. */
export async function showWindow(startMs: number): Promise<void> {
  const bounds = playerBounds();
  if (!bounds) return;
  const { windowLength } = usePlayer.getState();
  const start = Math.max(bounds.startMs, Math.min(startMs, bounds.endMs - MS_PER_DAY));
  usePlayer.setState({ startMs: start });
  await setFilter({ dateRange: [start, advance(start, windowLength, bounds.months)] });
}

async function step(): Promise<void> {
  if (stepInFlight) return; // the map has not caught up: skip a beat rather than queue
  const bounds = playerBounds();
  const { startMs, stepLength } = usePlayer.getState();
  if (!bounds || startMs === null) {
    stopPlaying();
    return;
  }
  const next = advance(startMs, stepLength, bounds.months);
  if (next >= bounds.endMs) {
    stopPlaying();
    return;
  }
  stepInFlight = true;
  try {
    await showWindow(next);
  } finally {
    stepInFlight = false;
  }
}

export function startPlaying(): void {
  const bounds = playerBounds();
  if (!bounds) return;
  const { startMs, windowLength, stepsPerSecond } = usePlayer.getState();
  // From the start again once the window has reached the end.
  const from =
    startMs === null || advance(startMs, windowLength, bounds.months) >= bounds.endMs
      ? bounds.startMs
      : startMs;
  usePlayer.setState({ playing: true });
  void showWindow(from);
  if (playTimer) clearInterval(playTimer);
  playTimer = setInterval(() => void step(), 1000 / Math.min(4, stepsPerSecond));
}

export function stopPlaying(): void {
  if (playTimer) clearInterval(playTimer);
  playTimer = null;
  if (usePlayer.getState().playing) {
    usePlayer.setState({ playing: false });
    scheduleTimeRefresh();
  }
}

export function togglePlaying(): void {
  if (usePlayer.getState().playing) stopPlaying();
  else startPlaying();
}

export function updatePlayer(patch: Partial<PlayerState>): void {
  usePlayer.setState(patch);
  if (usePlayer.getState().playing) startPlaying();
  else {
    const { startMs } = usePlayer.getState();
    if (startMs !== null && ('windowLength' in patch || 'startMs' in patch))
      void showWindow(startMs);
  }
}

/** Back to all dates. */
export function resetPlayer(): void {
  stopPlaying();
  usePlayer.setState({ startMs: null });
  void setFilter({ dateRange: null });
}

// ---------------------------------------------------------------------------------------------
// Exports

function base(): string {
  const name = useStore.getState().dataset?.name ?? 'data';
  return name.replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '_');
}

const csvBlob = (text: string) => new Blob([text], { type: 'text/csv' });

export function exportSeriesCsv(result: TrendResult): void {
  downloadBlob(csvBlob(seriesToCsv(result)), `${base()}-series-by-${result.by}.csv`);
}

export function exportChangesCsv(result: TrendResult): void {
  downloadBlob(csvBlob(changesToCsv(result)), `${base()}-trends-by-category.csv`);
}

export function exportDayHourCsv(result: DayHourResult): void {
  downloadBlob(csvBlob(dayHourToCsv(result)), `${base()}-day-hour.csv`);
}

export function exportCompstatCsv(result: CompstatJobResult): void {
  downloadBlob(csvBlob(compstatToCsv(result)), `${base()}-compstat.csv`);
}

/** A PNG of a chart with its methods log drawn under it (one file that cannot lose its log). */
export function exportPng(blob: Blob | null, what: string): void {
  if (blob) downloadBlob(blob, `${base()}-${what}.png`);
}
