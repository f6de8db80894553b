import {
  addMonths,
  formatIsoDate,
  formatIsoMonth,
  MS_PER_DAY,
  startOfMonth,
} from '../../analysis/calendar';
import { useStore } from '../store';
import {
  playerBounds,
  resetPlayer,
  showWindow,
  stopPlaying,
  togglePlaying,
  trendJob,
  updatePlayer,
  usePlayer,
} from './timeActions';

const DAY_WINDOWS = [7, 14, 28, 91, 365];
const DAY_STEPS = [1, 7, 28];
const MONTH_WINDOWS = [1, 3, 6, 12];
const MONTH_STEPS = [1, 3];
const SPEEDS = [1, 2, 4];

/**
 * Plays the map through time: a window of chosen width moves on by a step a few times a second,
 * setting the date filter (which only changes the incident layer's GPU filter, so it is cheap).
 */
export function TimePlayer(): React.JSX.Element {
  const player = usePlayer();
  // Re-render when the trend result (the data's time span) arrives.
  trendJob.use((s) => s.result);
  const precision = useStore((s) => s.dataset?.table.timePrecision);
  const dateRange = useStore((s) => s.filter.dateRange);
  const bounds = playerBounds();
  const months = precision === 'month';
  const unit = months ? 'month' : 'day';
  const plural = (v: number) => `${v} ${unit}${v === 1 ? '' : 's'}`;
  const fmt = (t: number) => (months ? formatIsoMonth(t) : formatIsoDate(t));
  const label = dateRange
    ? `${Number.isFinite(dateRange[0]) ? fmt(dateRange[0]) : '…'} – ${Number.isFinite(dateRange[1]) ? fmt(months ? addMonths(dateRange[1], -1) : dateRange[1] - MS_PER_DAY) : '…'}`
    : 'all dates';
  const position = player.startMs ?? bounds?.startMs ?? 0;

  return (
    <div className="time-player" role="group" aria-label="Play the map through time">
      <button
        className={player.playing ? 'primary' : undefined}
        onClick={togglePlaying}
        disabled={!bounds}
        data-testid="time-play"
        aria-label={player.playing ? 'Pause' : 'Play the map through time'}
        title={player.playing ? 'Pause' : 'Play the map through time'}
      >
        {player.playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <select
        value={player.windowLength}
        onChange={(e) => updatePlayer({ windowLength: Number(e.target.value) })}
        aria-label="Window width"
        title="Width of the moving window"
      >
        {(months ? MONTH_WINDOWS : DAY_WINDOWS).map((v) => (
          <option key={v} value={v}>
            {v}-{unit} window
          </option>
        ))}
      </select>
      <select
        value={player.stepLength}
        onChange={(e) => updatePlayer({ stepLength: Number(e.target.value) })}
        aria-label="Step"
        title="How far the window moves each step"
      >
        {(months ? MONTH_STEPS : DAY_STEPS).map((v) => (
          <option key={v} value={v}>
            step {plural(v)}
          </option>
        ))}
      </select>
      <select
        value={player.stepsPerSecond}
        onChange={(e) => updatePlayer({ stepsPerSecond: Number(e.target.value) })}
        aria-label="Steps a second"
        title="Steps a second"
      >
        {SPEEDS.map((v) => (
          <option key={v} value={v}>
            {v} step{v === 1 ? '' : 's'}/s
          </option>
        ))}
      </select>
      <input
        type="range"
        className="time-slider"
        aria-label="Window start"
        data-testid="time-slider"
        disabled={!bounds}
        min={bounds?.startMs ?? 0}
        max={bounds ? bounds.endMs - MS_PER_DAY : 1}
        step={MS_PER_DAY}
        value={position}
        onChange={(e) => {
          stopPlaying();
          const t = Number(e.target.value);
          void showWindow(months ? startOfMonth(t) : t);
        }}
      />
      <span className="time-window-label small" data-testid="time-window-label">
        {label}
      </span>
      <button
        className="link small"
        onClick={resetPlayer}
        disabled={!dateRange}
        title="Show all dates"
        aria-label="all dates"
      >
        ×
      </button>
    </div>
  );
}
