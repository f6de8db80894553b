/**
 * Every command of the Plan panel, as a named action over the plan store (`planState.ts`): open,
 * create, rename and delete plans; draw, edit, buffer and delete zones; make zones from hot-spot
 * cells and boundary polygons; attach strategies with goals, metrics and baselines; accept
 * suggested patrol zones; import and export files; undo and redo.
 *
 * Every change to the plan goes through `commit(label, change)`: the result is validated against
 * the plan schema (an invalid plan is refused with its reason, the plan stays as it was), the plan
 * before it joins the undo history under the action's name, and the plan is saved to IndexedDB at
 * once — compare-and-set on its revision, so that another tab's save is never silently overwritten.
 */
import { bbox as turfBbox } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { dissolveCells } from '../../analysis/dissolveCells';
import {
  asGeoJson,
  bufferZoneGeometry,
  circleGeometry,
  circleOf,
  toZoneGeometry,
  unionGeometries,
} from '../../plan/zoneGeometry';
import { hotCells, hotspotFinding } from '../../plan/zoneFindings';
import { getSetting, setSetting } from '../../data/datasetStore';
import { NO_FILTER, describeFilter, type IncidentFilter } from '../../data/incidentFilter';
import type { DensityResult } from '../../data/jobs/densityJob';
import type { HotspotResult } from '../../data/jobs/hotspotsJob';
import type { PatrolZonesParams } from '../../data/jobs/patrolZonesJob';
import type { ZoneResult } from '../../data/jobs/zoneJob';
import {
  createSuggestionLayers,
  createCellPickLayers,
  createZoneLayers,
} from '../../map/planZoneLayer';
import { parsePlanFile, planFileName, planToGeoJson, serialisePlan } from '../../plan/planFile';
import {
  createEmptyPlan,
  nextRevision,
  validatePlan,
  type Metric,
  type Plan,
  type Strategy,
  type Zone,
  type ZoneGeometry,
  type ZoneSource,
} from '../../plan/planSchema';
import {
  deletePlan as deleteStoredPlan,
  isDamaged,
  loadPlan,
  loadPlans,
  savePlan,
  watchPlanSaves,
  type DamagedPlan,
} from '../../plan/planStore';
import { downloadBlob, setOverlay, showPanel } from '../actions';
import { densityJobStore } from '../assess/densityActions';
import { hotspotJob } from '../assess/hotspotActions';
import { createJobStore } from '../jobStore';
import { startJob } from '../jobs';
import { useStore, type Overlay } from '../store';
import {
  isDrawing,
  selectInDrawing,
  startDrawing,
  stopDrawing,
  syncDrawing,
  zonesInDrawing,
  type DrawableZone,
} from './drawing';
import {
  usePlan,
  type DrawTool,
  type MapTool,
  type PanelMessage,
  type PlanState,
} from './planState';

const set = usePlan.setState;
const get = usePlan.getState;

export const zoneJobStore = createJobStore('zone');
export const patrolZonesStore = createJobStore('patrolZones');

/**
 * Okabe & Ito's colour-blind-safe palette, blues and greens first: the oranges and reds come last
 * because the hot spot layer uses them (black and yellow left out: hard to see on the map).
 */
export const ZONE_COLOURS = ['#0072b2', '#009e73', '#cc79a7', '#56b4e9', '#e69f00', '#d55e00'];

const nowIso = (): string => new Date().toISOString();
const newId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `id-${Date.now()}-${Math.random().toString(36).slice(2)}`;

let messageTimer: ReturnType<typeof setTimeout> | null = null;

/** A message in the Plan panel (and on the app's message bar when `global`); news fades after 10 s. */
function say(tone: PanelMessage['tone'], text: string, global = false): void {
  const message = { tone, text };
  set({ panelMessage: message });
  if (global) useStore.setState({ message });
  if (messageTimer) clearTimeout(messageTimer);
  messageTimer =
    tone === 'error'
      ? null
      : setTimeout(() => {
          if (get().panelMessage === message) set({ panelMessage: null });
        }, 10_000);
}

export function dismissPanelMessage(): void {
  set({ panelMessage: null });
}

// ————————————————————————————————————————— geometry helpers —————————————————————————————————————————

