import { useRef, useState } from 'react';
import { describeBasemap } from '../../map/basemap';
import { setBasemap } from '../actions';
import { useStore } from '../store';

/** The basemap: offline by default; an online style URL or a local PMTiles file if wanted. */
export function BasemapSettings(): React.JSX.Element {
  const basemap = useStore((s) => s.basemap);
  const [url, setUrl] = useState(basemap.kind === 'style' ? basemap.url : '');
  const input = useRef<HTMLInputElement>(null);
  return (
    <section aria-label="Basemap" data-testid="basemap-settings">
      <h2>Basemap</h2>
      <p className="muted">{describeBasemap(basemap)}</p>
      <div className="row-buttons">
        <button
          disabled={basemap.kind === 'offline'}
          onClick={() => setBasemap({ kind: 'offline' })}
        >
          Offline
        </button>
        <button onClick={() => input.current?.click()}>Local PMTiles file…</button>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (/^https:\/\//.test(url)) setBasemap({ kind: 'style', url });
        }}
      >
        <input
          type="url"
          placeholder="https://…/style.json (online)"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-label="Online style URL"
        />
        <button type="submit" disabled={!/^https:\/\//.test(url)}>
          Use
        </button>
      </form>
      <p className="muted small">
        An online style fetches map tiles from its server (the incidents themselves never leave this
        browser).
      </p>
      <input
        ref={input}
        type="file"
        accept=".pmtiles"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) setBasemap({ kind: 'pmtiles', name: file.name, file });
          e.target.value = '';
        }}
      />
    </section>
  );
}
