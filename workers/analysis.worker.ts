/// <reference lib="webworker" />
// The analysis worker: holds a copy of the current incident table (sent by the import worker) and
// answers the page's filter, map and analysis requests.
import { expose, transfer } from 'comlink';
import type { FeatureCollection } from 'geojson';
import { DatasetService } from '../src/data/datasetService';
import type { IncidentFilter } from '../src/data/incidentFilter';
import type { IncidentTable } from '../src/data/incidentTable';
import { renderTransferables, type ColourBy } from '../src/data/renderBundle';

const service = new DatasetService();

const api = {
  connectLoader(port: MessagePort): void {
    port.onmessage = (event: MessageEvent<{ id: string; name: string; table: IncidentTable }>) =>
      service.setTable(event.data.id, event.data.table, event.data.name);
  },
  async renderBundle(id: string, colourBy: ColourBy, filter: IncidentFilter) {
    const bundle = await service.renderBundle(id, colourBy, filter);
    return transfer(bundle, renderTransferables(bundle));
  },
  setCategoryGroups: (id: string, groups: Uint8Array) => service.setCategoryGroups(id, groups),
  async polygonCounts(id: string, geojson: FeatureCollection, filter: IncidentFilter) {
    const counts = await service.polygonCounts(id, geojson, filter);
    return transfer(counts, [counts.buffer as ArrayBuffer]);
  },
  dateHistogram: (id: string, filter: IncidentFilter) => service.dateHistogram(id, filter),
  /** Sends the filtered incidents to a job worker's port. */
  async sendJobInput(id: string, filter: IncidentFilter, port: MessagePort): Promise<number> {
    const { input, transfer: buffers } = await service.jobInput(id, filter);
    port.postMessage(input, buffers);
    port.close();
    return input.count;
  },
  async applyFilter(id: string, filter: IncidentFilter) {
    const result = await service.applyFilter(id, filter);
    return result.filterCategories
      ? transfer(result, [result.filterCategories.buffer as ArrayBuffer])
      : result;
  },
};

export type AnalysisApi = typeof api;
expose(api);
