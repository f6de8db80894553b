import { useMemo, useState } from 'react';
import { create } from 'zustand';
import { formatDailyWindow, formatDays } from '../../analysis/patrolHours';
import { strategyName } from '../../plan/planFile';
import {
  COMPARED_WITH,
  METRIC_KINDS,
  STRATEGY_STATUSES,
  type Metric,
  type MetricKind,
  type Plan,
  type Strategy,
  type StrategyScope,
} from '../../plan/planSchema';
import {
  STRATEGY_CATALOGUE,
  catalogueEntry,
  type CatalogueEntry,
} from '../../plan/strategyCatalogue';
import { formatCount, WEEKDAY_NAMES } from '../format';
import { useStore } from '../store';
import {
  computeBaseline,
  dataDates,
  deleteStrategy,
  editStrategy,
  figuresOf,
  newStrategyId,
  saveStrategy,
  zoneJobStore,
} from './planActions';
import { goalFromMetric, scheduleShift, strategyDosage } from './planDerived';
import { usePlan } from './planState';
import { addDays, comparisonPeriod } from '../../plan/metricPeriods';

/** The strategy being edited (a copy, saved into the plan only by "Save strategy"). */
const useDraft = create<{ draft: Strategy | null; why: string }>(() => ({ draft: null, why: '' }));

const METRIC_WORDS: Record<MetricKind, string> = {
  'incident-count': 'Incident count in the zones',
  'use-of-force': 'Use of force',
  complaints: 'Complaints',
  injuries: 'Injuries (officers and public)',
  'survey-trust': 'Survey: trust in police',
  custom: 'Other (describe it)',
};

const COMPARED_LABELS: Record<Metric['target']['comparedWith'], string> = {
  'same-period-last-year': 'the same period a year earlier',
  'previous-period': 'the period just before',
  baseline: 'a baseline period you choose',
};

const todayIso = (): string => new Date().toISOString().slice(0, 10);

function defaultMetric(kind: MetricKind, categories: string[], zoneNames: string[]): Metric {
  const where = zoneNames.length > 0 ? ` in ${zoneNames.map((n) => `'${n}'`).join(', ')}` : '';
  const what =
    categories.length > 0 ? categories.map((c) => c.toLowerCase()).join(', ') : 'incidents';
  const description: Record<MetricKind, string> = {
    'incident-count': `${what[0].toUpperCase()}${what.slice(1)}${where}`,
    'use-of-force': 'Use-of-force incidents by the officers involved',
    complaints: 'Complaints against the officers involved',
    injuries: 'Injuries to officers and the public in encounters',
    'survey-trust': 'Residents who trust the police (survey)',
    custom: '',
  };
  return {
    kind,
    description: description[kind],
    target: {
      changePercent: kind === 'survey-trust' ? 10 : -20,
      comparedWith: 'same-period-last-year',
    },
  };
}

