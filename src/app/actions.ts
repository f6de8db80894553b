/**
 * Every command a user can give, as a named function over the store: import, cancel, restore,
 * delete, filter, colour, boundaries, basemap. Components call these and read the store; they hold
 * no logic of their own.
 */
import type { FeatureCollection } from 'geojson';
import type { Dataset, NamedBlob } from '../data/datasetLoader';
import { getSetting, setSetting } from '../data/datasetStore';
import type { ImportProgress } from '../data/importSession';
import { NO_FILTER, type IncidentFilter } from '../data/incidentFilter';
import type { ColumnMapping, SchemaId } from '../data/schemas';
import type { ColourBy } from '../data/renderBundle';
import { cellsToCsv, cellsToGeoJson, type CellColumns } from '../data/exports/cellsExport';
import type { CellGeometry } from '../data/jobs/cellGeometry';
import { parseBoundaryFile } from '../data/geojsonPolygons';
import { quantileBreaks } from '../map/boundaryLayers';
import sampleCsvUrl from '../../data/sample/incidents.csv?url';
import sampleBeatsUrl from '../../data/sample/beats.geojson?url';
import sampleDistrictsUrl from '../../data/sample/districts.geojson?url';
import { analysisWorker, loaderWorker, proxy, terminateLoader } from './workers';
import {
  useStore,
  type Basemap,
  type Boundary,
  type MapViewState,
  type Message,
  type Overlay,
  type Panel,
} from './store';

const set = useStore.setState;
const get = useStore.getState;

export const SAMPLE_NAME = 'Sample city (generated data)';

interface SavedView {
  datasetId: string | null;
  filter: IncidentFilter;
  colourBy: ColourBy;
  map: MapViewState | null;
}

function say(tone: Message['tone'], text: string): void {
  set({ message: { tone, text } });
}

export function dismissMessage(): void {
  set({ message: null });
}

const n = (v: number): string => v.toLocaleString('en-US');

/** Opens files the user chose: recognised layouts import at once, others open the mapping dialog. */
export async function openFiles(files: File[]): Promise<void> {
  if (files.length === 0) return;
  const named: NamedBlob[] = files.map((f) => ({ name: f.name, blob: f }));
  set({ importStatus: { kind: 'previewing', files: named }, message: null });
  const preview = await loaderWorker().previewFile(named[0]);
  if (!preview.ok) {
    set({ importStatus: { kind: 'idle' } });
    say('error', `${preview.error} The current data set is unchanged.`);
    return;
  }
  if (preview.value.schema) await runImport(named, { schema: preview.value.schema });
  else set({ importStatus: { kind: 'mapping', files: named, preview: preview.value } });
}

/** Imports with a mapping confirmed in the dialog. */
export async function importWithMapping(mapping: ColumnMapping): Promise<void> {
  const status = get().importStatus;
  if (status.kind !== 'mapping') return;
  await runImport(status.files, { mapping });
}

export function closeMappingDialog(): void {
  set({ importStatus: { kind: 'idle' } });
}

