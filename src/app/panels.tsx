/**
 * The panels of the sidebar, one per phase of the plan. A new phase panel is one entry here.
 */
import { AssessPanel } from './assess/AssessPanel';
import { DataPanel } from './data/DataPanel';
import { FiltersPanel } from './filters/FiltersPanel';
import { PlanPanel } from './plan/PlanPanel';
import type { Panel } from './store';
import { TimeDock } from './time/TimeDock';

export const PANELS: { id: Panel; label: string; render: () => React.JSX.Element }[] = [
  { id: 'data', label: 'Data', render: () => <DataPanel /> },
  { id: 'filters', label: 'Filters', render: () => <FiltersPanel /> },
  { id: 'assess', label: 'Assess', render: () => <AssessPanel /> },
  { id: 'plan', label: 'Plan', render: () => <PlanPanel /> },
];

/**
 * Docks under the map (the time panel), each shown when its `visible` selector says so. A new
 * dock is one entry here.
 */
export const DOCKS: { id: string; render: () => React.JSX.Element }[] = [
  { id: 'time', render: () => <TimeDock /> },
];