function nextZoneName(plan: Plan): string {
  let max = 0;
  for (const z of plan.zones) {
    const m = /^Zone (\d+)$/.exec(z.properties.name);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `Zone ${Math.max(max, plan.zones.length) + 1}`;
}

function nextColour(plan: Plan): string {
  const used = new Set(plan.zones.map((z) => z.properties.colour.toLowerCase()));
  return (
    ZONE_COLOURS.find((c) => !used.has(c)) ?? ZONE_COLOURS[plan.zones.length % ZONE_COLOURS.length]
  );
}

// ————————————————————————————————————————— plan life cycle ——————————————————————————————————————————

function blankPlan(datasetId: string, name: string): Plan {
  return createEmptyPlan({ id: newId(), name, datasetId, now: nowIso() });
}

function listEntry(p: Plan) {
  return { id: p.id, name: p.name, updatedAt: p.updatedAt };
}

function uniqueName(base: string, taken: string[]): string {
  if (!taken.includes(base)) return base;
  for (let k = 2; ; k++) if (!taken.includes(`${base} (${k})`)) return `${base} (${k})`;
}

function resetForPlan(plan: Plan, stored: boolean): Partial<PlanState> {
  return {
    plan,
    stored,
    past: [],
    future: [],
    conflict: null,
    selectedZoneId: null,
    pickedCells: [],
    editingStrategyId: null,
    save: stored
      ? { kind: 'saved', at: plan.updatedAt, revision: plan.revision }
      : { kind: 'idle' },
  };
}

let loadSeq = 0;
/** Opens the data set's plans: the last one opened in this browser, else the newest, else a new one. */
export async function loadForDataset(datasetId: string): Promise<void> {
  const seq = ++loadSeq;
  const [loaded, lastId] = await Promise.all([
    loadPlans(datasetId),
    getSetting<string>(`plan:${datasetId}`),
  ]);
  if (seq !== loadSeq) return;
  const chosen = loaded.plans.find((p) => p.id === lastId) ?? loaded.plans[0] ?? null;
  set({
    datasetId,
    plans: loaded.plans.map(listEntry),
    damaged: loaded.damaged,
    ...(chosen ? resetForPlan(chosen, true) : resetForPlan(blankPlan(datasetId, 'Plan 1'), false)),
  });
  if (loaded.damaged.length > 0) reportDamaged(loaded.damaged);
  else if (loaded.migrated.includes(chosen?.id ?? ''))
    say(
      'info',
      `"${chosen?.name}" was saved by an older version; it is updated on its next change.`,
    );
  zoneJobStore.clear();
  patrolZonesStore.clear();
  afterPlanChange({ resync: true });
}

/** On the app's message bar (the Plan panel lists the damaged plans with their problems). */
function reportDamaged(damaged: DamagedPlan[]): void {
  const names = damaged.map((d) => `"${d.name}"`).join(', ');
  const one = damaged.length === 1;
  const first = damaged[0].error.split('\n').find((line) => line.startsWith('• '));
  useStore.setState({
    message: {
      tone: 'error',
      text: `${one ? 'A stored plan' : `${damaged.length} stored plans`} (${names}) could not be read and ${one ? 'was' : 'were'} not opened; ${one ? 'it is' : 'they are'} kept unchanged — see the Plan panel to download a copy.${first ? ` First problem: ${first.slice(2)}.` : ''}`,
    },
  });
}

export async function openPlan(id: string): Promise<void> {
  const state = get();
  if (state.plan?.id === id) return;
  const loaded = await loadPlan(id);
  if (!loaded) {
    say('error', 'That plan is no longer stored (deleted in another tab?).');
    await refreshPlanList();
    return;
  }
  if (isDamaged(loaded)) {
    say('error', loaded.error);
    return;
  }
  set(resetForPlan(loaded, true));
  void setSetting(`plan:${loaded.datasetId}`, loaded.id);
  afterPlanChange({ resync: true });
}

export async function newPlan(): Promise<void> {
  const { datasetId, plans } = get();
  if (!datasetId) return;
  const plan = blankPlan(
    datasetId,
    uniqueName(
      `Plan ${plans.length + 1}`,
      plans.map((p) => p.name),
    ),
  );
  set(resetForPlan(plan, false));
  // Stored at once, so it appears in the list of plans.
  await saveNow();
  void setSetting(`plan:${datasetId}`, plan.id);
  afterPlanChange({ resync: true });
}

export async function deleteCurrentPlan(): Promise<void> {
  const { plan, stored, datasetId } = get();
  if (!plan || !datasetId) return;
  if (stored) await deleteStoredPlan(plan.id, datasetId);
  say('info', `Deleted the plan "${plan.name}".`);
  await loadForDataset(datasetId);
}

async function refreshPlanList(): Promise<void> {
  const { datasetId } = get();
  if (!datasetId) return;
  const loaded = await loadPlans(datasetId);
  set({ plans: loaded.plans.map(listEntry), damaged: loaded.damaged });
}

export function downloadDamagedPlan(id: string): void {
  const d = get().damaged.find((p) => p.id === id);
  if (!d) return;
  const blob = new Blob([JSON.stringify(d.raw, null, 2)], { type: 'application/json' });
  downloadBlob(blob, `damaged-plan-${d.id}.json`);
}

export async function deleteDamagedPlan(id: string): Promise<void> {
  const { datasetId } = get();
  if (!datasetId) return;
  await deleteStoredPlan(id, datasetId);
  await refreshPlanList();
}

// ————————————————————————————————————————— commit, history, save —————————————————————————————————————

export interface CommitOptions {
  /** Merge with the previous entry when it has the same key and is recent (typing). */
  key?: string;
  /** The change came from the drawing tools, which already show it. */
  fromDrawing?: boolean;
}

let changeSeq = 0;
let savedSeq = 0;

/**
 * Applies a named change to the open plan. Returns null on success, or the reason it was refused
 * (the plan is then unchanged).
 */
export function commit(
  label: string,
  change: (plan: Plan) => Plan,
  options: CommitOptions = {},
): string | null {
  const state = get();
  const plan = state.plan;
  if (!plan) return 'No plan is open (load a data set first).';
  const next = change(plan);
  if (next === plan) return null;
  const checked = validatePlan(next);
  if ('error' in checked) return checked.error.replace(', so it was not loaded', '');
  const last = state.past[state.past.length - 1];
  const merge =
    options.key !== undefined && last?.key === options.key && Date.now() - last.at < 2000;
  const past = merge
    ? [...state.past.slice(0, -1), { ...last, at: Date.now() }]
    : [...state.past, { label, before: plan, key: options.key, at: Date.now() }].slice(-200);
  set({ plan: checked.plan, past, future: [] });
  changeSeq++;
  void saveNow();
  afterPlanChange({ resync: !options.fromDrawing });
  return null;
}

/** The plan with another plan's content, keeping this one's identity and stored revision. */
function withContent(current: Plan, content: Plan): Plan {
  return {
    ...content,
    id: current.id,
    datasetId: current.datasetId,
    createdAt: current.createdAt,
    revision: current.revision,
    updatedAt: current.updatedAt,
  };
}

export function undo(): void {
  const { past, future, plan } = get();
  const entry = past[past.length - 1];
  if (!entry || !plan) return;
  set({
    plan: withContent(plan, entry.before),
    past: past.slice(0, -1),
    future: [...future, { ...entry, before: plan }],
  });
  changeSeq++;
  say('info', `Undone: ${entry.label}.`);
  void saveNow();
  afterPlanChange({ resync: true });
}

export function redo(): void {
  const { past, future, plan } = get();
  const entry = future[future.length - 1];
  if (!entry || !plan) return;
  set({
    plan: withContent(plan, entry.before),
    future: future.slice(0, -1),
    past: [...past, { ...entry, before: plan }],
  });
  changeSeq++;
  say('info', `Redone: ${entry.label}.`);
  void saveNow();
  afterPlanChange({ resync: true });
}

let saving = false;
let saveAgain = false;
/** The conflict warning put on the app's message bar, taken down when the conflict is resolved. */
let conflictMessage: string | null = null;

function clearConflictMessage(): void {
  if (conflictMessage && useStore.getState().message?.text === conflictMessage)
    useStore.setState({ message: null });
  conflictMessage = null;
}

/** Saves the open plan now (one save at a time; changes made meanwhile are saved right after). */
export async function saveNow(): Promise<void> {
  if (saving) {
    saveAgain = true;
    return;
  }
  saving = true;
  try {
    do {
      saveAgain = false;
      const s = get();
      if (!s.plan || s.conflict) return;
      const seq = changeSeq;
      const toSave = nextRevision(s.plan, nowIso());
      set({ save: { kind: 'saving' } });
      const result = await savePlan(toSave, s.stored ? s.plan.revision : null);
      if (!result.ok) {
        set({
          conflict: { message: result.message, stored: result.stored },
          save: { kind: 'idle' },
        });
        conflictMessage = `${result.message} Open the Plan panel to reload it or keep yours as a copy.`;
        useStore.setState({ message: { tone: 'error', text: conflictMessage } });
        return;
      }
      savedSeq = seq;
      set((st) => ({
        plan:
          st.plan && st.plan.id === toSave.id
            ? { ...st.plan, revision: toSave.revision, updatedAt: toSave.updatedAt }
            : st.plan,
        stored: st.plan?.id === toSave.id ? true : st.stored,
        save: { kind: 'saved', at: toSave.updatedAt, revision: toSave.revision },
        plans: [listEntry(toSave), ...st.plans.filter((p) => p.id !== toSave.id)].sort((a, b) =>
          b.updatedAt.localeCompare(a.updatedAt),
        ),
      }));
      if (changeSeq !== seq) saveAgain = true;
    } while (saveAgain);
  } catch (error) {
    set({
      save: { kind: 'error', message: error instanceof Error ? error.message : String(error) },
    });
  } finally {
    saving = false;
  }
}

/** Conflict: take the version another tab saved, dropping this tab's unsaved change. */
export async function reloadFromStore(): Promise<void> {
  const { plan, datasetId } = get();
  if (!plan) return;
  clearConflictMessage();
  const stored = await loadPlan(plan.id);
  if (stored && !isDamaged(stored)) {
    set(resetForPlan(stored, true));
    say('info', `Reloaded "${stored.name}" as the other tab saved it.`);
  } else if (datasetId) await loadForDataset(datasetId);
  savedSeq = changeSeq;
  await refreshPlanList();
  afterPlanChange({ resync: true });
}

/** Conflict: keep this tab's version as a new plan beside the other tab's. */
export async function saveAsCopy(): Promise<void> {
  const { plan, plans } = get();
  if (!plan) return;
  clearConflictMessage();
  const copy: Plan = {
    ...plan,
    id: newId(),
    name: uniqueName(
      `${plan.name} (copy)`,
      plans.map((p) => p.name),
    ),
    revision: 0,
    createdAt: nowIso(),
  };
  set({ ...resetForPlan(copy, false), past: get().past });
  await saveNow();
  await refreshPlanList();
  void setSetting(`plan:${copy.datasetId}`, copy.id);
  say('success', `Your version is saved as "${copy.name}"; the other tab's version is kept too.`);
  afterPlanChange({ resync: true });
}

function onOtherTabSave(message: {
  planId: string;
  datasetId: string;
  revision: number;
  deleted?: boolean;
}): void {
  const { plan, datasetId, conflict } = get();
  if (message.datasetId === datasetId) void refreshPlanList();
  if (!plan || message.planId !== plan.id || conflict) return;
  if (message.deleted) {
    set({
      conflict: {
        message: `The plan "${plan.name}" was deleted in another tab or window.`,
        stored: null,
      },
    });
    return;
  }
  if (message.revision <= plan.revision) return;
  const unsaved = saving || changeSeq !== savedSeq;
  if (!unsaved) {
    void (async () => {
      const stored = await loadPlan(plan.id);
      if (stored && !isDamaged(stored) && get().plan?.id === stored.id) {
        set({
          plan: stored,
          save: { kind: 'saved', at: stored.updatedAt, revision: stored.revision },
        });
        say('info', `"${stored.name}" was updated from another tab.`);
        afterPlanChange({ resync: true });
      }
    })();
  } else
    set({
      conflict: {
        message: `The plan "${plan.name}" was changed in another tab or window while this tab has changes not yet saved.`,
        stored: null,
      },
    });
}

// ——————————————————————————————————————————— after a change —————————————————————————————————————————

let figuresTimer: ReturnType<typeof setTimeout> | null = null;

function afterPlanChange(options: { resync: boolean }): void {
  const { plan, tool } = get();
  if (options.resync && tool && tool !== 'cells') syncDrawing(drawableZones(plan));
  refreshPlanOverlays();
  scheduleZoneFigures();
}

function drawableZones(plan: Plan | null): DrawableZone[] {
  return (plan?.zones ?? [])
    .filter((z) => z.geometry.type === 'Polygon')
    .map((z) => ({
      id: z.properties.id,
      colour: z.properties.colour,
      geometry: z.geometry as Polygon,
    }));
}

/** Recomputes the zone figures (in a worker) shortly after the zones or the filters change. */
export function scheduleZoneFigures(delayMs = 400): void {
  if (figuresTimer) clearTimeout(figuresTimer);
  figuresTimer = setTimeout(() => {
    figuresTimer = null;
    void refreshZoneFigures();
  }, delayMs);
}

export async function refreshZoneFigures(): Promise<void> {
  const { plan } = get();
  const { dataset, panel } = useStore.getState();
  if (!plan || !dataset || panel !== 'plan') return;
  if (plan.zones.length === 0) {
    zoneJobStore.clear();
    return;
  }
  await zoneJobStore.run({
    zones: plan.zones.map((z) => ({
      id: z.properties.id,
      name: z.properties.name,
      geometry: asGeoJson(z.geometry),
    })),
  });
}

/** The zones' figures from the last run, by zone id (only for zones that still have that shape). */
export function figuresOf(result: ZoneResult | null, zoneId: string) {
  return result?.zones.find((z) => z.id === zoneId) ?? null;
}

export function refreshPlanOverlays(): void {
  const { plan, selectedZoneId, tool, pickedCells } = get();
  const zones = (plan?.zones ?? []).map((z) => ({
    id: z.properties.id,
    name: z.properties.name,
    colour: z.properties.colour,
    geometry: asGeoJson(z.geometry),
  }));
  if (zones.length === 0) {
    setOverlay('plan-zones', null);
    setOverlay('plan-zone-labels', null);
  } else {
    const layers = createZoneLayers({
      zones,
      selectedId: selectedZoneId,
      hiddenIds: tool && tool !== 'cells' ? zonesInDrawing() : undefined,
      pickable: tool === null,
      onPick: (id) => {
        selectZone(id);
        showPanel('plan');
      },
    });
    setOverlay('plan-zones', {
      layers: layers.polygons,
      order: 20,
      legend: {
        title: `Plan: ${plan?.name ?? ''}`,
        items: zones.slice(0, 10).map((z) => ({
          label: z.name,
          colour: hexRgba(z.colour),
          shape: 'square' as const,
        })),
        note: zones.length > 10 ? `…and ${zones.length - 10} more zones.` : undefined,
      },
    });
    setOverlay('plan-zone-labels', { layers: layers.labels, order: 21, aboveIncidents: true });
  }
  // Suggested patrol zones not yet accepted.
  const suggested = patrolZonesStore.use.getState().result;
  const accepted = new Set(acceptedRanks);
  const open = suggested?.chosen.filter((c) => !accepted.has(c.rank)) ?? [];
  setOverlay(
    'plan-suggested',
    suggested && open.length > 0
      ? {
          layers: createSuggestionLayers(
            open.map((c) => ({
              rank: c.rank,
              lon: c.lon,
              lat: c.lat,
              radiusMetres: suggested.radiusMetres,
            })),
          ),
          order: 22,
          aboveIncidents: true,
          legend: {
            title: 'Suggested patrol zones',
            items: [
              {
                label: `${open.length} circles of ${Math.round(suggested.radiusMetres)} m, by rank`,
                colour: [0, 0, 0, 255],
                shape: 'line' as const,
              },
            ],
          },
        }
      : null,
  );
  // Hot-spot cells being picked.
  const hot = currentHotspots();
  if (tool === 'cells' && hot) {
    setOverlay('plan-cells', {
      layers: createCellPickLayers(
        hot.geometry,
        hot.cellCount,
        new Set(pickedCells),
        togglePickedCell,
      ),
      order: 30,
      // Above the incident points, so that a click picks the cell rather than an incident.
      aboveIncidents: true,
    });
  } else setOverlay('plan-cells', null);
}

function hexRgba(hex: string): [number, number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 200];
}