async function runImport(
  files: NamedBlob[],
  options: { schema?: SchemaId | 'auto'; mapping?: ColumnMapping },
  extra: { name?: string; isSample?: boolean } = {},
): Promise<boolean> {
  const totalBytes = files.reduce((s, f) => s + f.blob.size, 0);
  set({
    importStatus: {
      kind: 'importing',
      files,
      progress: { rowsRead: 0, rowsImported: 0, bytesRead: 0, totalBytes, phase: 'reading' },
      startedAt: performance.now(),
      elapsedMs: 0,
    },
  });
  const onProgress = proxy((progress: ImportProgress & { phase: 'reading' | 'saving' }) => {
    const status = get().importStatus;
    if (status.kind === 'importing')
      set({
        importStatus: { ...status, progress, elapsedMs: performance.now() - status.startedAt },
      });
  });
  let result;
  try {
    result = await loaderWorker().importDataset({ files, options, ...extra }, onProgress);
  } catch {
    // The worker was terminated (cancel) or crashed; cancel already said so.
    return false;
  }
  if (get().importStatus.kind !== 'importing') return false;
  set({ importStatus: { kind: 'idle' } });
  if (!result.ok) {
    if (result.kind === 'needsMapping' && files.length > 0) {
      const preview = await loaderWorker().previewFile(files[0]);
      if (preview.ok) {
        set({ importStatus: { kind: 'mapping', files, preview: preview.value } });
        return false;
      }
    }
    say('error', `${result.error} The current data set is unchanged.`);
    return false;
  }
  const { dataset, saveError } = result.value;
  await showDataset(dataset, NO_FILTER);
  const r = dataset.report;
  const rejected = r.rowsRead - r.rowsImported;
  say(
    saveError ? 'error' : 'success',
    `Imported ${n(r.rowsImported)} of ${n(r.rowsRead)} rows${rejected > 0 ? ` (${n(rejected)} rejected — see the report)` : ''}.${saveError ? ` ${saveError}` : ''}`,
  );
  void refreshDatasetList();
  return true;
}

/** Stops a running import at once; the data set on screen stays as it was. */
export function cancelImport(): void {
  if (get().importStatus.kind !== 'importing') return;
  terminateLoader();
  set({ importStatus: { kind: 'idle' } });
  say('info', 'Import cancelled. The current data set is unchanged.');
}

/** Puts a data set on the map, with a filter (a new import starts unfiltered). */
async function showDataset(
  dataset: Dataset,
  filter: IncidentFilter,
  view?: MapViewState | null,
): Promise<void> {
  const colourBy = get().colourBy;
  const bundle = await analysisWorker().renderBundle(dataset.id, colourBy, filter);
  const filterResult = await analysisWorker().applyFilter(dataset.id, filter);
  const bbox = dataset.report.bbox;
  set((s) => ({
    dataset,
    bundle,
    filter,
    filterResult,
    selectedIncident: null,
    mapTarget: view
      ? { view, seq: (s.mapTarget?.seq ?? 0) + 1 }
      : bbox
        ? { bounds: bbox, seq: (s.mapTarget?.seq ?? 0) + 1 }
        : s.mapTarget,
  }));
  if (dataset.isSample && get().boundaries.length === 0) await loadSampleBoundaries();
  saveView();
}

export async function loadSample(): Promise<void> {
  const response = await fetch(sampleCsvUrl);
  const blob = await response.blob();
  await runImport(
    [{ name: 'incidents.csv', blob }],
    { schema: 'chicago' },
    { name: SAMPLE_NAME, isSample: true },
  );
}

async function loadSampleBoundaries(): Promise<void> {
  const [beats, districts] = await Promise.all(
    [sampleBeatsUrl, sampleDistrictsUrl].map(
      async (url) => (await (await fetch(url)).json()) as FeatureCollection,
    ),
  );
  set({
    boundaries: [
      {
        id: 'sample-districts',
        name: 'Districts',
        labelField: 'district',
        geojson: districts,
        visible: true,
      },
      { id: 'sample-beats', name: 'Beats', labelField: 'beat', geojson: beats, visible: true },
    ],
  });
}

export async function restoreDataset(
  id: string,
  filter: IncidentFilter = NO_FILTER,
  view?: MapViewState | null,
): Promise<boolean> {
  const result = await loaderWorker().restoreDataset(id);
  if (!result.ok) {
    say('error', result.error);
    return false;
  }
  const dataset = result.value.dataset;
  const groups = await getSetting<number[]>(`groups:${dataset.id}`);
  await showDataset(dataset, filter, view);
  if (groups && groups.length === dataset.table.categoryGroup.length)
    await applyCategoryGroups(dataset, Uint8Array.from(groups));
  return true;
}

export async function deleteSavedDataset(id: string): Promise<void> {
  await loaderWorker().deleteDataset(id);
  await refreshDatasetList();
}

export async function refreshDatasetList(): Promise<void> {
  set({ datasets: await loaderWorker().listDatasets() });
}

