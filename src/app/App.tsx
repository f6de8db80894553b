import { useEffect } from 'react';
import { MapView } from './map/MapView';
import { Legend } from './map/Legend';
import { startup } from './actions';
import { ColumnMappingDialog } from './data/ColumnMappingDialog';
import { DataPanel } from './data/DataPanel';
import { FiltersPanel } from './filters/FiltersPanel';
import { Header } from './Header';
import { IncidentDetails } from './IncidentDetails';
import { MessageBar } from './MessageBar';
import { useStore } from './store';

export function App(): React.JSX.Element {
  const panel = useStore((s) => s.panel);
  const importStatus = useStore((s) => s.importStatus);
  useEffect(() => {
    void startup();
  }, []);
  return (
    <div className="app">
      <Header />
      <aside className="sidebar" aria-label="Panels">
        {panel === 'data' ? <DataPanel /> : <FiltersPanel />}
      </aside>
      <main className="main">
        <MapView />
        <Legend />
        <IncidentDetails />
        <MessageBar />
      </main>
      {importStatus.kind === 'mapping' && <ColumnMappingDialog status={importStatus} />}
    </div>
  );
}