// ——————————————————————————————————————————————— zones ——————————————————————————————————————————————

export function selectZone(id: string | null, options: { zoom?: boolean } = {}): void {
  set({ selectedZoneId: id });
  if (id && get().tool && get().tool !== 'cells') selectInDrawing(id);
  refreshPlanOverlays();
  if (id && options.zoom) zoomToZone(id);
}

export function zoomToZone(id: string): void {
  const zone = get().plan?.zones.find((z) => z.properties.id === id);
  if (!zone) return;
  const [w0, s0, e0, n0] = turfBbox(asGeoJson(zone.geometry));
  // At least about 600 m across, so a small zone is seen with its surroundings.
  const padLon = Math.max(0, (0.008 - (e0 - w0)) / 2);
  const padLat = Math.max(0, (0.0055 - (n0 - s0)) / 2);
  const [w, s, e, n] = [w0 - padLon, s0 - padLat, e0 + padLon, n0 + padLat];
  useStore.setState((st) => ({
    mapTarget: { bounds: [w, s, e, n], seq: (st.mapTarget?.seq ?? 0) + 1 },
  }));
}

const zoneLabel = (plan: Plan, id: string): string =>
  `'${plan.zones.find((z) => z.properties.id === id)?.properties.name ?? 'zone'}'`;