let filterSeq = 0;
/** Changes the filter; the map updates on the GPU at once, the count comes back from the worker. */
export async function setFilter(patch: Partial<IncidentFilter>): Promise<void> {
  const filter = { ...get().filter, ...patch };
  set({ filter });
  const dataset = get().dataset;
  if (!dataset) return;
  const seq = ++filterSeq;
  const filterResult = await analysisWorker().applyFilter(dataset.id, filter);
  if (seq !== filterSeq) return;
  const bundle = get().bundle;
  if (filterResult.filterCategories && bundle)
    set({ filterResult, bundle: { ...bundle, filterCategories: filterResult.filterCategories } });
  else set({ filterResult });
  saveView();
  if (get().choroplethBoundaryId) await refreshChoropleth();
}

export async function setColourBy(colourBy: ColourBy): Promise<void> {
  const dataset = get().dataset;
  set({ colourBy });
  if (!dataset) return;
  set({ bundle: await analysisWorker().renderBundle(dataset.id, colourBy, get().filter) });
  saveView();
}

export function zoomToData(): void {
  const bbox = get().dataset?.report.bbox;
  if (bbox) set((s) => ({ mapTarget: { bounds: bbox, seq: (s.mapTarget?.seq ?? 0) + 1 } }));
}

let lastMapView: MapViewState | null = null;
export function rememberMapView(view: MapViewState): void {
  lastMapView = view;
  saveView();
}

let saveTimer: ReturnType<typeof setTimeout> | null = null;
function saveView(): void {
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const s = get();
    const view: SavedView = {
      datasetId: s.dataset?.id ?? null,
      filter: s.filter,
      colourBy: s.colourBy,
      map: lastMapView,
    };
    setSetting('view', view).catch((error: unknown) =>
      say('error', error instanceof Error ? error.message : String(error)),
    );
  }, 300);
}

export function selectIncident(index: number | null): void {
  set({ selectedIncident: index });
}

export function showPanel(panel: Panel): void {
  set({ panel });
}

/** Puts an analysis's layers and legend on the map under `key` (null removes them). */
export function setOverlay(key: string, overlay: Overlay | null): void {
  set((s) => {
    const overlays = { ...s.overlays };
    if (overlay) overlays[key] = overlay;
    else delete overlays[key];
    return { overlays };
  });
}

export function setShowIncidents(showIncidents: boolean): void {
  set({ showIncidents });
}

export function addBoundary(boundary: Boundary): void {
  set((s) => ({ boundaries: [...s.boundaries.filter((b) => b.id !== boundary.id), boundary] }));
}

export function setBasemap(basemap: Basemap): void {
  set({ basemap });
  setSetting('basemap', basemap).catch((error: unknown) =>
    say('error', error instanceof Error ? error.message : String(error)),
  );
}

/** On start: the last data set and view come back from IndexedDB without parsing; else the sample. */
export async function startup(): Promise<void> {
  const [view, basemap] = await Promise.all([
    getSetting<SavedView>('view'),
    getSetting<Basemap>('basemap'),
  ]);
  if (basemap) set({ basemap });
  if (view?.colourBy) set({ colourBy: view.colourBy });
  void refreshDatasetList();
  if (view?.datasetId) {
    lastMapView = view.map;
    if (await restoreDataset(view.datasetId, view.filter ?? NO_FILTER, view.map)) return;
  }
  await loadSample();
}

/** Saves the rejected rows of the open data set as a CSV download. */
export async function downloadRejectedRows(): Promise<void> {
  const dataset = get().dataset;
  if (!dataset) return;
  const blob = await loaderWorker().rejectedRowsBlob({
    report: dataset.report,
    rejected: dataset.rejected,
    files: dataset.files,
  });
  const base = dataset.name.replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '_');
  downloadBlob(blob, `${base}-rejected-rows.csv`);
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads cell or area results as GeoJSON or CSV, each with the methods log. */
export function downloadCells(
  format: 'geojson' | 'csv',
  geometry: CellGeometry,
  columns: CellColumns,
  log: string[],
  baseName: string,
): void {
  if (format === 'geojson')
    downloadBlob(
      new Blob([JSON.stringify(cellsToGeoJson(geometry, columns, log))], {
        type: 'application/geo+json',
      }),
      `${baseName}.geojson`,
    );
  else
    downloadBlob(
      new Blob([cellsToCsv(geometry, columns, log)], { type: 'text/csv' }),
      `${baseName}.csv`,
    );
}

