import type { KnoxJobResult } from '../../data/jobs/knoxJob';
import { JobProgress, MethodsLog } from '../common/JobControls';
import { formatCount } from '../format';
import { useStore } from '../store';
import {
  alertsJobStore,
  clearAlertZones,
  clearKnox,
  exportAlertZones,
  exportKnoxTable,
  knoxJobStore,
  runKnox,
  showAlertZones,
  updateKnoxForm,
  useKnoxUi,
  type KnoxForm,
} from './nearRepeatActions';

/** Significance class of a Knox cell: 3 p ≤ 0.001, 2 p ≤ 0.01, 1 p ≤ alpha (ratio > 1), else 0. */
function significance(r: KnoxJobResult, s: number, t: number): number {
  const p = r.p[s][t];
  if (!(r.ratio[s][t] > 1) || !(p <= r.alpha)) return 0;
  return p <= 0.001 ? 3 : p <= 0.01 ? 2 : 1;
}

const SIGNIFICANCE_LABELS = ['not significant', `p ≤ α`, 'p ≤ 0.01', 'p ≤ 0.001'];

/** Does one incident bring another nearby soon after? The Knox test, NRC-style, and alert zones. */
export function NearRepeatSection(): React.JSX.Element {
  const state = knoxJobStore.use();
  const alerts = alertsJobStore.use();
  const { form } = useKnoxUi();
  const filter = useStore((s) => s.filter);
  const result = state.result;
  const set = (patch: Partial<KnoxForm>) => updateKnoxForm(patch);
  const oneOffence = filter.categories !== null && filter.categories.length <= 3;
  return (
    <section aria-label="Near repeats" data-testid="near-repeats">
      <h2>Near repeats</h2>
      <p className="muted small">
        After an incident, are places nearby hit more often in the following days than chance
        explains? The Knox test as the Near Repeat Calculator runs it: pairs of incidents by
        distance and days apart, against {formatCount(Number(form.permutations) || 0)} shuffles of
        the dates.
      </p>
      {!oneOffence && (
        <p className="muted small" data-testid="knox-filter-hint">
          Near repeats are studied one offence at a time (burglary, car crime…): choose it under
          Filters first.
        </p>
      )}
      <div className="form-grid">
        <label htmlFor="nr-space">Distance band (m)</label>
        <input
          id="nr-space"
          type="number"
          min={1}
          value={form.spaceBandMetres}
          onChange={(e) => set({ spaceBandMetres: e.target.value })}
        />
        <label htmlFor="nr-spaces">Distance bands</label>
        <input
          id="nr-spaces"
          type="number"
          min={1}
          value={form.spaceBandCount}
          onChange={(e) => set({ spaceBandCount: e.target.value })}
        />
        <label htmlFor="nr-time">Time band (days)</label>
        <input
          id="nr-time"
          type="number"
          min={1}
          value={form.timeBandDays}
          onChange={(e) => set({ timeBandDays: e.target.value })}
        />
        <label htmlFor="nr-times">Time bands</label>
        <input
          id="nr-times"
          type="number"
          min={1}
          value={form.timeBandCount}
          onChange={(e) => set({ timeBandCount: e.target.value })}
        />
      </div>
      <details>
        <summary>Options</summary>
        <div className="form-grid">
          <label htmlFor="nr-metric">Distance</label>
          <select
            id="nr-metric"
            value={form.metric}
            onChange={(e) => set({ metric: e.target.value as KnoxForm['metric'] })}
          >
            <option value="manhattan">Manhattan (city blocks)</option>
            <option value="euclidean">Euclidean (straight line)</option>
          </select>
          <label htmlFor="nr-perm">Permutations</label>
          <input
            id="nr-perm"
            type="number"
            min={0}
            value={form.permutations}
            onChange={(e) => set({ permutations: e.target.value })}
          />
          <label htmlFor="nr-seed">Seed</label>
          <input
            id="nr-seed"
            type="number"
            min={0}
            value={form.seed}
            onChange={(e) => set({ seed: e.target.value })}
          />
        </div>
      </details>
      <div className="row-buttons">
        <button
          className="primary"
          onClick={() => void runKnox()}
          disabled={state.running !== null}
        >
          Test for near repeats
        </button>
      </div>
      <JobProgress state={state} onCancel={knoxJobStore.cancel} />
      {result && (
        <>
          <KnoxTable result={result} />
          <div className="summary" data-testid="knox-summary">
            {result.summary.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
          <div className="form-grid">
            <label htmlFor="nr-lookback">Incidents of the last (days)</label>
            <input
              id="nr-lookback"
              type="number"
              min={1}
              placeholder="risk period"
              value={form.lookbackDays}
              onChange={(e) => set({ lookbackDays: e.target.value })}
            />
          </div>
          <div className="row-buttons">
            <button
              onClick={() => void showAlertZones()}
              disabled={alerts.running !== null || result.significantCells.length === 0}
              title={
                result.significantCells.length === 0
                  ? 'No significant near-repeat pattern, so there are no zones to draw.'
                  : undefined
              }
            >
              Draw alert zones
            </button>
            {alerts.result && <button onClick={clearAlertZones}>Hide zones</button>}
            {alerts.result && (
              <button onClick={() => exportAlertZones(alerts.result!)}>Export zones</button>
            )}
          </div>
          <JobProgress state={alerts} onCancel={alertsJobStore.cancel} />
          {alerts.result && (
            <div className="summary" data-testid="alert-summary">
              {alerts.result.summary.map((line) => (
                <p key={line}>{line}</p>
              ))}
            </div>
          )}
          <div className="row-buttons">
            <button onClick={() => exportKnoxTable(result)}>Export table (CSV)</button>
            <button onClick={clearKnox}>Clear</button>
          </div>
          <MethodsLog log={result.log} />
        </>
      )}
    </section>
  );
}

function KnoxTable({ result }: { result: KnoxJobResult }): React.JSX.Element {
  return (
    <div className="knox-wrap">
      <table className="compact knox-table" data-testid="knox-table">
        <caption className="muted small">
          Pairs of incidents by distance (rows) and days apart (columns), with the Knox ratio
          (observed ÷ expected) below. {formatCount(result.incidents)} incidents, {result.firstDate}{' '}
          to {result.lastDate}.
        </caption>
        <thead>
          <tr>
            <th scope="col">distance</th>
            {result.timeBands.map((t) => (
              <th key={t} scope="col">
                {t}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.spaceBands.map((space, s) => (
            <tr key={space}>
              <th scope="row">{space}</th>
              {result.timeBands.map((time, t) => {
                // The "more than" row and column are context, not near repeats: left uncoloured,
                // as the summary leaves them out.
                const outer =
                  s === result.spaceBands.length - 1 || t === result.timeBands.length - 1;
                const level = outer ? 0 : significance(result, s, t);
                const ratio = result.ratio[s][t];
                return (
                  <td
                    key={time}
                    className={outer ? 'knox-outer' : `knox-sig-${level}`}
                    title={`${space}, ${time}: ${formatCount(result.observed[s][t])} pairs, expected ${Number.isFinite(result.expected[s][t]) ? result.expected[s][t].toFixed(1) : '—'}, p = ${Number.isFinite(result.p[s][t]) ? result.p[s][t].toPrecision(2) : '—'}`}
                  >
                    <div className="num">{formatCount(result.observed[s][t])}</div>
                    <div className="small">{Number.isFinite(ratio) ? ratio.toFixed(2) : '—'}</div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="knox-key small" data-testid="knox-key">
        {[3, 2, 1, 0].map((level) => (
          <span key={level}>
            <span className={`swatch knox-sig-${level}`} />{' '}
            {SIGNIFICANCE_LABELS[level].replace('α', String(result.alpha))}
          </span>
        ))}
        <span className="muted">
          {' '}
          (more pairs than expected; the last row and column, far apart in space or time, are left
          uncoloured)
        </span>
      </div>
    </div>
  );
}
