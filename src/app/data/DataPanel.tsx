import { useRef, useState } from 'react';
import { cancelImport, openFiles } from '../actions';
import { formatBytes, formatCount } from '../format';
import { useStore } from '../store';
import { BasemapSettings } from './BasemapSettings';
import { BoundariesSection } from './BoundariesSection';
import { ImportReportView } from './ImportReportView';
import { SavedDatasets } from './SavedDatasets';

/** Import, the import report, saved data sets, boundaries and the basemap. */
export function DataPanel(): React.JSX.Element {
  const status = useStore((s) => s.importStatus);
  const dataset = useStore((s) => s.dataset);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  return (
    <div className="panel" data-testid="data-panel">
      <section
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void openFiles([...e.dataTransfer.files]);
        }}
      >
        <h2>Import incidents</h2>
        <p className="muted">
          CSV files from the Chicago, police.uk, NYC, San Francisco or Los Angeles portals open
          directly; any other layout asks which columns hold what. Several files of one layout
          import together. Nothing leaves this browser.
        </p>
        <button
          className="primary"
          onClick={() => input.current?.click()}
          disabled={status.kind === 'importing'}
        >
          Choose CSV files…
        </button>
        <input
          ref={input}
          type="file"
          accept=".csv,.txt,.tsv,text/csv"
          multiple
          hidden
          data-testid="file-input"
          onChange={(e) => {
            void openFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        {status.kind === 'previewing' && <p className="muted">Reading the first rows…</p>}
        {status.kind === 'importing' && <ImportProgressView status={status} />}
      </section>
      {dataset && <ImportReportView dataset={dataset} />}
      <SavedDatasets />
      <BoundariesSection />
      <BasemapSettings />
    </div>
  );
}

function ImportProgressView({
  status,
}: {
  status: Extract<ReturnType<typeof useStore.getState>['importStatus'], { kind: 'importing' }>;
}): React.JSX.Element {
  const p = status.progress;
  const fraction = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
  const seconds = status.elapsedMs / 1000;
  return (
    <div className="progress" data-testid="import-progress" aria-live="polite">
      <progress value={fraction} max={1} aria-label="Import progress" />
      <div>
        {formatCount(p.rowsRead)} rows · {formatBytes(p.bytesRead)} of {formatBytes(p.totalBytes)} ·{' '}
        {(fraction * 100).toFixed(0)}%{seconds > 1 ? ` · ${seconds.toFixed(0)} s` : ''}
      </div>
      <button onClick={cancelImport}>Cancel</button>
    </div>
  );
}
