/** Commands of the emerging hot spot analysis: run, cancel, pick a cell, export, clear. */
import { create } from 'zustand';
import type { EmergingConfidence, TimeStep } from '../../analysis/emergingHotSpots';
import { emergingColumns } from '../../data/exports/emergingExport';
import type { EmergingParams, EmergingResult } from '../../data/jobs/emergingJob';
import { createEmergingLayers, emergingColours, emergingLegend } from '../../map/emergingLayer';
import { downloadCells, setOverlay, showPanel } from '../actions';
import { createJobStore } from '../jobStore';

export const emergingJobStore = createJobStore('emerging');

export interface EmergingForm {
  /** Empty: chosen from the data. */
  cellSizeMetres: string;
  bandMetres: string;
  /** 'auto' chooses from the data's span. */
  step: 'auto' | 'month' | 'week' | 'days';
  stepDays: string;
  window: 'cube' | 'slice';
  confidence: '90' | '95' | '99';
  fdr: boolean;
  timeStepNeighbours: string;
}

export const useEmergingUi = create<{ form: EmergingForm; selectedCell: number | null }>(() => ({
  form: {
    cellSizeMetres: '',
    bandMetres: '',
    step: 'auto',
    stepDays: '14',
    window: 'cube',
    confidence: '90',
    fdr: true,
    timeStepNeighbours: '1',
  },
  selectedCell: null,
}));

export function updateEmergingForm(patch: Partial<EmergingForm>): void {
  useEmergingUi.setState((s) => ({ form: { ...s.form, ...patch } }));
}

const positive = (text: string): number | undefined => {
  const v = Number(text);
  return text.trim() !== '' && Number.isFinite(v) && v > 0 ? v : undefined;
};

export function emergingParamsFromForm(form: EmergingForm): EmergingParams | string {
  let step: TimeStep | undefined;
  if (form.step === 'month') step = { unit: 'month', count: 1 };
  else if (form.step === 'week') step = { unit: 'week', count: 1 };
  else if (form.step === 'days') {
    const days = Number(form.stepDays);
    if (!Number.isInteger(days) || days < 1)
      return 'A step of N days needs a whole number of days, 1 or more.';
    step = { unit: 'day', count: days };
  }
  const k = Number(form.timeStepNeighbours);
  if (!Number.isInteger(k) || k < 0)
    return 'Earlier steps in the neighbourhood must be a whole number, 0 or more.';
  if (form.cellSizeMetres.trim() !== '' && positive(form.cellSizeMetres) === undefined)
    return 'The cell size must be a positive number of metres, or empty to choose it from the data.';
  if (form.bandMetres.trim() !== '' && positive(form.bandMetres) === undefined)
    return 'The neighbourhood distance must be a positive number of metres, or empty to choose it from the data.';
  return {
    cellSizeMetres: positive(form.cellSizeMetres),
    bandMetres: positive(form.bandMetres),
    step,
    window: form.window,
    confidence: Number(form.confidence) as EmergingConfidence,
    fdr: form.fdr,
    timeStepNeighbours: k,
  };
}

export async function runEmerging(): Promise<void> {
  const params = emergingParamsFromForm(useEmergingUi.getState().form);
  if (typeof params === 'string') {
    emergingJobStore.use.setState({ error: params });
    return;
  }
  useEmergingUi.setState({ selectedCell: null });
  const result = await emergingJobStore.run(params);
  if (result) refreshEmergingOverlay();
}

export function selectEmergingCell(cell: number | null): void {
  useEmergingUi.setState({ selectedCell: cell });
  if (cell !== null) showPanel('assess');
  refreshEmergingOverlay();
}

export function clearEmerging(): void {
  emergingJobStore.clear();
  useEmergingUi.setState({ selectedCell: null });
  setOverlay('emerging', null);
}

export function refreshEmergingOverlay(): void {
  const result = emergingJobStore.use.getState().result;
  if (!result) {
    setOverlay('emerging', null);
    return;
  }
  const selected = useEmergingUi.getState().selectedCell;
  setOverlay('emerging', {
    layers: createEmergingLayers(result, emergingColours(result), selectEmergingCell, selected),
    legend: {
      title: `Emerging hot spots (${result.confidence}%, ${result.stepCount} × ${result.stepLabel})`,
      items: emergingLegend(result).map((l) => ({ ...l, shape: 'square' as const })),
      note: 'Outlined: places that only now turned hot or cold (New, Consecutive). Click a cell for its z-scores over time.',
    },
    order: 11,
  });
}

export function exportEmerging(format: 'geojson' | 'csv', result: EmergingResult): void {
  const base = `emerging-hot-spots-${result.cellSizeMetres}m-${result.stepLabel.replace(/ /g, '')}`;
  downloadCells(format, result.geometry, emergingColumns(result), result.log, base);
}