/** Re-imports the open data set's files with latitude and longitude read the other way round. */
export async function reimportSwapped(): Promise<void> {
  const dataset = get().dataset;
  if (!dataset) return;
  const mapping = { ...dataset.report.mapping, swapLatLon: !dataset.report.mapping.swapLatLon };
  await runImport(dataset.files, { mapping }, { name: dataset.name });
}

/** Moves a category to another offence group; kept per data set in this browser. */
export async function setCategoryGroup(code: number, groupIndex: number): Promise<void> {
  const dataset = get().dataset;
  if (!dataset || groupIndex < 0) return;
  const groups = dataset.table.categoryGroup.slice();
  groups[code] = groupIndex;
  await applyCategoryGroups(dataset, groups);
  setSetting(`groups:${dataset.id}`, Array.from(groups)).catch((error: unknown) =>
    say('error', error instanceof Error ? error.message : String(error)),
  );
}

async function applyCategoryGroups(dataset: Dataset, groups: Uint8Array): Promise<void> {
  const table = { ...dataset.table, categoryGroup: groups };
  set({ dataset: { ...dataset, table } });
  await analysisWorker().setCategoryGroups(dataset.id, groups.slice());
  if (get().colourBy === 'group') await setColourBy('group');
  await setFilter({});
}

export async function importBoundaryFiles(files: File[]): Promise<void> {
  for (const file of files) {
    const parsed = parseBoundaryFile(file.name, await file.text());
    if (!parsed.ok) {
      say('error', parsed.error);
      continue;
    }
    addBoundary({
      id: `file-${file.name}-${Date.now()}`,
      name: file.name.replace(/\.(geo)?json$/i, ''),
      labelField: parsed.labelField,
      geojson: parsed.geojson,
      visible: true,
    });
    say('success', `Added ${parsed.geojson.features.length} boundaries from "${file.name}".`);
  }
}

export function setBoundaryVisible(id: string, visible: boolean): void {
  set((s) => ({ boundaries: s.boundaries.map((b) => (b.id === id ? { ...b, visible } : b)) }));
}

export function setBoundaryLabelField(id: string, labelField: string): void {
  set((s) => ({ boundaries: s.boundaries.map((b) => (b.id === id ? { ...b, labelField } : b)) }));
}

export function removeBoundary(id: string): void {
  set((s) => ({
    boundaries: s.boundaries.filter((b) => b.id !== id),
    choroplethBoundaryId: s.choroplethBoundaryId === id ? null : s.choroplethBoundaryId,
    choropleth: s.choropleth?.boundaryId === id ? null : s.choropleth,
  }));
}

/** Shows filtered incident counts per polygon of a boundary as a choropleth (null hides it). */
export async function setChoroplethBoundary(id: string | null): Promise<void> {
  set({ choroplethBoundaryId: id, choropleth: id === null ? null : get().choropleth });
  await refreshChoropleth();
}

async function refreshChoropleth(): Promise<void> {
  const { dataset, choroplethBoundaryId, boundaries, filter } = get();
  const boundary = boundaries.find((b) => b.id === choroplethBoundaryId);
  if (!dataset || !boundary) {
    set({ choropleth: null });
    return;
  }
  const counts = await analysisWorker().polygonCounts(dataset.id, boundary.geojson, filter);
  if (get().choroplethBoundaryId !== boundary.id) return;
  set({ choropleth: { boundaryId: boundary.id, counts, breaks: quantileBreaks(counts) } });
}