/** Opens the editor on a new strategy from the catalogue, for a zone (or the agency). */
export function startStrategyDraft(
  catalogueId: string,
  options: { zoneId?: string | null; scope?: StrategyScope; why?: string } = {},
): void {
  const plan = usePlan.getState().plan;
  const entry = catalogueEntry(catalogueId);
  if (!plan || !entry) return;
  const scope = options.scope ?? entry.scopes[0];
  const zone = plan.zones.find((z) => z.properties.id === options.zoneId) ?? null;
  const zoneIds = scope === 'zones' && zone ? [zone.properties.id] : [];
  const figures = zone ? figuresOf(zoneJobStore.use.getState().result, zone.properties.id) : null;
  const categories = (figures?.topCategories ?? [])
    .filter((c) => c.share >= 0.15)
    .slice(0, 3)
    .map((c) => c.name);
  const finding =
    zone?.properties.createdFrom ??
    (figures && figures.topCategories[0]
      ? `${figures.topCategories[0].name} is ${Math.round(figures.topCategories[0].share * 100)}% of the zone's ${formatCount(figures.incidents)} incidents${Number.isFinite(figures.pai) ? `; PAI ${figures.pai.toFixed(1)}` : ''}`
      : '');
  const pattern = figures?.patrol?.pattern ?? null;
  const schedule = pattern
    ? {
        days: [...pattern.days].sort((a, b) => a - b),
        startHour: pattern.startHour,
        endHour: pattern.endHour,
      }
    : { days: [] as number[], startHour: 18, endHour: 2 };
  const officers = catalogueId === 'foot-patrol' ? 2 : scope === 'zones' ? 1 : 0;
  const shift = scheduleShift(schedule);
  const startDate = todayIso();
  const endDate = addDays(startDate, 182);
  const metric = defaultMetric(
    entry.metrics[0] ?? 'custom',
    categories,
    zone ? [zone.properties.name] : [],
  );
  const draft: Strategy = {
    id: newStrategyId(),
    catalogueId,
    zoneIds,
    scope,
    ...(scope === 'district' ? { district: '' } : {}),
    problem: { categories, finding },
    goal: goalFromMetric(metric, startDate, endDate),
    metric,
    startDate,
    endDate,
    owner: '',
    resources: {
      officers,
      hoursPerWeek: shift && officers > 0 ? shift.days.length * shift.lengthHours * officers : 0,
    },
    schedule,
    status: 'proposed',
    notes: '',
  };
  useDraft.setState({ draft, why: options.why ?? '' });
  editStrategy('new');
  requestAnimationFrame(() =>
    document.querySelector('[data-testid="strategy-editor"]')?.scrollIntoView({ block: 'start' }),
  );
}

function editExisting(strategy: Strategy): void {
  useDraft.setState({ draft: structuredClone(strategy), why: '' });
  editStrategy(strategy.id);
}

