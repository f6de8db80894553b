import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import type { TrendResult } from '../../data/jobs/trendJob';
import { JobProgress, MethodsLog } from '../common/JobControls';
import { usePlan } from '../plan/planState';
import { useStore } from '../store';
import { chartWithLog, drawDayHour } from './chartPng';
import { CompstatTable } from './CompstatTable';
import { DayHourTable } from './DayHourTable';
import { SeriesChart } from './SeriesChart';
import { TimePlayer } from './TimePlayer';
import {
  chooseDates,
  chooseDayHour,
  compstatJob,
  dayHourJob,
  exportChangesCsv,
  exportCompstatCsv,
  exportDayHourCsv,
  exportPng,
  exportSeriesCsv,
  scheduleTimeRefresh,
  toggleTimeDock,
  trendJob,
  updateTimeUi,
  usePlayer,
  useTimeUi,
  ZONE_AREA,
  type TimeTab,
} from './timeActions';
import { YearOverYearChart } from './YearOverYearChart';
import './time.css';

const TABS: { id: TimeTab; label: string }[] = [
  { id: 'trend', label: 'Trend' },
  { id: 'dayhour', label: 'Day × hour' },
  { id: 'compstat', label: 'CompStat' },
];

/**
 * The time panel under the map: when crime happens and how it is changing. Trend (series, test in
 * words, year over year, changing categories), day × hour table, CompStat change table, and the
 * player that moves the map through time. Collapsible, so the map keeps the screen.
 */
export function TimeDock(): React.JSX.Element {
  const dataset = useStore((s) => s.dataset);
  const { collapsed, tab } = useTimeUi();

  useEffect(() => {
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.filter !== prev.filter || s.dataset !== prev.dataset) scheduleTimeRefresh();
    });
    // A zone of the plan may be the CompStat area: editing it re-runs the table.
    const unsubscribePlan = usePlan.subscribe((s, prev) => {
      if (s.plan?.zones !== prev.plan?.zones) scheduleTimeRefresh();
    });
    scheduleTimeRefresh(0);
    return () => {
      unsubscribe();
      unsubscribePlan();
    };
  }, []);

  if (!dataset) return <></>;
  return (
    <section
      className={`time-dock${collapsed ? ' collapsed' : ''}`}
      aria-label="When: trends, day × hour, CompStat"
      data-testid="time-dock"
    >
      <header className="time-bar">
        <button
          className="time-toggle"
          aria-expanded={!collapsed}
          onClick={toggleTimeDock}
          data-testid="time-toggle"
          title={collapsed ? 'Show the time panel' : 'Hide the time panel'}
        >
          {collapsed ? '▸' : '▾'} When
        </button>
        <div className="tabs" role="tablist">
          {TABS.map((t) => (
            <button
              key={t.id}
              role="tab"
              aria-selected={!collapsed && tab === t.id}
              className={!collapsed && tab === t.id ? 'active' : ''}
              onClick={() => updateTimeUi({ tab: t.id, collapsed: false })}
            >
              {t.label}
            </button>
          ))}
        </div>
        <TimePlayer />
      </header>
      {!collapsed && (
        <div className="time-body">
          {tab === 'trend' && <TrendTab />}
          {tab === 'dayhour' && <DayHourTab />}
          {tab === 'compstat' && <CompstatTab />}
        </div>
      )}
    </section>
  );
}

function arrow(trend: string): string {
  return trend === 'increasing' ? '↑' : trend === 'decreasing' ? '↓' : '';
}

