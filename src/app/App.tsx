import { useEffect } from 'react';
import { MapView } from './map/MapView';
import { Legend } from './map/Legend';
import { startup } from './actions';
import { ColumnMappingDialog } from './data/ColumnMappingDialog';
import { Header } from './Header';
import { IncidentDetails } from './IncidentDetails';
import { MessageBar } from './MessageBar';
import { DOCKS, PANELS } from './panels';
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
        {(PANELS.find((p) => p.id === panel) ?? PANELS[0]).render()}
      </aside>
      <main className="main">
        <div className="map-area">
          <MapView />
          <Legend />
          <IncidentDetails />
          <MessageBar />
        </div>
        {DOCKS.map((d) => (
          <div key={d.id} className="dock">
            {d.render()}
          </div>
        ))}
      </main>
      {importStatus.kind === 'mapping' && <ColumnMappingDialog status={importStatus} />}
    </div>
  );
}
