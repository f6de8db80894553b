import { useMemo, useState } from 'react';
import { JobProgress, MethodsLog } from '../common/JobControls';
import { formatCount } from '../format';
import { CoverageChart } from './CoverageChart';
import {
  acceptSuggestedZones,
  acceptedSuggestionRanks,
  clearSuggestions,
  currentHotspots,
  patrolZonesStore,
  suggestPatrolZones,
} from './planActions';
import { usePlan } from './planState';

/** "Suggest patrol zones": K walkable circles by greedy maximal covering, with the coverage curves. */
export function PatrolZonesSection(): React.JSX.Element {
  const state = patrolZonesStore.use();
  // Re-read when the plan changes (an accepted zone), so the accepted marks update.
  usePlan((s) => s.plan?.zones.length);
  const [form, setForm] = useState({
    zoneCount: '5',
    sizeKind: 'radius' as 'radius' | 'area',
    size: '250',
    candidates: 'incidents' as 'incidents' | 'hot-cells',
  });
  const result = state.result;
  const accepted = acceptedSuggestionRanks();
  const byK = useMemo(
    () =>
      result
        ? { xs: result.curve.map((c) => c.zones), ys: result.curve.map((c) => c.share) }
        : null,
    [result],
  );
  const bySize = useMemo(
    () =>
      result
        ? { xs: result.bySize.map((b) => b.totalAreaKm2), ys: result.bySize.map((b) => b.share) }
        : null,
    [result],
  );
  const hot = currentHotspots();
  const run = () =>
    void suggestPatrolZones({
      zoneCount: Math.round(Number(form.zoneCount)),
      sizeKind: form.sizeKind,
      size: Number(form.size),
      candidates: form.candidates,
    });
  return (
    <section aria-label="Suggest patrol zones" data-testid="patrol-zones">
      <details>
        <summary>
          <strong>Suggest patrol zones</strong>
        </summary>
        <p className="muted small">
          Places K walkable circles where they cover the most incidents under the current filters
          (greedy maximal covering: at least 63% of the best possible). The curves show what one
          more zone, or a bigger one, adds.
        </p>
        <div className="form-grid">
          <label htmlFor="pz-k">Zones (K)</label>
          <input
            id="pz-k"
            type="number"
            min={1}
            max={50}
            value={form.zoneCount}
            onChange={(e) => setForm({ ...form, zoneCount: e.target.value })}
          />
          <label htmlFor="pz-kind">Zone size by</label>
          <select
            id="pz-kind"
            value={form.sizeKind}
            onChange={(e) => {
              const sizeKind = e.target.value as 'radius' | 'area';
              setForm({ ...form, sizeKind, size: sizeKind === 'radius' ? '250' : '200000' });
            }}
          >
            <option value="radius">radius (m)</option>
            <option value="area">area (m²)</option>
          </select>
          <label htmlFor="pz-size">{form.sizeKind === 'radius' ? 'Radius (m)' : 'Area (m²)'}</label>
          <input
            id="pz-size"
            type="number"
            min={form.sizeKind === 'radius' ? 10 : 1000}
            value={form.size}
            onChange={(e) => setForm({ ...form, size: e.target.value })}
          />
          <label htmlFor="pz-cand">Centres from</label>
          <select
            id="pz-cand"
            value={form.candidates}
            onChange={(e) =>
              setForm({ ...form, candidates: e.target.value as 'incidents' | 'hot-cells' })
            }
          >
            <option value="incidents">where incidents are</option>
            <option value="hot-cells" disabled={!hot}>
              hot-spot cells (95%+){hot ? '' : ' — run Find hot spots first'}
            </option>
          </select>
        </div>
        <div className="row-buttons">
          <button
            className="primary"
            onClick={run}
            disabled={state.running !== null}
            data-testid="pz-run"
          >
            Suggest patrol zones
          </button>
          {result && <button onClick={clearSuggestions}>Clear suggestions</button>}
        </div>
        <JobProgress state={state} onCancel={patrolZonesStore.cancel} />
        {result && byK && bySize && (
          <>
            <div className="summary" data-testid="pz-summary">
              {result.summary.map((s) => (
                <p key={s}>{s}</p>
              ))}
            </div>
            <table className="compact small" data-testid="pz-table">
              <thead>
                <tr>
                  <th>#</th>
                  <th className="num">adds</th>
                  <th className="num">covered</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {result.chosen.map((c) => (
                  <tr key={c.rank}>
                    <td>{c.rank}</td>
                    <td className="num">{formatCount(c.gain)}</td>
                    <td className="num">{(100 * c.share).toFixed(1)}%</td>
                    <td>
                      {accepted.includes(c.rank) ? (
                        <span className="muted">in the plan</span>
                      ) : (
                        <button className="link" onClick={() => acceptSuggestedZones([c.rank])}>
                          Accept
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button
              onClick={() => acceptSuggestedZones(result.chosen.map((c) => c.rank))}
              disabled={result.chosen.every((c) => accepted.includes(c.rank))}
              data-testid="pz-accept-all"
            >
              Accept all as zones
            </button>
            <h3>Incidents covered against the number of zones</h3>
            <CoverageChart xs={byK.xs} ys={byK.ys} xLabel="zones (K)" testId="pz-chart-k" />
            <h3>…and against their total area ({result.chosen.length} zones, radius 100 m–1 km)</h3>
            <CoverageChart
              xs={bySize.xs}
              ys={bySize.ys}
              xLabel="total area of the zones (km²)"
              highlightX={(result.chosen.length * Math.PI * result.radiusMetres ** 2) / 1e6}
              testId="pz-chart-area"
            />
            <MethodsLog log={result.log} />
          </>
        )}
      </details>
    </section>
  );
}
