/**
 * The app's one store (zustand). State only; the commands that change it are the named actions in
 * `actions.ts`. Derived data (counts, GPU columns, statistics) comes from the workers, never from
 * loops in components.
 */
import { create } from 'zustand';
import type { Dataset, FilePreview, NamedBlob } from '../data/datasetLoader';
import type { DatasetSummary } from '../data/datasetStore';
import type { FilterResult } from '../data/datasetService';
import { NO_FILTER, type IncidentFilter } from '../data/incidentFilter';
import type { ImportProgress } from '../data/importSession';
import type { ColourBy, RenderBundle } from '../data/renderBundle';
import type { FeatureCollection } from 'geojson';
import type { Layer } from '@deck.gl/core';

export type ImportStatus =
  | { kind: 'idle' }
  | { kind: 'previewing'; files: NamedBlob[] }
  | { kind: 'mapping'; files: NamedBlob[]; preview: FilePreview }
  | {
      kind: 'importing';
      files: NamedBlob[];
      progress: ImportProgress & { phase: 'reading' | 'saving' };
      startedAt: number;
      elapsedMs: number;
    };

export interface Boundary {
  id: string;
  name: string;
  /** The property that names each polygon (beat number, ward name…). */
  labelField: string;
  geojson: FeatureCollection;
  visible: boolean;
}

export type Panel = 'data' | 'filters' | 'assess' | 'plan';

export interface LegendItem {
  label: string;
  colour: [number, number, number] | [number, number, number, number];
  shape?: 'square' | 'circle' | 'line';
}

export interface OverlayLegend {
  title: string;
  items: LegendItem[];
  note?: string;
}

/** Layers an analysis or the plan puts on the map, with their legend. */
export interface Overlay {
  layers: Layer[];
  legend?: OverlayLegend;
  /** Drawing order among overlays (higher on top). */
  order: number;
  /** Draw above the incident points (default: below). */
  aboveIncidents?: boolean;
}

export type Basemap =
  | { kind: 'offline' }
  | { kind: 'style'; url: string }
  | { kind: 'pmtiles'; name: string; file: Blob };

export interface MapViewState {
  longitude: number;
  latitude: number;
  zoom: number;
}

export interface Message {
  tone: 'info' | 'error' | 'success';
  text: string;
}

export interface AppState {
  dataset: Dataset | null;
  datasets: DatasetSummary[];
  importStatus: ImportStatus;
  message: Message | null;
  filter: IncidentFilter;
  filterResult: FilterResult | null;
  colourBy: ColourBy;
  bundle: RenderBundle | null;
  boundaries: Boundary[];
  /** Boundary whose polygons show incident counts as a choropleth, if any. */
  choroplethBoundaryId: string | null;
  /** Filtered incident counts per polygon of that boundary, from the worker. */
  choropleth: { boundaryId: string; counts: Float64Array; breaks: number[] } | null;
  basemap: Basemap;
  panel: Panel;
  /** Where the map should go next (set by "zoom to data" or a restored view). */
  mapTarget: { bounds?: [number, number, number, number]; view?: MapViewState; seq: number } | null;
  selectedIncident: number | null;
  overlays: Record<string, Overlay>;
  showIncidents: boolean;
}

export const useStore = create<AppState>(() => ({
  dataset: null,
  datasets: [],
  importStatus: { kind: 'idle' },
  message: null,
  filter: NO_FILTER,
  filterResult: null,
  colourBy: 'category',
  bundle: null,
  boundaries: [],
  choroplethBoundaryId: null,
  choropleth: null,
  basemap: { kind: 'offline' },
  panel: 'data',
  mapTarget: null,
  selectedIncident: null,
  overlays: {},
  showIncidents: true,
}));
