import { useMemo } from 'react';
import { emergingPatternName } from '../../analysis/emergingHotSpots';
import { PATTERN_MEANING, type EmergingResult } from '../../data/jobs/emergingJob';
import { EMERGING_COLOURS } from '../../map/emergingLayer';
import { ZSeriesChart } from '../charts/ZSeriesChart';
import { JobProgress, MethodsLog } from '../common/JobControls';
import { formatCount } from '../format';
import {
  clearEmerging,
  emergingJobStore,
  exportEmerging,
  runEmerging,
  selectEmergingCell,
  updateEmergingForm,
  useEmergingUi,
  type EmergingForm,
} from './emergingActions';

const rgba = (c: number[]) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] ?? 255) / 255})`;

/** Which hot spots are new, intensifying or fading: Emerging Hot Spot Analysis, ArcGIS's patterns. */
export function EmergingSection(): React.JSX.Element {
  const state = emergingJobStore.use();
  const { form, selectedCell } = useEmergingUi();
  const result = state.result;
  const set = (patch: Partial<EmergingForm>) => updateEmergingForm(patch);
  return (
    <section aria-label="Emerging hot spots" data-testid="emerging">
      <h2>Emerging hot spots</h2>
      <p className="muted small">
        Which hot spots are new, growing, steady or fading? Incidents are counted per cell and time
        step, each cell’s hot-spot score (Gi*) is followed over time, and its trend is tested — the
        17 patterns of ArcGIS Pro’s Emerging Hot Spot Analysis.
      </p>
      <div className="form-grid">
        <label htmlFor="eh-cell">Cell size (m)</label>
        <input
          id="eh-cell"
          type="number"
          min={10}
          placeholder="auto"
          value={form.cellSizeMetres}
          onChange={(e) => set({ cellSizeMetres: e.target.value })}
        />
        <label htmlFor="eh-step">Time step</label>
        <select
          id="eh-step"
          value={form.step}
          onChange={(e) => set({ step: e.target.value as EmergingForm['step'] })}
        >
          <option value="auto">from the data’s span</option>
          <option value="month">month</option>
          <option value="week">week</option>
          <option value="days">N days</option>
        </select>
        {form.step === 'days' && (
          <>
            <label htmlFor="eh-days">Days a step</label>
            <input
              id="eh-days"
              type="number"
              min={1}
              value={form.stepDays}
              onChange={(e) => set({ stepDays: e.target.value })}
            />
          </>
        )}
      </div>
      <details>
        <summary>Options</summary>
        <div className="form-grid">
          <label htmlFor="eh-band">Neighbourhood (m)</label>
          <input
            id="eh-band"
            type="number"
            min={10}
            placeholder="auto"
            value={form.bandMetres}
            onChange={(e) => set({ bandMetres: e.target.value })}
          />
          <label htmlFor="eh-k">Earlier steps</label>
          <input
            id="eh-k"
            type="number"
            min={0}
            value={form.timeStepNeighbours}
            onChange={(e) => set({ timeStepNeighbours: e.target.value })}
          />
          <label htmlFor="eh-window">Mean and variance</label>
          <select
            id="eh-window"
            value={form.window}
            onChange={(e) => set({ window: e.target.value as EmergingForm['window'] })}
          >
            <option value="cube">whole cube (ArcGIS)</option>
            <option value="slice">each time step (R sfdep)</option>
          </select>
          <label htmlFor="eh-conf">Confidence</label>
          <select
            id="eh-conf"
            value={form.confidence}
            onChange={(e) => set({ confidence: e.target.value as EmergingForm['confidence'] })}
          >
            <option value="90">90% (Esri’s default)</option>
            <option value="95">95%</option>
            <option value="99">99%</option>
          </select>
          <label htmlFor="eh-fdr">FDR</label>
          <label>
            <input
              id="eh-fdr"
              type="checkbox"
              checked={form.fdr}
              onChange={(e) => set({ fdr: e.target.checked })}
            />{' '}
            correct for testing many bins
          </label>
        </div>
      </details>
      <div className="row-buttons">
        <button
          className="primary"
          onClick={() => void runEmerging()}
          disabled={state.running !== null}
        >
          Find emerging hot spots
        </button>
      </div>
      <JobProgress state={state} onCancel={emergingJobStore.cancel} />
      {result && (
        <>
          <div className="summary" data-testid="emerging-summary">
            {result.summary.map((line) => (
              <p key={line}>{line}</p>
            ))}
            <p className="muted small">
              Cells {formatCount(result.cellSizeMetres)} m · neighbours within{' '}
              {formatCount(result.bandMetres)} m · {result.stepCount} steps of one{' '}
              {result.stepLabel} · {result.confidence}% confidence
            </p>
          </div>
          {selectedCell !== null && selectedCell < result.cellCount && (
            <EmergingCellInfo result={result} cell={selectedCell} />
          )}
          <div className="row-buttons">
            <button onClick={() => exportEmerging('geojson', result)}>Export GeoJSON</button>
            <button onClick={() => exportEmerging('csv', result)}>Export CSV</button>
            <button onClick={clearEmerging}>Clear</button>
          </div>
          <MethodsLog log={result.log} />
        </>
      )}
    </section>
  );
}

function EmergingCellInfo({
  result,
  cell,
}: {
  result: EmergingResult;
  cell: number;
}): React.JSX.Element {
  const T = result.stepCount;
  const code = result.pattern[cell];
  const level = result.confidence === 90 ? 1 : result.confidence === 95 ? 2 : 3;
  const p = result.trendP[cell];
  const series = useMemo(
    () => ({
      starts: result.stepEdgesMs.subarray(0, T),
      z: result.z.subarray(cell * T, (cell + 1) * T),
      bins: result.bins.subarray(cell * T, (cell + 1) * T),
      counts: result.counts.subarray(cell * T, (cell + 1) * T),
    }),
    [result, cell, T],
  );
  return (
    <div className="cell-info" data-testid="emerging-cell-info">
      <header className="row-buttons">
        <strong>
          <span className="swatch" style={{ background: rgba(EMERGING_COLOURS[code]) }} />{' '}
          {emergingPatternName(code)}
        </strong>
        <button className="link" onClick={() => selectEmergingCell(null)}>
          close
        </button>
      </header>
      <div>
        Cell {result.cellIds[cell]} · {formatCount(result.totals[cell])} incidents ·{' '}
        {PATTERN_MEANING[code]}
      </div>
      <div className="muted small">
        Trend of the z-scores (Mann-Kendall): τ = {result.trendTau[cell].toFixed(2)}, p ={' '}
        {p < 0.0001 ? '< 0.0001' : p.toPrecision(2)}
      </div>
      <ZSeriesChart
        stepStartsMs={series.starts}
        z={series.z}
        bins={series.bins}
        counts={series.counts}
        level={level}
      />
      <div className="muted small">
        Line: Gi* z-score each {result.stepLabel}; red dots hot, blue dots cold at{' '}
        {result.confidence}%; grey bars: incidents in the cell.
      </div>
    </div>
  );
}