function TrendTab(): React.JSX.Element {
  const state = trendJob.use();
  const { by, focus, view } = useTimeUi();
  const dateRange = useStore((s) => s.filter.dateRange);
  const precision = useStore((s) => s.dataset?.table.timePrecision);
  const plot = useRef<uPlot | null>(null);
  const result = state.result;
  const onPlot = (u: uPlot | null) => {
    plot.current = u;
  };
  const png = (r: TrendResult) => {
    const canvas = plot.current?.ctx.canvas;
    if (!canvas) return;
    const title =
      view === 'years'
        ? `${r.focus.label}: year over year (by ${r.yearOverYear?.by ?? 'month'})`
        : `${r.focus.label} by ${r.by}`;
    void chartWithLog(canvas, title, [r.sentence, ...r.summary.slice(1)], r.log).then((blob) =>
      exportPng(blob, view === 'years' ? 'year-over-year' : `series-by-${r.by}`),
    );
  };
  const groups = result?.changes.filter((c) => c.kind === 'group') ?? [];
  const categories = result?.changes.filter((c) => c.kind === 'category') ?? [];
  const focusKnown = focus === 'all' || result?.changes.some((c) => c.key === focus);

  return (
    <div className="time-tab trend-tab">
      <div className="trend-grid">
        <div className="trend-main">
          <div className="time-controls">
            <strong className="trend-sentence" data-testid="trend-sentence">
              {result ? result.sentence : state.running ? 'Counting…' : ''}
            </strong>
            <select
              value={by}
              aria-label="Count by"
              data-testid="trend-by"
              onChange={(e) => updateTimeUi({ by: e.target.value as typeof by })}
            >
              <option value="month">by month</option>
              <option value="week" disabled={precision === 'month'}>
                by week
              </option>
              <option value="day" disabled={precision === 'month'}>
                by day
              </option>
            </select>
            <select
              value={focusKnown ? focus : 'all'}
              aria-label="Series"
              data-testid="trend-focus"
              onChange={(e) => updateTimeUi({ focus: e.target.value })}
            >
              <option value="all">All selected incidents</option>
              <optgroup label="Offence groups">
                {groups.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.label} {arrow(c.trend.trend)}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Categories">
                {categories.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.label} {arrow(c.trend.trend)}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
          <JobProgress state={state} onCancel={() => trendJob.clear()} />
          {result && (
            <>
              {result.declined ? (
                <p className="warning">{result.declined}</p>
              ) : view === 'series' ? (
                <SeriesChart
                  result={result}
                  range={dateRange}
                  onRange={chooseDates}
                  onPlot={onPlot}
                />
              ) : result.yearOverYear ? (
                <YearOverYearChart result={result} onPlot={onPlot} />
              ) : (
                <p className="muted">No year-over-year lines for these data.</p>
              )}
              <div className="summary small" data-testid="trend-summary">
                {result.summary.slice(1).map((line, i) => (
                  <p key={i}>{line}</p>
                ))}
                {view === 'series' && (
                  <p className="muted">
                    Drag across the chart to choose dates (shaded). Pale bars: partial periods;
                    hatched: no data in the extract. Dashed line: Sen’s slope over the complete
                    periods.
                  </p>
                )}
              </div>
              <MethodsLog log={result.log} />
            </>
          )}
        </div>
        <aside className="trend-side" aria-label="Chart, exports and trends by category">
          <div className="time-controls">
            <div className="chips" role="group" aria-label="Chart">
              {(['series', 'years'] as const).map((v) => (
                <button
                  key={v}
                  className={`chip${view === v ? ' on' : ''}`}
                  aria-pressed={view === v}
                  onClick={() => updateTimeUi({ view: v })}
                >
                  {v === 'series' ? 'Series' : 'Year over year'}
                </button>
              ))}
            </div>
            {result && (
              <span className="row-buttons">
                <button
                  className="chip"
                  onClick={() => exportSeriesCsv(result)}
                  data-testid="trend-csv"
                  title="The counts and the methods log"
                >
                  CSV
                </button>
                <button
                  className="chip"
                  onClick={() => png(result)}
                  data-testid="trend-png"
                  title="The chart with the methods log under it"
                >
                  PNG
                </button>
              </span>
            )}
          </div>
          {result && (
            <div className="trend-changes">
              <div className="row-buttons small">
                <strong>Monthly trends</strong>
                <button className="link" onClick={() => exportChangesCsv(result)}>
                  CSV
                </button>
              </div>
              <table className="compact small" data-testid="trend-changes">
                <tbody>
                  {result.changes.map((c) => (
                    <tr
                      key={c.key}
                      className={`${c.key === result.focus.key ? 'chosen' : ''} ${c.trend.trend}`}
                    >
                      <td>
                        <button
                          className="link"
                          onClick={() => updateTimeUi({ focus: c.key })}
                          title={c.sentence}
                        >
                          {c.label}
                        </button>
                      </td>
                      <td className="num trend-arrow">{arrow(c.trend.trend)}</td>
                      <td className="num muted">
                        {Number.isFinite(c.slopePerMonth)
                          ? `${c.slopePerMonth > 0 ? '+' : ''}${c.slopePerMonth.toFixed(1)}/mo`
                          : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </aside>
      </div>
    </div>
  );
}

function DayHourTab(): React.JSX.Element {
  const state = dayHourJob.use();
  const { startTimesOnly, excludeLikelyDefaults } = useTimeUi();
  const { weekdays, hours } = useStore((s) => s.filter);
  const precision = useStore((s) => s.dataset?.table.timePrecision);
  const playing = usePlayer((s) => s.playing);
  const result = state.result;
  const png = () => {
    if (!result) return;
    let max = 0;
    for (const v of result.table) if (v > max) max = v;
    const canvas = drawDayHour(result.table, max);
    void chartWithLog(
      canvas,
      `When: day of week × hour of day${result.startTimesOnly ? ' (start times)' : ' (aoristic)'}`,
      result.summary,
      result.log,
    ).then((blob) => exportPng(blob, 'day-hour'));
  };
  return (
    <div className="time-tab dayhour-tab">
      <JobProgress state={state} onCancel={() => dayHourJob.clear()} />
      {result?.declined ? (
        <p className="warning" data-testid="dayhour-declined">
          {result.declined}
        </p>
      ) : result ? (
        <div className="dayhour-grid">
          <DayHourTable
            result={result}
            weekdays={weekdays}
            hours={hours}
            clickable={precision === 'time'}
            onChoose={chooseDayHour}
          />
          <div className="dayhour-side small">
            <label>
              <input
                type="checkbox"
                checked={startTimesOnly}
                data-testid="dayhour-start-times"
                onChange={(e) => updateTimeUi({ startTimesOnly: e.target.checked })}
              />{' '}
              Start times only
            </label>
            <p className="muted">
              {startTimesOnly
                ? 'Each incident counts in the hour it started.'
                : 'Incidents known only as a from–to window are spread over its hours (aoristic weighting, Ratcliffe 2002).'}
            </p>
            <label>
              <input
                type="checkbox"
                checked={excludeLikelyDefaults}
                onChange={(e) => updateTimeUi({ excludeLikelyDefaults: e.target.checked })}
              />{' '}
              Leave out 00:00 times
            </label>
            <p className={result.midnight > 0 ? 'warning' : 'muted'} data-testid="dayhour-flags">
              {result.midnight.toLocaleString('en-US')} at exactly 00:00, of which{' '}
              {result.firstOfMonthMidnight.toLocaleString('en-US')} on the 1st of a month: likely
              default times
              {result.excluded > 0 ? ` (${result.excluded.toLocaleString('en-US')} left out)` : ''}.
            </p>
            {result.note && <p className="muted">{result.note}</p>}
            {playing && (
              <p className="muted">The table catches up with the dates when you pause.</p>
            )}
            {result.summary
              .filter((s) => !s.includes('00:00'))
              .map((s, i) => (
                <p key={i}>{s}</p>
              ))}
            <div className="row-buttons">
              <button onClick={() => exportDayHourCsv(result)}>CSV</button>
              <button onClick={png}>PNG</button>
            </div>
            <MethodsLog log={result.log} />
          </div>
        </div>
      ) : null}
    </div>
  );
}

function CompstatTab(): React.JSX.Element {
  const state = compstatJob.use();
  const { compstatWindow, area } = useTimeUi();
  const boundaries = useStore((s) => s.boundaries);
  const zones = usePlan((s) => s.plan?.zones) ?? [];
  const result = state.result;
  return (
    <div className="time-tab compstat-tab">
      <div className="time-controls">
        <div className="chips" role="group" aria-label="Window">
          {(result?.windows ?? []).map((w, i) => (
            <button
              key={w.label}
              className={`chip${compstatWindow === i ? ' on' : ''}`}
              aria-pressed={compstatWindow === i}
              onClick={() => updateTimeUi({ compstatWindow: i })}
            >
              {w.label}
            </button>
          ))}
        </div>
        <label className="small">
          area{' '}
          <select
            value={area}
            aria-label="Area"
            data-testid="compstat-area"
            onChange={(e) => updateTimeUi({ area: e.target.value })}
          >
            <option value="">Everywhere</option>
            {zones.length > 0 && (
              <optgroup label="Plan zones">
                {zones.map((z) => (
                  <option key={z.properties.id} value={`${ZONE_AREA}${z.properties.id}`}>
                    {z.properties.name}
                  </option>
                ))}
              </optgroup>
            )}
            {boundaries.map((b) => (
              <optgroup key={b.id} label={b.name}>
                {b.geojson.features.map((f, i) => (
                  <option key={i} value={`${b.id}::${i}`}>
                    {b.name} {String(f.properties?.[b.labelField] ?? i + 1)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        {result && (
          <span className="row-buttons">
            <button onClick={() => exportCompstatCsv(result)}>CSV</button>
          </span>
        )}
        {result && (
          <span className="muted small" data-testid="compstat-area-note">
            complete through {result.completeThrough}
            {result.areaName
              ? ` · ${result.areaName}: ${result.areaIncidents.toLocaleString('en-US')} incidents`
              : ''}
          </span>
        )}
      </div>
      <JobProgress state={state} onCancel={() => compstatJob.clear()} />
      {result && (
        <div className="compstat-grid">
          <CompstatTable result={result} windowIndex={compstatWindow} />
          <div className="small compstat-notes">
            <div className="summary">
              {(result.summaryByWindow[compstatWindow] ?? result.summary).map((s, i) => (
                <p key={i}>{s}</p>
              ))}
            </div>
            <p className="muted">
              Highlighted: changes larger than chance (exact Poisson test, p &lt; {result.alpha}
              ), rises in vermilion, falls in blue. {result.sortRule} p-values are not corrected for
              the number of rows.
            </p>
            <MethodsLog log={result.log} />
          </div>
        </div>
      )}
    </div>
  );
}