/** Adds a zone; returns its id, or null with the reason said. */
export function addZone(
  geometry: Polygon | MultiPolygon,
  fields: {
    id?: string;
    name?: string;
    source: ZoneSource;
    createdFrom?: string;
    description?: string;
  },
  label?: string,
  options: CommitOptions = {},
): string | null {
  const plan = get().plan;
  const g = toZoneGeometry(geometry);
  if (!plan || !g) {
    say('error', 'That shape has no area, so no zone was made.');
    return null;
  }
  const id =
    fields.id && !plan.zones.some((z) => z.properties.id === fields.id) ? fields.id : newId();
  const name = fields.name ?? nextZoneName(plan);
  const zone: Zone = {
    type: 'Feature',
    geometry: g,
    properties: {
      id,
      name,
      colour: nextColour(plan),
      description: fields.description ?? '',
      source: fields.source,
      ...(fields.createdFrom ? { createdFrom: fields.createdFrom } : {}),
    },
  };
  const error = commit(
    label ?? `Add zone '${name}'`,
    (p) => ({ ...p, zones: [...p.zones, zone] }),
    options,
  );
  if (error) {
    say('error', error);
    return null;
  }
  set({ selectedZoneId: id });
  refreshPlanOverlays();
  return id;
}

export function updateZoneProperties(
  id: string,
  patch: Partial<Pick<Zone['properties'], 'name' | 'colour' | 'description'>>,
): void {
  const plan = get().plan;
  if (!plan) return;
  const what =
    patch.name !== undefined ? 'Rename' : patch.colour !== undefined ? 'Recolour' : 'Describe';
  const error = commit(
    `${what} zone ${zoneLabel(plan, id)}`,
    (p) => ({
      ...p,
      zones: p.zones.map((z) =>
        z.properties.id === id ? { ...z, properties: { ...z.properties, ...patch } } : z,
      ),
    }),
    { key: `${what}:${id}` },
  );
  if (error) say('error', error);
}

