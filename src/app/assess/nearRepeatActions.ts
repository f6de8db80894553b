/** Commands of the near-repeat analysis: run the Knox test, draw alert zones, export, clear. */
import { create } from 'zustand';
import type { KnoxDistanceMetric } from '../../analysis/knoxTest';
import { alertZonesGeoJson, knoxTableCsv } from '../../data/exports/nearRepeatExport';
import type { AlertsResult } from '../../data/jobs/alertsJob';
import type { KnoxJobResult, KnoxParams } from '../../data/jobs/knoxJob';
import { createAlertLayers, ZONE_LEGEND } from '../../map/nearRepeatLayer';
import { downloadBlob, setOverlay } from '../actions';
import { createJobStore } from '../jobStore';

export const knoxJobStore = createJobStore('knox');
export const alertsJobStore = createJobStore('alerts');

export interface KnoxForm {
  spaceBandMetres: string;
  spaceBandCount: string;
  timeBandDays: string;
  timeBandCount: string;
  metric: KnoxDistanceMetric;
  permutations: string;
  seed: string;
  /** Empty: the risk period. */
  lookbackDays: string;
}

export const useKnoxUi = create<{ form: KnoxForm }>(() => ({
  form: {
    spaceBandMetres: '100',
    spaceBandCount: '4',
    timeBandDays: '7',
    timeBandCount: '4',
    metric: 'manhattan',
    permutations: '999',
    seed: '1',
    lookbackDays: '',
  },
}));

export function updateKnoxForm(patch: Partial<KnoxForm>): void {
  useKnoxUi.setState((s) => ({ form: { ...s.form, ...patch } }));
}

export function knoxParamsFromForm(form: KnoxForm): KnoxParams | string {
  const space = Number(form.spaceBandMetres);
  if (!(space > 0)) return 'The space band must be a positive number of metres.';
  const whole = (text: string, min: number) => {
    const v = Number(text);
    return Number.isInteger(v) && v >= min ? v : null;
  };
  const spaceBandCount = whole(form.spaceBandCount, 1);
  const timeBandDays = whole(form.timeBandDays, 1);
  const timeBandCount = whole(form.timeBandCount, 1);
  const permutations = whole(form.permutations, 0);
  const seed = whole(form.seed, 0);
  if (spaceBandCount === null || timeBandCount === null)
    return 'The numbers of space and time bands must be whole numbers, 1 or more.';
  if (timeBandDays === null) return 'The time band must be a whole number of days, 1 or more.';
  if (permutations === null) return 'Permutations must be a whole number, 0 or more.';
  if (seed === null) return 'The seed must be a whole number.';
  return {
    spaceBandMetres: space,
    spaceBandCount,
    timeBandDays,
    timeBandCount,
    metric: form.metric,
    permutations,
    seed,
  };
}

export async function runKnox(): Promise<void> {
  const params = knoxParamsFromForm(useKnoxUi.getState().form);
  if (typeof params === 'string') {
    knoxJobStore.use.setState({ error: params });
    return;
  }
  clearAlertZones();
  await knoxJobStore.run(params);
}

/** Runs the alert job on the current filter with the last Knox result's bands. */
export async function showAlertZones(): Promise<void> {
  const knox = knoxJobStore.use.getState().result;
  if (!knox) return;
  const lookback = Number(useKnoxUi.getState().form.lookbackDays);
  const result = await alertsJobStore.run({
    knox: {
      significantCells: knox.significantCells,
      spaceEdgesMetres: knox.spaceEdgesMetres,
      timeEdgesDays: knox.timeEdgesDays,
      sameLocationMetres: knox.sameLocationMetres,
      metric: knox.metric,
    },
    lookbackDays: lookback > 0 ? lookback : undefined,
  });
  if (result) refreshAlertOverlay(result);
}

function refreshAlertOverlay(result: AlertsResult): void {
  setOverlay('near-repeat-zones', {
    layers: createAlertLayers(result),
    legend: {
      title: `Near-repeat alert zones (${result.radiusMetres.toLocaleString('en-US')} m, ${result.riskDays} days)`,
      items: ZONE_LEGEND.map((l) => ({ ...l, shape: 'circle' as const })),
      note: result.description,
    },
    order: 20,
  });
}

export function clearAlertZones(): void {
  alertsJobStore.clear();
  setOverlay('near-repeat-zones', null);
}

export function clearKnox(): void {
  knoxJobStore.clear();
  clearAlertZones();
}

export function exportKnoxTable(result: KnoxJobResult): void {
  downloadBlob(
    new Blob([knoxTableCsv(result)], { type: 'text/csv' }),
    'knox-near-repeat-table.csv',
  );
}

export function exportAlertZones(result: AlertsResult): void {
  downloadBlob(
    new Blob([JSON.stringify(alertZonesGeoJson(result))], { type: 'application/geo+json' }),
    'near-repeat-alert-zones.geojson',
  );
}
