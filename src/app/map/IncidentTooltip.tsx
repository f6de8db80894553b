import type { Dataset } from '../../data/datasetLoader';
import { formatTime } from '../format';

/** A short description of the hovered incident. Text only: CSV content never becomes HTML. */
export function IncidentTooltip(props: {
  dataset: Dataset;
  index: number;
  x: number;
  y: number;
}): React.JSX.Element {
  const { table } = props.dataset;
  const i = props.index;
  const d = table.dictionaries;
  return (
    <div className="tooltip" style={{ left: props.x + 12, top: props.y + 12 }} role="tooltip">
      <strong>{d.category[table.category[i]] || '(no category)'}</strong>
      {d.description[table.description[i]] && <div>{d.description[table.description[i]]}</div>}
      <div>{formatTime(table.timeMs[i], table.timePrecision)}</div>
      {d.address[table.address[i]] && <div>{d.address[table.address[i]]}</div>}
      <div className="muted">Click for all fields</div>
    </div>
  );
}