export function setZoneGeometry(
  id: string,
  geometry: Polygon | MultiPolygon,
  label: string,
  options: CommitOptions = {},
): boolean {
  const g = toZoneGeometry(geometry);
  if (!g) {
    say('error', 'That change would leave the zone with no area, so it was not made.');
    afterPlanChange({ resync: true });
    return false;
  }
  const error = commit(
    label,
    (p) => ({
      ...p,
      zones: p.zones.map((z) => (z.properties.id === id ? { ...z, geometry: g } : z)),
    }),
    options,
  );
  if (error) say('error', error);
  return error === null;
}

export function deleteZone(id: string): void {
  const plan = get().plan;
  if (!plan) return;
  const orphaned = plan.strategies.filter(
    (s) => s.scope === 'zones' && s.zoneIds.length === 1 && s.zoneIds[0] === id,
  );
  const label = `Delete zone ${zoneLabel(plan, id)}${orphaned.length > 0 ? ` and ${orphaned.length === 1 ? 'its strategy' : `its ${orphaned.length} strategies`}` : ''}`;
  const error = commit(label, (p) => ({
    ...p,
    zones: p.zones.filter((z) => z.properties.id !== id),
    strategies: p.strategies
      .filter((s) => !orphaned.includes(s))
      .map((s) => ({ ...s, zoneIds: s.zoneIds.filter((z) => z !== id) })),
  }));
  if (error) say('error', error);
  else {
    set({ selectedZoneId: null });
    say('info', `${label}. Undo brings it back.`);
    refreshPlanOverlays();
  }
}

/** Grows (or, for a negative distance, shrinks) a zone by `metres` on every side (turf buffer). */
export function bufferZone(id: string, metres: number): void {
  const plan = get().plan;
  const zone = plan?.zones.find((z) => z.properties.id === id);
  if (!plan || !zone || !Number.isFinite(metres) || metres === 0) return;
  const g = bufferZoneGeometry(zone.geometry, metres);
  if (!g) {
    say('error', `A buffer of ${metres} m leaves nothing of ${zoneLabel(plan, id)}.`);
    return;
  }
  if (setZoneGeometry(id, asGeoJson(g), `Buffer zone ${zoneLabel(plan, id)} by ${metres} m`))
    say(
      'success',
      `Zone ${zoneLabel(plan, id)} ${metres > 0 ? 'grown' : 'shrunk'} by ${Math.abs(metres)} m.`,
    );
}

export function setCircleRadius(id: string, radiusMetres: number): void {
  const plan = get().plan;
  const zone = plan?.zones.find((z) => z.properties.id === id);
  const c = zone ? circleOf(zone.geometry) : null;
  if (!plan || !c || !(radiusMetres >= 5 && radiusMetres <= 20_000)) return;
  setZoneGeometry(
    id,
    asGeoJson(circleGeometry(c.centre, radiusMetres)),
    `Set the radius of ${zoneLabel(plan, id)} to ${Math.round(radiusMetres)} m`,
    { key: `radius:${id}` },
  );
}

/** Removes every zone and strategy (undoable), keeping the plan, its name and the Engage records. */
export function clearPlan(): void {
  const plan = get().plan;
  if (!plan || (plan.zones.length === 0 && plan.strategies.length === 0)) return;
  commit(`Clear the plan '${plan.name}'`, (p) => ({ ...p, zones: [], strategies: [] }));
  set({ selectedZoneId: null, editingStrategyId: null });
  say('info', 'The plan is cleared. Undo brings its zones and strategies back.');
}

export function renamePlan(name: string): void {
  commit('Rename the plan', (p) => ({ ...p, name }), { key: 'plan-name' });
}

// ————————————————————————————————————————————— drawing tools ——————————————————————————————————————————

let incidentWatch: (() => void) | null = null;

/** Chooses a map tool (a drawing tool, or picking hot-spot cells); null ends drawing. */
export function setTool(tool: MapTool | null): void {
  const previous = get().tool;
  if (tool === 'cells' && !currentHotspots()) {
    say(
      'error',
      'Run “Find hot spots” in the Assess panel first: there are no hot-spot cells to pick.',
    );
    return;
  }
  set({ tool, drawingRadiusMetres: null, pickedCells: tool === 'cells' ? get().pickedCells : [] });
  if (tool && tool !== 'cells') {
    startDrawing(tool as DrawTool, drawableZones(get().plan), drawingHandlers);
  } else if (isDrawing()) stopDrawing();
  // While a tool is on, clicks belong to it: the other layers and the incident points stop answering.
  const mode = tool === null ? null : tool === 'cells' ? 'cells' : 'draw';
  if (mode !== (previous === null ? null : previous === 'cells' ? 'cells' : 'draw'))
    quietOtherLayers(mode);
  refreshPlanOverlays();
}

/** Overlays of other features as they were before a tool quietened them, with the quiet copies. */
let quietened: { key: string; original: Overlay; quiet: Overlay }[] = [];

/**
 * Drawing: other features' layers fade to 30% and stop answering clicks, so the shapes being drawn
 * (which MapLibre draws under deck.gl's layers) show through. Picking cells: they stay as they are
 * but stop answering clicks (the pick layer answers). Null puts everything back, unless a feature
 * replaced its layers meanwhile.
 */
function quietOtherLayers(mode: 'draw' | 'cells' | null): void {
  const overlays = useStore.getState().overlays;
  for (const q of quietened) if (overlays[q.key] === q.quiet) setOverlay(q.key, q.original);
  quietened = [];
  incidentWatch?.();
  incidentWatch = null;
  if (!mode) return;
  for (const [key, original] of Object.entries(useStore.getState().overlays)) {
    if (key.startsWith('plan-')) continue;
    const quiet: Overlay = {
      ...original,
      layers: original.layers.map((l) =>
        l.clone(
          mode === 'draw'
            ? { pickable: false, opacity: (l.props.opacity ?? 1) * 0.3 }
            : { pickable: false },
        ),
      ),
    };
    quietened.push({ key, original, quiet });
    setOverlay(key, quiet);
  }
  incidentWatch = useStore.subscribe((s, prev) => {
    if (s.selectedIncident !== null && prev.selectedIncident === null)
      useStore.setState({ selectedIncident: null });
  });
}

