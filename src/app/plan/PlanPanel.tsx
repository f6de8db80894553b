import { useEffect, useRef } from 'react';
import { PLAN_FILE_EXTENSION } from '../../plan/planFile';
import {
  clearPlan,
  deleteCurrentPlan,
  deleteDamagedPlan,
  dismissPanelMessage,
  downloadDamagedPlan,
  exportPlanFile,
  exportPlanGeoJson,
  importPlanFile,
  newPlan,
  openPlan,
  redo,
  reloadFromStore,
  renamePlan,
  saveAsCopy,
  saveNow,
  startPlanSync,
  undo,
} from './planActions';
import { usePlan } from './planState';
import { PatrolZonesSection } from './PatrolZonesSection';
import { StrategiesSection } from './StrategiesSection';
import { ZonesSection } from './ZonesSection';

// Plans load with each data set and zones show on the map from start-up, whichever panel is open.
startPlanSync();

/** Phase 3, strategise: patrol zones on the map, strategies aimed at what the assessment found. */
export function PlanPanel(): React.JSX.Element {
  useUndoKeys();
  return (
    <div className="panel plan-panel" data-testid="plan-panel">
      <PlanHeader />
      <PanelMessage />
      <ZonesSection />
      <StrategiesSection />
      <PatrolZonesSection />
      <PlanFiles />
    </div>
  );
}

/** Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo plan actions, except while typing in a field. */
function useUndoKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function SaveStatusLine(): React.JSX.Element {
  const save = usePlan((s) => s.save);
  const stored = usePlan((s) => s.stored);
  let text: string;
  if (save.kind === 'saving') text = 'Saving…';
  else if (save.kind === 'saved')
    text = `Saved in this browser · revision ${save.revision} · ${save.at.slice(11, 16)} UTC`;
  else if (save.kind === 'error') text = `Not saved: ${save.message}`;
  else text = stored ? 'Saved in this browser' : 'New plan: saved with its first change';
  return (
    <div
      className={save.kind === 'error' ? 'warning small' : 'muted small'}
      data-testid="plan-save-status"
    >
      {text}
      {save.kind === 'error' && (
        <button className="link" onClick={() => void saveNow()}>
          Try again
        </button>
      )}
    </div>
  );
}

