/**
 * Plans in IndexedDB (the `plans` store of the app's database, through `idb`): one or more named
 * plans per data set, each saved whole after every change.
 *
 * Loading validates every stored plan against the schema (bringing older versions up to date). A
 * plan that fails is never overwritten, changed or dropped: it is returned as `damaged`, with the
 * reason and its raw record so that the planner can download a copy, and it stays in the store
 * until the planner deletes it.
 *
 * Saving is compare-and-set on the plan's `revision`, inside one read-write transaction (IndexedDB
 * runs read-write transactions on one store one at a time, across tabs): the save goes through only
 * when the stored revision is the one the editor started from. Otherwise another tab (or window)
 * saved in between, and the caller gets the stored plan back to offer "reload" or "save as a copy"
 * instead of silently overwriting it. After each save a message on the BroadcastChannel
 * `cop-planner-plans` tells the other tabs, so they can reload a plan they have not changed.
 */
import { openStore, QuotaError } from '../data/datasetStore';
import { migratePlan } from './planMigrations';
import { validatePlan, type Plan } from './planSchema';

export interface DamagedPlan {
  id: string;
  datasetId: string;
  /** The stored name when there is one, else the id. */
  name: string;
  /** Why it could not be loaded, in sentences. */
  error: string;
  /** The record exactly as stored, for "download a copy". */
  raw: unknown;
}

export interface LoadedPlans {
  /** Valid plans, the most recently updated first. */
  plans: Plan[];
  damaged: DamagedPlan[];
  /** Ids of plans brought up from an older version (saved in the new version on their next change). */
  migrated: string[];
}

export type SaveResult =
  | { ok: true }
  | {
      ok: false;
      /** The plan as another tab saved it; null when what is stored cannot be read, or was deleted. */
      stored: Plan | null;
      storedRevision: number | null;
      message: string;
    };

export interface PlanSavedMessage {
  planId: string;
  datasetId: string;
  revision: number;
  /** Random per tab, so a tab ignores its own messages. */
  tabId: string;
  deleted?: boolean;
}

const CHANNEL = 'cop-planner-plans';
export const TAB_ID =
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : String(Math.random());

type StoredRecord = { id: string; datasetId: string; [k: string]: unknown };

function nameOf(raw: StoredRecord): string {
  return typeof raw.name === 'string' && raw.name !== '' ? raw.name : raw.id;
}

function readRecord(raw: StoredRecord): { plan: Plan; migrated: boolean } | { error: string } {
  const result = migratePlan(raw);
  if ('error' in result) return { error: result.error };
  return { plan: result.plan, migrated: result.migratedFrom !== undefined };
}

/** Every plan stored for a data set, each validated. Never throws for a damaged plan. */
export async function loadPlans(datasetId: string): Promise<LoadedPlans> {
  const db = await openStore();
  const records = await db.getAllFromIndex('plans', 'byDataset', datasetId);
  const out: LoadedPlans = { plans: [], damaged: [], migrated: [] };
  for (const raw of records) {
    const read = readRecord(raw);
    if ('error' in read)
      out.damaged.push({ id: raw.id, datasetId, name: nameOf(raw), error: read.error, raw });
    else {
      out.plans.push(read.plan);
      if (read.migrated) out.migrated.push(read.plan.id);
    }
  }
  out.plans.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return out;
}

/** One plan by id: the plan, a damaged record, or null when none is stored. */
export async function loadPlan(id: string): Promise<Plan | DamagedPlan | null> {
  const raw = await (await openStore()).get('plans', id);
  if (!raw) return null;
  const read = readRecord(raw);
  if ('error' in read)
    return { id: raw.id, datasetId: raw.datasetId, name: nameOf(raw), error: read.error, raw };
  return read.plan;
}

export function isDamaged(value: Plan | DamagedPlan): value is DamagedPlan {
  return 'error' in value && 'raw' in value;
}

function isQuotaError(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED')
  );
}

/**
 * Saves `plan` if the stored copy still has `expectedRevision` (null: no plan with this id may be
 * stored yet). The plan is validated first: an invalid plan is a programming error and throws,
 * rather than being written where the next load would refuse it.
 */
export async function savePlan(plan: Plan, expectedRevision: number | null): Promise<SaveResult> {
  const checked = validatePlan(plan);
  if ('error' in checked) throw new Error(checked.error);
  const db = await openStore();
  let result: SaveResult;
  try {
    const tx = db.transaction('plans', 'readwrite');
    const store = tx.objectStore('plans');
    const current = await store.get(plan.id);
    const storedRevision =
      current === undefined ? null : typeof current.revision === 'number' ? current.revision : NaN;
    if (storedRevision === expectedRevision) {
      await store.put(checked.plan);
      result = { ok: true };
    } else {
      const read = current ? readRecord(current) : null;
      const stored = read && 'plan' in read ? read.plan : null;
      result = {
        ok: false,
        stored,
        storedRevision: Number.isNaN(storedRevision) ? null : storedRevision,
        message:
          current === undefined
            ? `The plan "${plan.name}" was deleted in another tab or window.`
            : `The plan "${plan.name}" was changed in another tab or window (saved there as revision ${String(storedRevision)}; this tab started from revision ${String(expectedRevision)}). Your change is not saved yet.`,
      };
    }
    await tx.done;
  } catch (error) {
    if (isQuotaError(error)) throw new QuotaError(`the plan "${plan.name}"`);
    throw error;
  }
  if (result.ok) announce({ planId: plan.id, datasetId: plan.datasetId, revision: plan.revision });
  return result;
}

/** Deletes a stored plan (valid or damaged). */
export async function deletePlan(id: string, datasetId: string): Promise<void> {
  await (await openStore()).delete('plans', id);
  announce({ planId: id, datasetId, revision: -1, deleted: true });
}

let channel: BroadcastChannel | null = null;
function getChannel(): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  channel ??= new BroadcastChannel(CHANNEL);
  return channel;
}

function announce(message: Omit<PlanSavedMessage, 'tabId'>): void {
  getChannel()?.postMessage({ ...message, tabId: TAB_ID } satisfies PlanSavedMessage);
}

/** Calls back when another tab saves or deletes a plan. Returns the function that stops it. */
export function watchPlanSaves(callback: (message: PlanSavedMessage) => void): () => void {
  const ch = getChannel();
  if (!ch) return () => {};
  const listener = (event: MessageEvent<PlanSavedMessage>) => {
    if (event.data?.tabId !== TAB_ID) callback(event.data);
  };
  ch.addEventListener('message', listener);
  return () => ch.removeEventListener('message', listener);
}