const drawingHandlers = {
  onCreate(id: string, geometry: Polygon, tool: DrawTool) {
    const plan = get().plan;
    if (!plan) return;
    const c = tool === 'circle' ? circleOf(toZoneGeometry(geometry) as ZoneGeometry) : null;
    const what =
      tool === 'circle' && c
        ? `circle of ${Math.round(c.radiusMetres)} m`
        : tool === 'freehand'
          ? 'freehand shape'
          : tool;
    const name = nextZoneName(plan);
    // The drawing tools switch to select mode after a shape (see drawing.ts); the toolbar follows.
    if (get().tool) set({ tool: 'select' });
    const zoneId = addZone(
      geometry,
      { id, name, source: 'drawn' },
      `Draw zone '${name}' (${what})`,
    );
    if (zoneId) selectInDrawing(zoneId);
  },
  onEdit(id: string, geometry: Polygon, action: string) {
    const plan = get().plan;
    if (!plan?.zones.some((z) => z.properties.id === id)) return;
    const words: Record<string, string> = {
      dragFeature: 'Move zone',
      dragCoordinate: 'Move a vertex of zone',
      insertMidpoint: 'Add a vertex to zone',
      deleteCoordinate: 'Delete a vertex of zone',
      dragCoordinateResize: 'Resize zone',
    };
    setZoneGeometry(id, geometry, `${words[action] ?? 'Edit zone'} ${zoneLabel(plan, id)}`, {
      fromDrawing: true,
    });
    set({ selectedZoneId: id });
    refreshPlanOverlays();
  },
  onSelect(id: string | null) {
    set({ selectedZoneId: id });
    refreshPlanOverlays();
  },
  onRadius(metres: number | null) {
    set({ drawingRadiusMetres: metres });
  },
};

// ————————————————————————————————————————— zones from the analysis ————————————————————————————————————

/** The hot spot result of the open data set, when there is one. */
export function currentHotspots(): HotspotResult | null {
  const state = hotspotJob.use.getState();
  const dataset = useStore.getState().dataset;
  return state.result && dataset && state.datasetId === dataset.id ? state.result : null;
}

/** The filter in force when the current hot spot result arrived (for the finding's words). */
let hotspotFilter: IncidentFilter = NO_FILTER;
let lastHotspotResult: HotspotResult | null = null;

export function hotCellCount(): number {
  const r = currentHotspots();
  return r ? hotCells(r).length : 0;
}

export function togglePickedCell(cell: number): void {
  const picked = get().pickedCells;
  set({
    pickedCells: picked.includes(cell) ? picked.filter((c) => c !== cell) : [...picked, cell],
  });
  refreshPlanOverlays();
}

export function clearPickedCells(): void {
  set({ pickedCells: [] });
  refreshPlanOverlays();
}

/** Makes one zone from hot-spot cells: every hot cell at 95%+ (`'hot'`), or the cells picked on the map. */
export function zoneFromHotspotCells(which: 'hot' | 'picked'): void {
  const result = currentHotspots();
  if (!result) {
    say('error', 'Run “Find hot spots” in the Assess panel first: there is no hot spot result.');
    return;
  }
  const cells = which === 'hot' ? hotCells(result) : get().pickedCells;
  if (cells.length === 0) {
    say(
      'error',
      which === 'hot'
        ? 'No cells are hot at 95% confidence or more in the current result.'
        : 'Pick cells on the map first (click them), then make the zone.',
    );
    return;
  }
  let geometry: Polygon | MultiPolygon | null = null;
  const g = result.geometry;
  if (g.kind === 'grid')
    geometry = dissolveCells(g.positions, g.startIndices, cells) as Polygon | MultiPolygon | null;
  else {
    const polys = cells
      .map((c) => g.geojson.features[c])
      .filter(
        (f): f is Feature<Polygon | MultiPolygon> =>
          f?.geometry?.type === 'Polygon' || f?.geometry?.type === 'MultiPolygon',
      );
    geometry = unionGeometries(polys);
  }
  if (!geometry) {
    say('error', 'Those cells have no area, so no zone was made.');
    return;
  }
  const finding = hotspotFinding(result, cells, hotspotFilter);
  const plan = get().plan;
  const name = plan ? nextZoneName(plan) : 'Zone 1';
  const pieces = geometry.type === 'MultiPolygon' ? geometry.coordinates.length : 1;
  const id = addZone(
    geometry,
    { name, source: 'hotspot-cells', createdFrom: finding },
    `Make zone '${name}' from ${cells.length} hot-spot cells`,
  );
  if (id) {
    set({ pickedCells: [] });
    if (get().tool === 'cells') setTool(null);
    say(
      'success',
      `Zone '${name}' made from ${cells.length} cells${pieces > 1 ? ` (${pieces} separate pieces)` : ''}: ${finding}.`,
    );
    zoomToZone(id);
  }
}

/** Makes one zone from boundary polygons (beats, districts): several are merged. */
export function zoneFromBoundary(boundaryId: string, featureIndices: number[]): void {
  const boundary = useStore.getState().boundaries.find((b) => b.id === boundaryId);
  if (!boundary || featureIndices.length === 0) {
    say('error', 'Choose a boundary layer and at least one of its polygons.');
    return;
  }
  const features = featureIndices
    .map((i) => boundary.geojson.features[i])
    .filter(
      (f): f is Feature<Polygon | MultiPolygon> =>
        f?.geometry?.type === 'Polygon' || f?.geometry?.type === 'MultiPolygon',
    );
  if (features.length === 0) return;
  const geometry = unionGeometries(features);
  if (!geometry) return;
  const labels = features.map((f) => String(f.properties?.[boundary.labelField] ?? '?'));
  const singular = boundary.name.replace(/s$/i, '');
  const name =
    labels.length === 1 ? `${singular} ${labels[0]}` : `${boundary.name} ${labels.join(', ')}`;
  const id = addZone(
    geometry,
    {
      name: name.slice(0, 80),
      source: 'beats',
      createdFrom: `${boundary.name}: ${labels.join(', ')}`,
    },
    `Make zone '${name.slice(0, 40)}' from ${boundary.name.toLowerCase()}`,
  );
  if (id) zoomToZone(id);
}