export function StrategiesSection(): React.JSX.Element {
  const plan = usePlan((s) => s.plan);
  const editingId = usePlan((s) => s.editingStrategyId);
  const selectedZoneId = usePlan((s) => s.selectedZoneId);
  const [newId, setNewId] = useState(STRATEGY_CATALOGUE[0].id);
  if (!plan) return <></>;
  return (
    <section aria-label="Strategies" data-testid="plan-strategies">
      <h2>Strategies</h2>
      {plan.strategies.length === 0 ? (
        <p className="muted small">
          No strategies yet. Attach one to a zone from its suggestions, or choose one below.
        </p>
      ) : (
        <ul className="strategy-list" data-testid="strategy-list">
          {plan.strategies.map((s) => (
            <StrategyRow key={s.id} strategy={s} plan={plan} />
          ))}
        </ul>
      )}
      {editingId ? (
        <StrategyEditor plan={plan} />
      ) : (
        <div className="inline-form">
          <select
            value={newId}
            onChange={(e) => setNewId(e.target.value)}
            aria-label="Strategy to add"
            data-testid="strategy-choice"
          >
            {STRATEGY_CATALOGUE.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
          <button
            onClick={() => startStrategyDraft(newId, { zoneId: selectedZoneId })}
            data-testid="strategy-add"
          >
            Add strategy…
          </button>
        </div>
      )}
      <Catalogue />
    </section>
  );
}

function scopeWords(s: Strategy, plan: Plan): string {
  if (s.scope === 'agency') return 'The agency';
  if (s.scope === 'district') return `District ${s.district ?? ''}`;
  return s.zoneIds
    .map((id) => plan.zones.find((z) => z.properties.id === id)?.properties.name ?? '?')
    .join(', ');
}

function StrategyRow({ strategy: s, plan }: { strategy: Strategy; plan: Plan }): React.JSX.Element {
  const entry = catalogueEntry(s.catalogueId);
  return (
    <li data-testid="strategy-row">
      <div>
        <strong>{strategyName(s)}</strong>{' '}
        {entry && (
          <span className={`strength strength-${entry.overall.strength}`}>
            {entry.overall.strength} evidence
          </span>
        )}{' '}
        <span className="muted small">· {s.status}</span>
      </div>
      <div className="small">
        {scopeWords(s, plan)} · {s.startDate} to {s.endDate}
        {s.owner ? ` · ${s.owner}` : ''}
      </div>
      {s.problem.finding && <div className="small muted">Problem: {s.problem.finding}</div>}
      <div className="small" data-testid="strategy-goal">
        Goal: {s.goal || '—'}
      </div>
      {s.metric.baseline && (
        <div className="small muted">
          Baseline: {formatCount(s.metric.baseline.value)} ({s.metric.baseline.period.startDate} to{' '}
          {s.metric.baseline.period.endDate})
        </div>
      )}
      <div className="row-buttons">
        <button className="link" onClick={() => editExisting(s)}>
          Edit
        </button>
        <button className="link" onClick={() => deleteStrategy(s.id, strategyName(s))}>
          Remove
        </button>
      </div>
    </li>
  );
}

function StrategyEditor({ plan }: { plan: Plan }): React.JSX.Element | null {
  const { draft, why } = useDraft();
  const editingId = usePlan((s) => s.editingStrategyId);
  const zoneResult = zoneJobStore.use((s) => s.result);
  const allCategories = useStore((s) => s.dataset?.table.dictionaries.category ?? []);
  const districts = useStore((s) => s.dataset?.table.dictionaries.district ?? []);
  const [error, setError] = useState<string | null>(null);
  const [baselineBusy, setBaselineBusy] = useState(false);
  /** A baseline period chosen here (the latest data), until a baseline is counted over it. */
  const [chosenPeriod, setChosenPeriod] = useState<{ startDate: string; endDate: string } | null>(
    null,
  );
  const [dosageForm, setDosageForm] = useState({
    visitMinutes: 15,
    visits: 1,
    travel: 0,
    officersPerVisit: 1,
  });
  const dosage = useMemo(
    () =>
      draft
        ? strategyDosage(draft, zoneResult, {
            visitMinutes: dosageForm.visitMinutes,
            visitsPerHotSpotPerShift: dosageForm.visits,
            travelMinutesPerVisit: dosageForm.travel,
            officersPerVisit: dosageForm.officersPerVisit,
          })
        : null,
    [draft, zoneResult, dosageForm],
  );
  if (!draft) return null;
  const entry = catalogueEntry(draft.catalogueId);
  const isNew = editingId === 'new';
  const update = (patch: Partial<Strategy>) =>
    useDraft.setState({ draft: keepBaselineInStep({ ...draft, ...patch }) });
  const updateMetric = (patch: Partial<Metric>) =>
    update({ metric: { ...draft.metric, ...patch } });
  const period =
    chosenPeriod ??
    draft.metric.baseline?.period ??
    comparisonPeriod(draft.metric.target.comparedWith, draft.startDate, draft.endDate);
  const findings = linkedFindings(draft, plan, zoneResult);
  const categoryChoices = [
    ...new Set([
      ...draft.problem.categories,
      ...topCategoriesOf(draft, zoneResult),
      ...allCategories,
    ]),
  ];

  const save = () => {
    const cleaned: Strategy = {
      ...draft,
      zoneIds: draft.scope === 'zones' ? draft.zoneIds : [],
      ...(draft.scope === 'district' ? {} : { district: undefined }),
    };
    if (cleaned.district === undefined) delete cleaned.district;
    const name = strategyName(cleaned);
    const label = isNew
      ? `Attach ${name}${cleaned.scope === 'zones' ? ` to ${scopeWords(cleaned, plan)}` : ''}`
      : `Edit strategy '${name}'`;
    const reason = saveStrategy(cleaned, label);
    setError(reason);
    if (!reason) useDraft.setState({ draft: null });
  };

  const countBaseline = async () => {
    setBaselineBusy(true);
    const result = await computeBaseline(draft.zoneIds, draft.problem.categories, period);
    setBaselineBusy(false);
    if (typeof result === 'string') setError(result);
    else {
      setError(null);
      useDraft.setState((s) =>
        s.draft ? { draft: { ...s.draft, metric: { ...s.draft.metric, baseline: result } } } : s,
      );
    }
  };

  const useLatestData = () => {
    const dates = dataDates();
    if (!dates) return;
    const days = Math.round((Date.parse(draft.endDate) - Date.parse(draft.startDate)) / 86_400_000);
    setChosenPeriod({ startDate: addDays(dates.last, -days), endDate: dates.last });
    const { baseline: _old, ...metric } = draft.metric;
    update({ metric: { ...metric, target: { ...draft.metric.target, comparedWith: 'baseline' } } });
  };

  return (
    <div className="strategy-editor" data-testid="strategy-editor">
      <h3>
        {isNew ? 'Attach' : 'Edit'} {entry?.name ?? draft.catalogueId}
      </h3>
      {why && <p className="muted small">Suggested because: {why}</p>}
      <div className="form-grid">
        <label htmlFor="st-name">Name</label>
        <input
          id="st-name"
          type="text"
          placeholder={entry?.name}
          value={draft.name ?? ''}
          onChange={(e) => update({ name: e.target.value || undefined })}
        />
        <label htmlFor="st-scope">Applies to</label>
        <select
          id="st-scope"
          value={draft.scope}
          onChange={(e) =>
            update({
              scope: e.target.value as StrategyScope,
              district: e.target.value === 'district' ? (draft.district ?? '') : draft.district,
            })
          }
        >
          <option value="zones">Zones of this plan</option>
          <option value="district">A district</option>
          <option value="agency">The whole agency</option>
        </select>
        {draft.scope === 'zones' && (
          <>
            <span>Zones</span>
            <ul className="check-list" data-testid="strategy-zones">
              {plan.zones.map((z) => (
                <li key={z.properties.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={draft.zoneIds.includes(z.properties.id)}
                      onChange={(e) =>
                        update({
                          zoneIds: e.target.checked
                            ? [...draft.zoneIds, z.properties.id]
                            : draft.zoneIds.filter((id) => id !== z.properties.id),
                        })
                      }
                    />{' '}
                    {z.properties.name}
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
        {draft.scope === 'district' && (
          <>
            <label htmlFor="st-district">District</label>
            <input
              id="st-district"
              type="text"
              list="st-districts"
              value={draft.district ?? ''}
              onChange={(e) => update({ district: e.target.value })}
            />
            <datalist id="st-districts">
              {districts
                .filter((d) => d !== '')
                .map((d) => (
                  <option key={d} value={d} />
                ))}
            </datalist>
          </>
        )}
        <span>Problem: categories</span>
        <select
          multiple
          size={4}
          aria-label="Problem categories"
          value={draft.problem.categories}
          onChange={(e) =>
            update({
              problem: {
                ...draft.problem,
                categories: [...e.target.selectedOptions].map((o) => o.value),
              },
            })
          }
        >
          {categoryChoices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <label htmlFor="st-finding">Problem: finding</label>
        <div>
          <input
            id="st-finding"
            type="text"
            className="wide"
            value={draft.problem.finding}
            data-testid="strategy-finding"
            onChange={(e) => update({ problem: { ...draft.problem, finding: e.target.value } })}
          />
          {findings.length > 0 && (
            <select
              aria-label="Link a finding from the assessment"
              value=""
              onChange={(e) =>
                e.target.value && update({ problem: { ...draft.problem, finding: e.target.value } })
              }
            >
              <option value="">Link a finding from the assessment…</option>
              {findings.map((f) => (
                <option key={f} value={f}>
                  {f.length > 90 ? `${f.slice(0, 89)}…` : f}
                </option>
              ))}
            </select>
          )}
        </div>
        <label htmlFor="st-metric">Success metric</label>
        <select
          id="st-metric"
          value={draft.metric.kind}
          onChange={(e) => {
            const kind = e.target.value as MetricKind;
            const zoneNames = draft.zoneIds.map(
              (id) => plan.zones.find((z) => z.properties.id === id)?.properties.name ?? '',
            );
            update({ metric: { ...defaultMetric(kind, draft.problem.categories, zoneNames) } });
          }}
        >
          {METRIC_KINDS.map((k) => (
            <option key={k} value={k}>
              {METRIC_WORDS[k]}
              {entry?.metrics.includes(k) ? ' (usual for this strategy)' : ''}
            </option>
          ))}
        </select>
        <label htmlFor="st-metric-description">Metric</label>
        <input
          id="st-metric-description"
          type="text"
          value={draft.metric.description}
          onChange={(e) => updateMetric({ description: e.target.value })}
        />
        <label htmlFor="st-change">Target change (%)</label>
        <input
          id="st-change"
          type="number"
          value={draft.metric.target.changePercent}
          onChange={(e) =>
            updateMetric({
              target: { ...draft.metric.target, changePercent: Number(e.target.value) },
            })
          }
        />
        <label htmlFor="st-compared">Compared with</label>
        <select
          id="st-compared"
          value={draft.metric.target.comparedWith}
          onChange={(e) => {
            setChosenPeriod(null);
            updateMetric({
              target: {
                ...draft.metric.target,
                comparedWith: e.target.value as Metric['target']['comparedWith'],
              },
            });
          }}
        >
          {COMPARED_WITH.map((c) => (
            <option key={c} value={c}>
              {COMPARED_LABELS[c]}
            </option>
          ))}
        </select>
        <label htmlFor="st-start">Starts</label>
        <input
          id="st-start"
          type="date"
          value={draft.startDate}
          onChange={(e) => update({ startDate: e.target.value })}
        />
        <label htmlFor="st-end">Ends</label>
        <input
          id="st-end"
          type="date"
          value={draft.endDate}
          onChange={(e) => update({ endDate: e.target.value })}
        />
        <label htmlFor="st-goal">Goal</label>
        <div>
          <textarea
            id="st-goal"
            rows={2}
            className="wide"
            value={draft.goal}
            data-testid="strategy-goal-input"
            onChange={(e) => update({ goal: e.target.value })}
          />
          <button
            className="link"
            onClick={() =>
              update({ goal: goalFromMetric(draft.metric, draft.startDate, draft.endDate) })
            }
          >
            Write it from the metric
          </button>
        </div>
      </div>
      <div className="baseline">
        <strong>Baseline</strong>{' '}
        {draft.metric.baseline ? (
          <span data-testid="strategy-baseline">
            {formatCount(draft.metric.baseline.value)} ({draft.metric.baseline.period.startDate} to{' '}
            {draft.metric.baseline.period.endDate})
          </span>
        ) : (
          <span className="muted">not set</span>
        )}
        {draft.metric.baseline?.note && (
          <div className="small muted">{draft.metric.baseline.note}</div>
        )}
        {draft.metric.kind === 'incident-count' ? (
          <div className="row-buttons">
            <span className="small">
              Period: {period.startDate} to {period.endDate}
            </span>
            <button
              onClick={() => void countBaseline()}
              disabled={baselineBusy || draft.zoneIds.length === 0}
              data-testid="strategy-baseline-count"
            >
              {baselineBusy ? 'Counting…' : 'Count from the data'}
            </button>
            <button className="link" onClick={useLatestData}>
              Use the latest data instead
            </button>
          </div>
        ) : (
          <div className="inline-form">
            <label>
              Value{' '}
              <input
                type="number"
                value={draft.metric.baseline?.value ?? ''}
                onChange={(e) =>
                  updateMetric({
                    baseline: {
                      value: Number(e.target.value),
                      computedAt: todayIso(),
                      period: draft.metric.baseline?.period ?? period,
                      note: 'Entered by hand.',
                    },
                  })
                }
              />
            </label>
            <span className="small muted">
              {draft.metric.kind === 'survey-trust'
                ? 'e.g. % who trust the police'
                : 'count over the comparison period'}
            </span>
          </div>
        )}
      </div>
      <div className="form-grid">
        <label htmlFor="st-owner">Owner</label>
        <input
          id="st-owner"
          type="text"
          placeholder="unit or person"
          value={draft.owner}
          data-testid="strategy-owner"
          onChange={(e) => update({ owner: e.target.value })}
        />
        <label htmlFor="st-officers">Officers</label>
        <input
          id="st-officers"
          type="number"
          min={0}
          step={1}
          value={draft.resources.officers}
          onChange={(e) =>
            update({
              resources: {
                ...draft.resources,
                officers: Math.max(0, Math.round(Number(e.target.value))),
              },
            })
          }
        />
        <label htmlFor="st-hours">Hours a week</label>
        <input
          id="st-hours"
          type="number"
          min={0}
          value={draft.resources.hoursPerWeek}
          onChange={(e) =>
            update({
              resources: { ...draft.resources, hoursPerWeek: Math.max(0, Number(e.target.value)) },
            })
          }
        />
        <span>Days</span>
        <div className="chips" role="group" aria-label="Days of the schedule">
          {WEEKDAY_NAMES.map((d, i) => (
            <button
              key={d}
              className={draft.schedule.days.includes(i) ? 'chip on' : 'chip'}
              aria-pressed={draft.schedule.days.includes(i)}
              onClick={() =>
                update({
                  schedule: {
                    ...draft.schedule,
                    days: draft.schedule.days.includes(i)
                      ? draft.schedule.days.filter((x) => x !== i)
                      : [...draft.schedule.days, i].sort((a, b) => a - b),
                  },
                })
              }
            >
              {d}
            </button>
          ))}
        </div>
        <label htmlFor="st-from">Hours</label>
        <span className="inline-form">
          <select
            id="st-from"
            value={draft.schedule.startHour}
            onChange={(e) =>
              update({ schedule: { ...draft.schedule, startHour: Number(e.target.value) } })
            }
          >
            {Array.from({ length: 24 }, (_, h) => (
              <option key={h} value={h}>
                {String(h).padStart(2, '0')}:00
              </option>
            ))}
          </select>
          to
          <select
            aria-label="Until"
            value={draft.schedule.endHour}
            onChange={(e) =>
              update({ schedule: { ...draft.schedule, endHour: Number(e.target.value) } })
            }
          >
            {Array.from({ length: 25 }, (_, h) => (
              <option key={h} value={h}>
                {h === 24 ? '24:00' : `${String(h).padStart(2, '0')}:00`}
              </option>
            ))}
          </select>
        </span>
        <label htmlFor="st-status">Status</label>
        <select
          id="st-status"
          value={draft.status}
          onChange={(e) => update({ status: e.target.value as Strategy['status'] })}
        >
          {STRATEGY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label htmlFor="st-notes">Notes</label>
        <textarea
          id="st-notes"
          rows={2}
          value={draft.notes}
          onChange={(e) => update({ notes: e.target.value })}
        />
      </div>
      <ScheduleLine draft={draft} />
      {dosage && (
        <div className="cell-info" data-testid="strategy-dosage">
          {dosage.kind === 'error' && <p className="small muted">{dosage.message}</p>}
          {dosage.kind === 'hot-spots' && (
            <>
              <strong>Dosage plan (Koper 1995)</strong>
              <div className="inline-form small">
                <label>
                  Minutes a visit{' '}
                  <input
                    type="number"
                    min={1}
                    value={dosageForm.visitMinutes}
                    onChange={(e) =>
                      setDosageForm({
                        ...dosageForm,
                        visitMinutes: Math.max(1, Number(e.target.value)),
                      })
                    }
                  />
                </label>
                <label>
                  Visits a shift{' '}
                  <input
                    type="number"
                    min={1}
                    step={1}
                    value={dosageForm.visits}
                    onChange={(e) =>
                      setDosageForm({
                        ...dosageForm,
                        visits: Math.max(1, Math.round(Number(e.target.value))),
                      })
                    }
                  />
                </label>
                <label>
                  Travel (min){' '}
                  <input
                    type="number"
                    min={0}
                    value={dosageForm.travel}
                    onChange={(e) =>
                      setDosageForm({ ...dosageForm, travel: Math.max(0, Number(e.target.value)) })
                    }
                  />
                </label>
              </div>
              <p className="small">{dosage.plan.summary}</p>
              <ul className="small">
                {dosage.plan.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
              <button
                className="link"
                onClick={() =>
                  update({
                    resources: {
                      officers: dosage.plan.officersNeededPerShift,
                      hoursPerWeek: Math.round(dosage.plan.officerHoursPerWeek * 10) / 10,
                    },
                  })
                }
              >
                Use these figures for the resources
              </button>
            </>
          )}
          {dosage.kind === 'foot-patrol' && (
            <>
              <strong>Beat hours against the zones’ hours</strong>
              <p className="small" data-testid="strategy-beat-coverage">
                {dosage.coverage.sentence}
              </p>
              <p className="small">
                {formatCount(dosage.coverage.officerHoursPerWeek)} officer-hours a week (
                {Math.max(1, draft.resources.officers || 2)} officers a beat).
              </p>
              {dosage.coverage.bestSameShape[0] &&
                dosage.coverage.bestSameShape[0].incidents >
                  dosage.coverage.incidentsInBeatHours && (
                  <button
                    className="link"
                    onClick={() => {
                      const best = dosage.coverage.bestSameShape[0];
                      update({
                        schedule: {
                          days: [...best.days].sort((a, b) => a - b),
                          startHour: best.startHour,
                          endHour: best.endHour,
                        },
                      });
                    }}
                  >
                    Use the best beat of this size ({dosage.coverage.bestSameShape[0].label})
                  </button>
                )}
            </>
          )}
        </div>
      )}
      {error && (
        <p className="warning pre-line" role="alert" data-testid="strategy-error">
          {error}
        </p>
      )}
      <div className="row-buttons">
        <button className="primary" onClick={save} data-testid="strategy-save">
          Save strategy
        </button>
        <button
          onClick={() => {
            useDraft.setState({ draft: null });
            editStrategy(null);
          }}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * A baseline belongs to its period: when the dates or the comparison change so that the rule gives
 * another period, the old baseline no longer applies and is dropped (a chosen baseline period, or a
 * value entered by hand for a non-count metric, is kept).
 */
function keepBaselineInStep(draft: Strategy): Strategy {
  const b = draft.metric.baseline;
  if (
    !b ||
    draft.metric.kind !== 'incident-count' ||
    draft.metric.target.comparedWith === 'baseline'
  )
    return draft;
  const rule = comparisonPeriod(draft.metric.target.comparedWith, draft.startDate, draft.endDate);
  if (rule.startDate === b.period.startDate && rule.endDate === b.period.endDate) return draft;
  const { baseline: _dropped, ...metric } = draft.metric;
  return { ...draft, metric };
}

function ScheduleLine({ draft }: { draft: Strategy }): React.JSX.Element | null {
  const shift = scheduleShift(draft.schedule);
  if (!shift) return <p className="small muted">No days chosen: the strategy has no set hours.</p>;
  return (
    <p className="small muted">
      Schedule: {formatDays(shift.days)} {formatDailyWindow(shift.startHour, shift.lengthHours)} (
      {shift.days.length * shift.lengthHours} hours a week)
    </p>
  );
}

function topCategoriesOf(
  draft: Strategy,
  result: ReturnType<typeof zoneJobStore.use.getState>['result'],
): string[] {
  return draft.zoneIds.flatMap(
    (id) => figuresOf(result, id)?.topCategories.map((c) => c.name) ?? [],
  );
}

/** Findings a strategy can answer: how its zones were made, their figures, the hot spot summary. */
function linkedFindings(
  draft: Strategy,
  plan: Plan,
  result: ReturnType<typeof zoneJobStore.use.getState>['result'],
): string[] {
  const out: string[] = [];
  for (const id of draft.zoneIds) {
    const zone = plan.zones.find((z) => z.properties.id === id);
    if (zone?.properties.createdFrom) out.push(zone.properties.createdFrom);
    const f = figuresOf(result, id);
    if (!f) continue;
    const top = f.topCategories[0];
    if (top)
      out.push(
        `${top.name} is ${Math.round(top.share * 100)}% of ${zone?.properties.name ?? 'the zone'}'s ${formatCount(f.incidents)} incidents${Number.isFinite(f.pai) ? `; PAI ${f.pai.toFixed(1)}` : ''}`,
      );
    if (f.trend && f.trend.direction !== 'no trend')
      out.push(f.trend.sentence.replace('this zone', zone?.properties.name ?? 'the zone'));
    if (f.patrol?.sentence)
      out.push(f.patrol.sentence.replace('this zone', zone?.properties.name ?? 'the zone'));
  }
  return [...new Set(out)];
}

function Catalogue(): React.JSX.Element {
  const selectedZoneId = usePlan((s) => s.selectedZoneId);
  return (
    <details className="catalogue" data-testid="strategy-catalogue">
      <summary>Strategy catalogue: what works, where, and the evidence</summary>
      <p className="muted small">
        Strength says how far the evidence supports the strategy working for the outcome it names:
        strong, moderate, promising, mixed or weak. Findings are as the sources state them.
      </p>
      {STRATEGY_CATALOGUE.map((e) => (
        <CatalogueItem key={e.id} entry={e} zoneId={selectedZoneId} />
      ))}
    </details>
  );
}

function CatalogueItem({
  entry: e,
  zoneId,
}: {
  entry: CatalogueEntry;
  zoneId: string | null;
}): React.JSX.Element {
  return (
    <details className="catalogue-entry">
      <summary>
        <strong>{e.name}</strong>{' '}
        <span className={`strength strength-${e.overall.strength}`}>{e.overall.strength}</span>
        {!e.placeBased && <span className="muted small"> · agency or district</span>}
      </summary>
      <p className="small">{e.description}</p>
      <p className="small">
        <strong>Fits:</strong> {e.fits.problems}
      </p>
      <p className="small">
        <strong>Deployment:</strong> {e.deployment.zoneSize} {e.deployment.dosage}{' '}
        {e.deployment.hours}
      </p>
      <p className="small">
        <strong>Overall ({e.overall.strength}):</strong> {e.overall.summary}
      </p>
      <ul className="small evidence">
        {e.evidence.map((ev) => (
          <li key={ev.source}>
            <cite>{ev.source}</cite>. {ev.finding}{' '}
            <span className={`strength strength-${ev.strength}`}>{ev.strength}</span>
          </li>
        ))}
      </ul>
      {e.cautions.length > 0 && (
        <p className="small muted">
          <strong>Cautions:</strong> {e.cautions.join(' ')}
        </p>
      )}
      <button
        className="link"
        onClick={() =>
          startStrategyDraft(e.id, {
            zoneId: e.placeBased ? zoneId : null,
            scope: e.placeBased && zoneId ? 'zones' : e.scopes[0],
          })
        }
      >
        Plan this strategy…
      </button>
    </details>
  );
}