function PlanHeader(): React.JSX.Element {
  const plan = usePlan((s) => s.plan);
  const plans = usePlan((s) => s.plans);
  const past = usePlan((s) => s.past);
  const future = usePlan((s) => s.future);
  const conflict = usePlan((s) => s.conflict);
  const damaged = usePlan((s) => s.damaged);
  if (!plan) return <p className="muted">Load a data set to start a plan.</p>;
  const listed = plans.some((p) => p.id === plan.id)
    ? plans
    : [{ id: plan.id, name: plan.name, updatedAt: '' }, ...plans];
  const lastUndo = past[past.length - 1];
  const lastRedo = future[future.length - 1];
  return (
    <section aria-label="Plan document">
      <h2>Plan</h2>
      <div className="inline-form">
        <select
          aria-label="Open plan"
          data-testid="plan-select"
          value={plan.id}
          onChange={(e) => void openPlan(e.target.value)}
        >
          {listed.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id === plan.id ? plan.name || '(unnamed)' : p.name || '(unnamed)'}
            </option>
          ))}
        </select>
        <button onClick={() => void newPlan()}>New plan</button>
      </div>
      <label className="field">
        <span>Plan name</span>
        <input
          type="text"
          className="wide"
          data-testid="plan-name"
          value={plan.name}
          onChange={(e) => renamePlan(e.target.value)}
        />
      </label>
      <SaveStatusLine />
      <div className="row-buttons plan-history">
        <button
          onClick={undo}
          disabled={!lastUndo}
          title={lastUndo ? `Undo: ${lastUndo.label} (Ctrl+Z)` : 'Nothing to undo'}
          data-testid="plan-undo"
        >
          ↶ Undo{lastUndo ? `: ${shorten(lastUndo.label)}` : ''}
        </button>
        <button
          onClick={redo}
          disabled={!lastRedo}
          title={lastRedo ? `Redo: ${lastRedo.label} (Ctrl+Shift+Z)` : 'Nothing to redo'}
          data-testid="plan-redo"
        >
          ↷ Redo{lastRedo ? `: ${shorten(lastRedo.label)}` : ''}
        </button>
      </div>
      {conflict && (
        <div className="warning" role="alert" data-testid="plan-conflict">
          <p>{conflict.message}</p>
          <p className="small">
            Nothing was overwritten. Take the version saved elsewhere (your latest change here is
            dropped), or keep yours as a separate copy of the plan.
          </p>
          <div className="row-buttons">
            <button onClick={() => void reloadFromStore()}>Reload the saved version</button>
            <button className="primary" onClick={() => void saveAsCopy()}>
              Save mine as a copy
            </button>
          </div>
        </div>
      )}
      {damaged.length > 0 && (
        <div className="warning" data-testid="plan-damaged">
          <strong>
            {damaged.length === 1
              ? 'A stored plan could not be read'
              : `${damaged.length} stored plans could not be read`}
          </strong>
          <p className="small">
            They are kept exactly as stored. Download a copy to repair or send it on.
          </p>
          <ul className="plain-list">
            {damaged.map((d) => (
              <li key={d.id}>
                <strong>{d.name}</strong>
                <div className="small pre-line">{d.error}</div>
                <div className="row-buttons">
                  <button onClick={() => downloadDamagedPlan(d.id)}>Download a copy</button>
                  <button
                    onClick={() => {
                      if (window.confirm(`Delete the damaged plan "${d.name}" for good?`))
                        void deleteDamagedPlan(d.id);
                    }}
                  >
                    Delete it
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The panel's latest message, kept in view (sticky) while the panel scrolls. */
function PanelMessage(): React.JSX.Element | null {
  const message = usePlan((s) => s.panelMessage);
  if (!message) return null;
  return (
    <div
      className={`plan-message plan-message-${message.tone}`}
      role={message.tone === 'error' ? 'alert' : 'status'}
      data-testid="plan-message"
    >
      <span className="pre-line">{message.text}</span>
      <button className="link" aria-label="Dismiss" onClick={dismissPanelMessage}>
        ×
      </button>
    </div>
  );
}

const shorten = (s: string): string => (s.length > 34 ? `${s.slice(0, 33)}…` : s);

function PlanFiles(): React.JSX.Element {
  const plan = usePlan((s) => s.plan);
  const input = useRef<HTMLInputElement>(null);
  return (
    <section aria-label="Plan files">
      <h2>Files</h2>
      <p className="muted small">
        A plan file ({PLAN_FILE_EXTENSION}) holds the whole plan, to hand over or keep. The GeoJSON
        holds the zones with their strategies, for QGIS or ArcGIS.
      </p>
      <div className="row-buttons">
        <button onClick={exportPlanFile} disabled={!plan} data-testid="plan-export">
          Export plan file
        </button>
        <button onClick={exportPlanGeoJson} disabled={!plan || plan.zones.length === 0}>
          Export zones (GeoJSON)
        </button>
        <button onClick={() => input.current?.click()} data-testid="plan-import">
          Import plan file…
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="plan-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importPlanFile(file);
            e.target.value = '';
          }}
        />
      </div>
      <div className="row-buttons">
        <button
          onClick={clearPlan}
          disabled={!plan || (plan.zones.length === 0 && plan.strategies.length === 0)}
          data-testid="plan-clear"
        >
          Clear zones and strategies
        </button>
        <button
          onClick={() => {
            if (
              plan &&
              window.confirm(`Delete the plan "${plan.name}"? Export it first to keep a copy.`)
            )
              void deleteCurrentPlan();
          }}
          disabled={!plan}
        >
          Delete plan
        </button>
      </div>
    </section>
  );
}