/** The single-surface kernel density result of the open data set, when there is one. */
export function currentDensity(): DensityResult | null {
  const state = densityJobStore.use.getState();
  const dataset = useStore.getState().dataset;
  return state.result && dataset && state.datasetId === dataset.id && state.result.mode === 'single'
    ? state.result
    : null;
}

/** Makes one zone from a kernel density contour: the densest `percent`% of the study area. */
export function zoneFromDensityContour(percent: number): void {
  const result = currentDensity();
  const feature = result?.contours.features.find((f) => f.properties?.percent_of_area === percent);
  if (!result || !feature) {
    say('error', 'Run the kernel density in the Assess panel first: there is no contour to use.');
    return;
  }
  const row = result.contourTable.find((r) => r.percentOfArea === percent);
  const share = row ? ` holding ${Math.round(100 * row.incidentShare)}% of incidents` : '';
  const finding = `Kernel density (${result.kernel}, ${Math.round(result.bandwidthMetres)} m): densest ${percent}% of the area${share}`;
  const plan = get().plan;
  const name = plan ? nextZoneName(plan) : 'Zone 1';
  const id = addZone(
    feature.geometry,
    { name, source: 'kde-contour', createdFrom: finding },
    `Make zone '${name}' from the densest ${percent}% contour`,
  );
  if (id) {
    const pieces = feature.geometry.coordinates.length;
    say(
      'success',
      `Zone '${name}' made from the density contour${pieces > 1 ? ` (${pieces} separate pieces)` : ''}: ${finding}.`,
    );
    zoomToZone(id);
  }
}

// ——————————————————————————————————————————————— strategies ——————————————————————————————————————————

export function editStrategy(id: string | null): void {
  set({ editingStrategyId: id });
}

/** Adds or replaces a strategy; returns null, or the reason it was refused (shown in the editor). */
export function saveStrategy(strategy: Strategy, label: string): string | null {
  const plan = get().plan;
  if (!plan) return 'No plan is open.';
  const exists = plan.strategies.some((s) => s.id === strategy.id);
  const error = commit(label, (p) => ({
    ...p,
    strategies: exists
      ? p.strategies.map((s) => (s.id === strategy.id ? strategy : s))
      : [...p.strategies, strategy],
  }));
  if (!error) set({ editingStrategyId: null });
  return error;
}

export function deleteStrategy(id: string, name: string): void {
  commit(`Remove strategy '${name}'`, (p) => ({
    ...p,
    strategies: p.strategies.filter((s) => s.id !== id),
  }));
  if (get().editingStrategyId === id) set({ editingStrategyId: null });
}

export function newStrategyId(): string {
  return newId();
}

/** The data set's first and last dates (`YYYY-MM-DD`). */
export function dataDates(): { first: string; last: string } | null {
  const range = useStore.getState().dataset?.report.dateRange;
  if (!range) return null;
  const day = (s: string) => (s.length === 7 ? `${s}-01` : s.slice(0, 10));
  return { first: day(range[0]), last: day(range[1]) };
}

const floatingOf = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/**
 * The baseline of an incident-count metric: incidents of the problem's categories inside the
 * strategy's zones over the comparison period, counted in a worker from the data set (not the
 * current filters).
 */
export async function computeBaseline(
  zoneIds: string[],
  categories: string[],
  period: { startDate: string; endDate: string },
): Promise<NonNullable<Metric['baseline']> | string> {
  const { dataset } = useStore.getState();
  const plan = get().plan;
  if (!dataset || !plan) return 'Load a data set first.';
  const zones = plan.zones.filter((z) => zoneIds.includes(z.properties.id));
  if (zones.length === 0)
    return 'Choose the zones first: the baseline counts incidents inside them.';
  if (period.endDate < period.startDate) return 'The baseline period ends before it starts.';
  const dates = dataDates();
  if (dates && (period.endDate < dates.first || period.startDate > dates.last))
    return `The data run from ${dates.first} to ${dates.last}; the period ${period.startDate} to ${period.endDate} falls outside them. Choose a period the data cover.`;
  const filter: IncidentFilter = {
    ...NO_FILTER,
    categories: categories.length > 0 ? categories : null,
    // The end date is inclusive: the range runs to midnight after it.
    dateRange: [floatingOf(period.startDate), floatingOf(period.endDate) + 86_400_000],
  };
  const job = startJob(
    'zone',
    dataset.id,
    filter,
    {
      zones: zones.map((z) => ({
        id: z.properties.id,
        name: z.properties.name,
        geometry: asGeoJson(z.geometry),
      })),
      countsOnly: true,
    },
    () => {},
  );
  const outcome = await job.result;
  if (!outcome.ok) return outcome.error;
  const value = outcome.value.incidentsInAnyZone;
  const partial =
    dates && (period.startDate < dates.first || period.endDate > dates.last)
      ? ` The data run from ${dates.first} to ${dates.last}, so only part of the period is counted.`
      : '';
  return {
    value,
    computedAt: nowIso().slice(0, 10),
    period,
    note: `${value.toLocaleString('en-US')} incidents (${categories.length > 0 ? categories.join(', ') : 'all categories'}) inside ${zones.map((z) => `'${z.properties.name}'`).join(', ')} from ${period.startDate} to ${period.endDate}, counted in "${dataset.name}" (${describeFilter(filter, dataset.table.timePrecision)}).${partial}`,
  };
}

// ——————————————————————————————————————————— suggested patrol zones ————————————————————————————————————

let acceptedRanks: number[] = [];

export async function suggestPatrolZones(form: {
  zoneCount: number;
  sizeKind: 'radius' | 'area';
  size: number;
  candidates: 'incidents' | 'hot-cells';
}): Promise<void> {
  const params: PatrolZonesParams = {
    zoneCount: form.zoneCount,
    size:
      form.sizeKind === 'radius' ? { radiusMetres: form.size } : { areaSquareMetres: form.size },
  };
  if (form.candidates === 'hot-cells') {
    const r = currentHotspots();
    const cells = r ? hotCells(r) : [];
    if (!r || cells.length === 0) {
      patrolZonesStore.use.setState({
        error:
          'There are no hot cells to start from: run “Find hot spots” in the Assess panel, or use the incidents.',
      });
      return;
    }
    const positions: number[] = [];
    for (const c of cells) positions.push(r.geometry.centres[2 * c], r.geometry.centres[2 * c + 1]);
    params.candidates = {
      positions,
      label: `the centres of the ${cells.length} hot-spot cells (95%+)`,
    };
  }
  acceptedRanks = [];
  await patrolZonesStore.run(params);
  refreshPlanOverlays();
}

