import { useState } from 'react';
import { cellLabel, type DayHourResult } from '../../data/jobs/dayHourJob';
import { formatCount, WEEKDAY_NAMES } from '../format';
import { heatColour, heatInk, HEAT_COLOURS } from './heatColours';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

const fmt = (v: number, weighted: boolean) =>
  weighted && v !== Math.round(v) ? v.toFixed(1) : formatCount(Math.round(v));

/**
 * The 7 × 24 heat table. A cell, a day (row header) or an hour (column header) chooses the day and
 * hour filters; the chosen cells are outlined. Values show on hover.
 */
export function DayHourTable(props: {
  result: DayHourResult;
  weekdays: number[] | null;
  hours: number[] | null;
  /** Day and hour filters apply (data with times of day). */
  clickable: boolean;
  onChoose: (day: number | null, hour: number | null) => void;
}): React.JSX.Element {
  const { result, weekdays, hours, clickable, onChoose } = props;
  const [hover, setHover] = useState<string>('');
  let max = 0;
  for (const v of result.table) if (v > max) max = v;
  const weighted = !result.startTimesOnly && result.spread > 0;
  const chosen = (d: number, h: number) =>
    (weekdays !== null || hours !== null) &&
    (weekdays === null || weekdays.includes(d)) &&
    (hours === null || hours.includes(h));
  const share = (v: number) =>
    result.incidents > 0 ? `${((100 * v) / result.incidents).toFixed(1)}%` : '—';

  return (
    <div className="dayhour">
      <table
        className="dayhour-table"
        data-testid="dayhour-table"
        onMouseLeave={() => setHover('')}
      >
        <thead>
          <tr>
            <th>
              {clickable && (weekdays !== null || hours !== null) ? (
                <button
                  className="link small"
                  onClick={() => onChoose(null, null)}
                  title="All days and hours"
                >
                  all
                </button>
              ) : null}
            </th>
            {HOURS.map((h) => (
              <th key={h} scope="col">
                <button
                  className="dayhour-head"
                  disabled={!clickable}
                  aria-label={`Hour ${String(h).padStart(2, '0')}:00, every day`}
                  data-testid={`dayhour-hour-${h}`}
                  onClick={() => onChoose(null, h)}
                  onMouseEnter={() =>
                    setHover(
                      `${String(h).padStart(2, '0')}:00–${String((h + 1) % 24).padStart(2, '0')}:00, every day: ${fmt(result.byHour[h], weighted)} incidents (${share(result.byHour[h])})`,
                    )
                  }
                >
                  {String(h).padStart(2, '0')}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAY_NAMES.map((name, d) => (
            <tr key={name}>
              <th scope="row">
                <button
                  className="dayhour-head"
                  disabled={!clickable}
                  aria-label={`${name}, every hour`}
                  data-testid={`dayhour-day-${d}`}
                  onClick={() => onChoose(d, null)}
                  onMouseEnter={() =>
                    setHover(
                      `${name}, all day: ${fmt(result.byDay[d], weighted)} incidents (${share(result.byDay[d])})`,
                    )
                  }
                >
                  {name}
                </button>
              </th>
              {HOURS.map((h) => {
                const v = result.table[d * 24 + h];
                const text = `${cellLabel(d * 24 + h)}: ${fmt(v, weighted)} incidents (${share(v)})`;
                return (
                  <td
                    key={h}
                    className={chosen(d, h) ? 'chosen' : undefined}
                    style={{ background: heatColour(v, max), color: heatInk(v, max) }}
                    title={text}
                    data-testid={`dayhour-cell-${d}-${h}`}
                    data-value={v}
                    onMouseEnter={() => setHover(text)}
                    onClick={clickable ? () => onChoose(d, h) : undefined}
                    role={clickable ? 'button' : undefined}
                    aria-label={text}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dayhour-foot small">
        <span className="dayhour-ramp" aria-hidden="true">
          0
          {HEAT_COLOURS.map((c) => (
            <span key={c} style={{ background: c }} />
          ))}
          {fmt(max, weighted)}
        </span>
        <span className="muted" data-testid="dayhour-hover">
          {hover || (clickable ? 'Click a cell, a day or an hour to filter the map.' : '')}
        </span>
      </div>
    </div>
  );
}
