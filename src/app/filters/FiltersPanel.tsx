import { useEffect, useMemo, useState } from 'react';
import { formatIsoDate, MS_PER_DAY } from '../../analysis/calendar';
import type { DateHistogram } from '../../data/dateHistogram';
import { OFFENCE_GROUPS, type OffenceGroup } from '../../data/incidentTable';
import { NO_FILTER } from '../../data/incidentFilter';
import { setFilter } from '../actions';
import { DateBrush } from '../charts/DateBrush';
import { formatCount, WEEKDAY_NAMES } from '../format';
import { useStore } from '../store';
import { analysisWorker } from '../workers';

function toggle<T>(list: T[] | null, all: T[], value: T): T[] | null {
  const current = list ?? all;
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return next.length === all.length ? null : next;
}

const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];
const ALL_HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Category and group, date range (histogram brush), weekday and hour filters, with the live count. */
export function FiltersPanel(): React.JSX.Element {
  const dataset = useStore((s) => s.dataset);
  const filter = useStore((s) => s.filter);
  const result = useStore((s) => s.filterResult);
  const [query, setQuery] = useState('');
  const [histogram, setHistogram] = useState<DateHistogram | null>(null);

  const histogramFilter = useMemo(() => ({ ...filter, dateRange: null }), [filter]);
  useEffect(() => {
    if (!dataset) return;
    let cancelled = false;
    void analysisWorker()
      .dateHistogram(dataset.id, histogramFilter)
      .then((h) => {
        if (!cancelled) setHistogram(h);
      });
    return () => {
      cancelled = true;
    };
  }, [dataset, histogramFilter]);

  if (!dataset) return <div className="panel muted">No data yet.</div>;
  const { table, report } = dataset;
  const categories = Object.entries(report.categories);
  const allNames = categories.map(([name]) => name);
  const timed = table.timePrecision === 'time';
  const shown = filter.categories ?? allNames;
  const visibleCategories = categories.filter(([name]) =>
    name.toLowerCase().includes(query.toLowerCase()),
  );

  return (
    <div className="panel" data-testid="filters-panel">
      <section className="count-box" aria-live="polite">
        <div className="big" data-testid="filter-count">
          {result ? formatCount(result.count) : '…'}
        </div>
        <div className="muted">of {formatCount(table.count)} incidents shown</div>
        <button
          onClick={() => void setFilter(NO_FILTER)}
          disabled={JSON.stringify(filter) === JSON.stringify(NO_FILTER)}
        >
          Clear all filters
        </button>
      </section>

      <section aria-label="Date range">
        <h2>Dates</h2>
        {histogram && (
          <DateBrush
            histogram={histogram}
            range={filter.dateRange}
            onRange={(dateRange) => void setFilter({ dateRange })}
          />
        )}
        <div className="inline-form">
          <label>
            from{' '}
            <input
              type="date"
              aria-label="From date"
              value={filter.dateRange ? formatIsoDate(filter.dateRange[0]) : ''}
              onChange={(e) => {
                const start = Date.parse(`${e.target.value}T00:00:00Z`);
                if (Number.isFinite(start))
                  void setFilter({ dateRange: [start, filter.dateRange?.[1] ?? Infinity] });
              }}
            />
          </label>
          <label>
            to{' '}
            <input
              type="date"
              aria-label="To date"
              value={
                filter.dateRange && Number.isFinite(filter.dateRange[1])
                  ? formatIsoDate(filter.dateRange[1] - MS_PER_DAY)
                  : ''
              }
              onChange={(e) => {
                const end = Date.parse(`${e.target.value}T00:00:00Z`) + MS_PER_DAY;
                if (Number.isFinite(end))
                  void setFilter({ dateRange: [filter.dateRange?.[0] ?? -Infinity, end] });
              }}
            />
          </label>
          {filter.dateRange && (
            <button className="link" onClick={() => void setFilter({ dateRange: null })}>
              all dates
            </button>
          )}
        </div>
      </section>

      <section aria-label="Offence groups">
        <h2>Offence groups</h2>
        <div className="chips">
          {OFFENCE_GROUPS.map((g) => (
            <button
              key={g}
              className={`chip${(filter.groups ?? OFFENCE_GROUPS).includes(g) ? ' on' : ''}`}
              aria-pressed={(filter.groups ?? OFFENCE_GROUPS).includes(g)}
              onClick={() =>
                void setFilter({
                  groups: toggle<OffenceGroup>(filter.groups, [...OFFENCE_GROUPS], g),
                })
              }
            >
              {g}
            </button>
          ))}
        </div>
      </section>

      <section aria-label="Days and hours">
        <h2>Day of week</h2>
        {!timed && (
          <p className="muted" data-testid="time-filters-disabled">
            This data gives{' '}
            {table.timePrecision === 'month' ? 'months only' : 'dates without times'}, so day and
            hour filters do not apply.
          </p>
        )}
        <div className="chips">
          {WEEKDAY_NAMES.map((name, d) => (
            <button
              key={name}
              disabled={!timed}
              className={`chip${(filter.weekdays ?? ALL_DAYS).includes(d) ? ' on' : ''}`}
              aria-pressed={(filter.weekdays ?? ALL_DAYS).includes(d)}
              onClick={() => void setFilter({ weekdays: toggle(filter.weekdays, ALL_DAYS, d) })}
            >
              {name}
            </button>
          ))}
        </div>
        <h2>Hour of day</h2>
        <div className="chips hours">
          {ALL_HOURS.map((h) => (
            <button
              key={h}
              disabled={!timed}
              className={`chip${(filter.hours ?? ALL_HOURS).includes(h) ? ' on' : ''}`}
              aria-pressed={(filter.hours ?? ALL_HOURS).includes(h)}
              aria-label={`${String(h).padStart(2, '0')}:00`}
              onClick={() => void setFilter({ hours: toggle(filter.hours, ALL_HOURS, h) })}
            >
              {String(h).padStart(2, '0')}
            </button>
          ))}
        </div>
      </section>

      <section aria-label="Categories">
        <h2>Categories</h2>
        <div className="inline-form">
          <input
            type="search"
            placeholder="Search categories"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-label="Search categories"
          />
          <button className="link" onClick={() => void setFilter({ categories: null })}>
            all
          </button>
          <button className="link" onClick={() => void setFilter({ categories: [] })}>
            none
          </button>
        </div>
        <ul className="check-list">
          {visibleCategories.map(([name, count]) => (
            <li key={name}>
              <label>
                <input
                  type="checkbox"
                  checked={shown.includes(name)}
                  onChange={() =>
                    void setFilter({ categories: toggle(filter.categories, allNames, name) })
                  }
                />{' '}
                {name} <span className="muted">{formatCount(count)}</span>
              </label>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