export function acceptSuggestedZones(ranks: number[]): void {
  const result = patrolZonesStore.use.getState().result;
  if (!result) return;
  const chosen = result.chosen.filter(
    (c) => ranks.includes(c.rank) && !acceptedRanks.includes(c.rank),
  );
  if (chosen.length === 0) return;
  const plan = get().plan;
  if (!plan) return;
  let zones = [...plan.zones];
  const made: string[] = [];
  const base = plan;
  for (const c of chosen) {
    const g = circleGeometry([c.lon, c.lat], result.radiusMetres);
    const draft = { ...base, zones };
    const name = nextZoneName(draft);
    zones = [
      ...zones,
      {
        type: 'Feature',
        geometry: g,
        properties: {
          id: newId(),
          name,
          colour: nextColour(draft),
          description: '',
          source: 'suggested',
          createdFrom: `Suggested patrol zone ${c.rank} of ${result.chosen.length}: a ${Math.round(result.radiusMetres)} m circle adding ${c.gain.toLocaleString('en-US')} incidents (${(100 * (c.gain / result.totalIncidents)).toFixed(1)}%) by maximal covering`,
        },
      },
    ];
    made.push(name);
  }
  const error = commit(
    made.length === 1
      ? `Accept suggested zone '${made[0]}'`
      : `Accept ${made.length} suggested zones`,
    (p) => ({ ...p, zones }),
  );
  if (error) say('error', error);
  else {
    acceptedRanks = [...acceptedRanks, ...chosen.map((c) => c.rank)];
    say('success', `Added ${made.join(', ')} to the plan.`);
    refreshPlanOverlays();
  }
}

export function acceptedSuggestionRanks(): number[] {
  return acceptedRanks;
}

export function clearSuggestions(): void {
  patrolZonesStore.clear();
  acceptedRanks = [];
  refreshPlanOverlays();
}

// ——————————————————————————————————————————————— files —————————————————————————————————————————————————

export function exportPlanFile(): void {
  const plan = get().plan;
  if (!plan) return;
  downloadBlob(new Blob([serialisePlan(plan)], { type: 'application/json' }), planFileName(plan));
}

export function exportPlanGeoJson(): void {
  const plan = get().plan;
  if (!plan) return;
  const fc = planToGeoJson(plan);
  downloadBlob(
    new Blob([JSON.stringify(fc, null, 1)], { type: 'application/geo+json' }),
    planFileName(plan).replace(/\.copplan\.json$/, '-zones.geojson'),
  );
}

/**
 * Opens a `.copplan.json` file as a new plan of the open data set. A damaged, foreign or too-new
 * file changes nothing and says why.
 */
export async function importPlanFile(file: File): Promise<void> {
  const { datasetId, plans } = get();
  if (!datasetId) {
    say('error', 'Load a data set first: a plan belongs to one.');
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    say(
      'error',
      `"${file.name}" could not be read (${error instanceof Error ? error.message : String(error)}). Nothing was changed.`,
    );
    return;
  }
  const parsed = parsePlanFile(text);
  if ('error' in parsed) {
    say('error', `"${file.name}": ${parsed.error} Nothing was changed.`);
    return;
  }
  const incoming = parsed.plan;
  const existing = await loadPlans(datasetId);
  const idTaken =
    existing.plans.some((p) => p.id === incoming.id) ||
    existing.damaged.some((p) => p.id === incoming.id);
  const plan: Plan = {
    ...incoming,
    id: idTaken ? newId() : incoming.id,
    datasetId,
    name: uniqueName(
      incoming.name,
      plans.map((p) => p.name),
    ),
    revision: 0,
  };
  set(resetForPlan(plan, false));
  await saveNow();
  void setSetting(`plan:${datasetId}`, plan.id);
  const notes = [
    parsed.migratedFrom !== undefined ? `updated from version ${parsed.migratedFrom}` : '',
    incoming.datasetId !== datasetId ? 'made for another data set, now attached to this one' : '',
  ].filter((s) => s !== '');
  say(
    'success',
    `Imported "${plan.name}": ${plan.zones.length} zone${plan.zones.length === 1 ? '' : 's'}, ${plan.strategies.length} strateg${plan.strategies.length === 1 ? 'y' : 'ies'}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`,
  );
  afterPlanChange({ resync: true });
}

// ——————————————————————————————————————————————— start-up —————————————————————————————————————————————

let started = false;

/**
 * Wires the plan to the rest of the app, once: plans load with each data set, figures follow the
 * filters while the Plan panel is open, zones redraw when hot spots change, other tabs' saves are
 * heard. Called when the Plan panel module loads (the app imports it at start-up).
 */
export function startPlanSync(): void {
  if (started) return;
  started = true;
  useStore.subscribe((s, prev) => {
    const id = s.dataset?.id ?? null;
    if (id && id !== (prev.dataset?.id ?? null)) void loadForDataset(id);
    if (s.filter !== prev.filter || (s.panel === 'plan' && prev.panel !== 'plan'))
      scheduleZoneFigures();
    if (s.panel !== 'plan' && prev.panel === 'plan' && get().tool) setTool(null);
  });
  hotspotJob.use.subscribe((s) => {
    if (s.result !== lastHotspotResult) {
      lastHotspotResult = s.result;
      hotspotFilter = useStore.getState().filter;
      set({ pickedCells: [] });
      if (get().tool === 'cells' && !s.result) setTool(null);
      else refreshPlanOverlays();
    }
  });
  patrolZonesStore.use.subscribe(() => refreshPlanOverlays());
  watchPlanSaves(onOtherTabSave);
  const id = useStore.getState().dataset?.id;
  if (id) void loadForDataset(id);
}
