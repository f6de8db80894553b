import { useMemo } from 'react';
import type { PredictResult } from '../../data/jobs/predictJob';
import { HitRateChart } from '../charts/HitRateChart';
import { JobProgress, MethodsLog } from '../common/JobControls';
import { formatCount } from '../format';
import { useStore } from '../store';
import {
  clearPredict,
  defaultPeriodTexts,
  exportPredict,
  predictJobStore,
  runPredict,
  updatePredictForm,
  usePredictUi,
  type PredictForm,
} from './predictActions';

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '—');

/** Column headings short enough for the sidebar; the full name is the heading's tooltip. */
const SHORT: Record<string, string> = {
  kde: 'KDE',
  gistar: 'Gi*',
  previous: 'Last period',
  ehsa: 'EHSA',
};

/** Which way of drawing hot spots would have predicted the next period best, on this data. */
export function PredictSection(): React.JSX.Element {
  const state = predictJobStore.use();
  const { form } = usePredictUi();
  const dataset = useStore((s) => s.dataset);
  // Placeholders show the default periods for the data set on screen.
  const defaults = useMemo(() => (dataset ? defaultPeriodTexts() : null), [dataset]);
  const result = state.result;
  const set = (patch: Partial<PredictForm>) => updatePredictForm(patch);
  const dateInput = (key: keyof PredictForm, label: string) => (
    <>
      <label htmlFor={`pr-${key}`}>{label}</label>
      <input
        id={`pr-${key}`}
        type="date"
        value={form[key]}
        placeholder={defaults?.[key]}
        title={defaults ? `Empty: ${defaults[key]}` : undefined}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </>
  );
  return (
    <section aria-label="Which method predicts best" data-testid="predict">
      <h2>Which method predicts best</h2>
      <p className="muted small">
        Draw hot spots from one period four ways and see which would have caught most of the next
        period’s incidents in the least area: the hit rate, the Predictive Accuracy Index (PAI) and
        the Predictive Efficiency Index (PEI, 1 = as good as possible).
        {defaults &&
          ` Empty dates: train ${defaults.trainStart} to ${defaults.trainEnd}, test ${defaults.testStart} to ${defaults.testEnd}.`}
      </p>
      <div className="form-grid">
        {dateInput('trainStart', 'Train from')}
        {dateInput('trainEnd', 'Train to')}
        {dateInput('testStart', 'Test from')}
        {dateInput('testEnd', 'Test to')}
        <label htmlFor="pr-cell">Cell size (m)</label>
        <input
          id="pr-cell"
          type="number"
          min={10}
          placeholder="150"
          value={form.cellSizeMetres}
          onChange={(e) => set({ cellSizeMetres: e.target.value })}
        />
      </div>
      <div className="row-buttons">
        <button
          className="primary"
          onClick={() => void runPredict()}
          disabled={state.running !== null}
        >
          Compare methods
        </button>
      </div>
      <JobProgress state={state} onCancel={predictJobStore.cancel} />
      {result && <PredictResultView result={result} />}
    </section>
  );
}

function PredictResultView({ result }: { result: PredictResult }): React.JSX.Element {
  const curves = useMemo(
    () =>
      result.methods
        .filter((m) => m.available)
        .map((m) => ({ label: m.label, values: m.curveSampled })),
    [result],
  );
  return (
    <>
      <p className="muted small">
        Trained on {result.train[0]} to {result.train[1]} ({formatCount(result.trainIncidents)}{' '}
        incidents), tested on {result.test[0]} to {result.test[1]} (
        {formatCount(result.testIncidents)}); cells of {formatCount(result.cellSizeMetres)} m.
      </p>
      <table className="compact predict-table" data-testid="predict-table">
        <thead>
          <tr>
            <th scope="col">area</th>
            {result.methods.map((m) => (
              <th
                key={m.id}
                scope="col"
                title={`${m.label}: ${m.available ? m.description : (m.reason ?? '')}`}
              >
                {SHORT[m.id] ?? m.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.areaShares.map((share, k) => {
            const best = Math.max(
              ...result.methods.map((m) =>
                Number.isFinite(m.atShares[k].pai) ? m.atShares[k].pai : -1,
              ),
            );
            return (
              <tr key={share}>
                <th scope="row">{pct(share)}</th>
                {result.methods.map((m) => {
                  const s = m.atShares[k];
                  return (
                    <td key={m.id} className={s.pai === best ? 'best' : undefined}>
                      {m.available ? (
                        <>
                          <strong>{s.pai.toFixed(1)}</strong>
                          <div className="small muted">{pct(s.hitRate)}</div>
                          <div className="small muted">{s.pei.toFixed(2)}</div>
                        </>
                      ) : (
                        <span className="muted">n/a</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">
        Each cell: PAI in bold (hit rate ÷ share of area; 1 = no better than chance), then the hit
        rate and the PEI. Framed: the best PAI at that share of the area. KDE: kernel density; Gi*:
        hot spot z-scores; Last period: the training period’s busiest cells; EHSA: emerging hot spot
        patterns.
      </p>
      <HitRateChart grid={result.curveGrid} curves={curves} best={result.bestCurveSampled} />
      <div className="summary" data-testid="predict-summary">
        {result.summary.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      <div className="row-buttons">
        <button onClick={() => exportPredict('table', result)}>Export table (CSV)</button>
        <button onClick={() => exportPredict('geojson', result)}>Export cells (GeoJSON)</button>
        <button onClick={() => exportPredict('csv', result)}>Export cells (CSV)</button>
        <button onClick={clearPredict}>Clear</button>
      </div>
      <MethodsLog log={result.log} />
    </>
  );
}
