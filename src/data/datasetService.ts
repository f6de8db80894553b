/**
 * The analysis worker's side of a data set: it holds a copy of the current incident table and
 * answers the page's requests — filter counts, the map's GPU columns, and (in later modules) every
 * analysis — so the page never loops over incidents.
 */
import type { FeatureCollection } from 'geojson';
import { projectPositions, type LocalProjection } from '../analysis/localProjection';
import { polygonCounts } from '../analysis/polygonCounts';
import { featuresToPlanar } from './geojsonPolygons';
import { tableProjection } from './tableProjection';
import { dateHistogram, type DateHistogram } from './dateHistogram';
import { buildJobInput, jobInputTransferables, type JobInput } from './jobInput';
import type { IncidentTable } from './incidentTable';
import { categoryPass, filterMask, type IncidentFilter } from './incidentFilter';
import {
  buildRenderBundle,
  rankCategories,
  shownSlots,
  slotsStale,
  updateSlots,
  type ColourBy,
  type RenderBundle,
} from './renderBundle';

export interface FilterResult {
  datasetId: string;
  count: number;
  total: number;
  /** deck.gl filterCategories for the slot channel. */
  shownSlots: number[];
  /** A new slot column when rare categories changed sides; the map swaps it in. */
  filterCategories: Uint32Array | null;
}

export class DatasetService {
  private table: IncidentTable | null = null;
  private id = '';
  private slots: Uint8Array | null = null;
  private filterCategories: Uint32Array | null = null;
  private waiting: { id: string; resolve: () => void }[] = [];
  private name = '';
  private projection: LocalProjection | null = null;
  private xy: Float64Array | null = null;

  setTable(id: string, table: IncidentTable, name = ''): void {
    this.id = id;
    this.name = name;
    this.table = table;
    this.slots = null;
    this.filterCategories = null;
    this.projection = null;
    this.xy = null;
    this.waiting = this.waiting.filter((w) => {
      if (w.id !== id) return true;
      w.resolve();
      return false;
    });
  }

  get datasetId(): string {
    return this.id;
  }

  /** Resolves when the table of data set `id` has arrived. */
  async ready(id: string): Promise<IncidentTable> {
    if (this.id !== id || !this.table)
      await new Promise<void>((resolve) => this.waiting.push({ id, resolve }));
    return this.table as IncidentTable;
  }

  /** The local metric projection of the data set (centred on its bounding box) and its points in metres. */
  metric(): { projection: LocalProjection; xy: Float64Array } {
    const table = this.table as IncidentTable;
    if (!this.projection || !this.xy) {
      this.projection = tableProjection(table);
      this.xy = projectPositions(table.positions, this.projection);
    }
    return { projection: this.projection, xy: this.xy };
  }

  /** Replaces the offence group of each category (the user edited the mapping). */
  async setCategoryGroups(id: string, groups: Uint8Array): Promise<void> {
    const table = await this.ready(id);
    table.categoryGroup = groups;
  }

  /** Filtered incidents in each polygon of a boundary file. */
  async polygonCounts(
    id: string,
    geojson: FeatureCollection,
    filter: IncidentFilter,
  ): Promise<Float64Array> {
    const table = await this.ready(id);
    const { mask, count } = filterMask(table, filter);
    const { projection, xy } = this.metric();
    const selected = new Float64Array(2 * count);
    for (let i = 0, k = 0; i < table.count; i++)
      if (mask[i]) {
        selected[2 * k] = xy[2 * i];
        selected[2 * k + 1] = xy[2 * i + 1];
        k++;
      }
    return Float64Array.from(polygonCounts(selected, featuresToPlanar(geojson, projection)).counts);
  }

  /** The filtered incidents as a job's input, with the buffers to transfer. */
  async jobInput(
    id: string,
    filter: IncidentFilter,
  ): Promise<{ input: JobInput; transfer: ArrayBuffer[] }> {
    const table = await this.ready(id);
    const { mask, count } = filterMask(table, filter);
    const { projection, xy } = this.metric();
    const input = buildJobInput(table, mask, count, {
      datasetId: id,
      datasetName: this.name,
      projection,
      xy,
      filter,
    });
    return { input, transfer: jobInputTransferables(input) };
  }

  /** Incident counts over time for the date brush: the filter without its date range. */
  async dateHistogram(id: string, filter: IncidentFilter): Promise<DateHistogram> {
    const table = await this.ready(id);
    const { mask } = filterMask(table, { ...filter, dateRange: null });
    return dateHistogram(table, mask);
  }

  async renderBundle(
    id: string,
    colourBy: ColourBy,
    filter: IncidentFilter,
  ): Promise<RenderBundle> {
    const table = await this.ready(id);
    const bundle = buildRenderBundle(table, colourBy, categoryPass(table, filter));
    this.slots = bundle.slotOfCategory;
    this.filterCategories = bundle.filterCategories.slice();
    return bundle;
  }

  async applyFilter(id: string, filter: IncidentFilter): Promise<FilterResult> {
    const table = await this.ready(id);
    const { count } = filterMask(table, filter);
    const pass = categoryPass(table, filter);
    let columns: Uint32Array | null = null;
    if (this.slots && this.filterCategories) {
      const { counts } = rankCategories(table);
      if (slotsStale(this.slots, pass, counts)) {
        this.slots = updateSlots(table, pass, this.filterCategories);
        columns = this.filterCategories.slice();
      }
    }
    return {
      datasetId: id,
      count,
      total: table.count,
      shownSlots: this.slots ? shownSlots(this.slots, pass) : [],
      filterCategories: columns,
    };
  }
}
