/**
 * The plan store over an in-memory IndexedDB (fake-indexeddb): compare-and-set saves, damaged
 * records kept as they are, older versions brought up on load, deletes seen by a stale tab.
 * The browser test drives the same code in Chromium with two tabs.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../../src/data/datasetStore';
import { createEmptyPlan, nextRevision, type Plan } from '../../../src/plan/planSchema';
import { deletePlan, loadPlan, loadPlans, savePlan } from '../../../src/plan/planStore';

const T0 = '2026-01-05T10:00:00Z';

function plan(id: string, name: string, datasetId = 'city', now = T0): Plan {
  return createEmptyPlan({ id, name, datasetId, now });
}

beforeAll(() => {
  // No other tabs here: saves need not announce themselves.
  vi.stubGlobal('BroadcastChannel', undefined);
});

describe('plan store (IndexedDB)', () => {
  it('saves a new plan once; a second "new" save of the same id is refused with the stored copy', async () => {
    const p = plan('p-new', 'Ward 3');
    await expect(savePlan(p, null)).resolves.toEqual({ ok: true });
    const again = await savePlan({ ...p, name: 'Ward 3 (other tab)' }, null);
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.storedRevision).toBe(0);
    expect(again.stored?.name).toBe('Ward 3');
    expect((await loadPlan('p-new')) as Plan).toEqual(p);
  });

  it('compare-and-set: the tab that started from an old revision cannot overwrite a newer save', async () => {
    const base = plan('p-cas', 'Night economy');
    await savePlan(base, null);
    // Tab A: revision 0 → 1.
    const a = { ...nextRevision(base, '2026-01-05T10:01:00Z'), name: 'Night economy (A)' };
    await expect(savePlan(a, 0)).resolves.toEqual({ ok: true });
    // Tab B also started from revision 0.
    const b = { ...nextRevision(base, '2026-01-05T10:02:00Z'), name: 'Night economy (B)' };
    const refused = await savePlan(b, 0);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.storedRevision).toBe(1);
    expect(refused.stored?.name).toBe('Night economy (A)');
    expect(refused.message).toContain(
      'saved there as revision 1; this tab started from revision 0',
    );
    // A's save stands.
    expect(((await loadPlan('p-cas')) as Plan).name).toBe('Night economy (A)');
    // B, having reloaded revision 1, saves revision 2.
    await expect(savePlan({ ...b, revision: 2 }, 1)).resolves.toEqual({ ok: true });
  });

  it('an invalid plan is never written', async () => {
    const p = plan('p-invalid', 'Valid');
    await savePlan(p, null);
    const bad = { ...nextRevision(p, T0), zones: [{ type: 'Feature' }] } as unknown as Plan;
    await expect(savePlan(bad, 0)).rejects.toThrow();
    expect((await loadPlan('p-invalid')) as Plan).toEqual(p);
  });

  it('a damaged record is reported with its reason and kept byte for byte; the other plans load', async () => {
    const good = plan('p-good', 'Good', 'damaged-set', '2026-01-01T00:00:00Z');
    const newer = plan('p-newer', 'Newer', 'damaged-set', '2026-02-01T00:00:00Z');
    await savePlan(good, null);
    await savePlan(newer, null);
    const raw = {
      id: 'p-broken',
      datasetId: 'damaged-set',
      format: 'cop-planner-plan',
      version: 99,
      name: 'From the future',
    };
    const db = await openStore();
    await db.put('plans', raw as unknown as Plan);

    const loaded = await loadPlans('damaged-set');
    // Valid plans, the most recently updated first.
    expect(loaded.plans.map((p) => p.id)).toEqual(['p-newer', 'p-good']);
    expect(loaded.damaged).toHaveLength(1);
    expect(loaded.damaged[0]).toMatchObject({ id: 'p-broken', name: 'From the future', raw });
    expect(loaded.damaged[0].error).toMatch(/newer COP Planner \(version 99\)/);
    // Loading changed nothing in the store.
    expect(await db.get('plans', 'p-broken')).toEqual(raw);
  });

  it('a version-0 plan is brought up to date on load and listed as migrated', async () => {
    const current = plan('p-old', 'Draft', 'old-set');
    const { revision: _revision, stakeholders: _s, meetings: _m, actions: _a, ...rest } = current;
    const draft = { ...rest, version: 0 };
    await (await openStore()).put('plans', draft as unknown as Plan);
    const loaded = await loadPlans('old-set');
    expect(loaded.migrated).toEqual(['p-old']);
    expect(loaded.plans[0]).toEqual(current);
  });

  it('a save after another tab deleted the plan is refused and says so', async () => {
    const p = plan('p-deleted', 'Gone soon');
    await savePlan(p, null);
    await deletePlan('p-deleted', 'city');
    const r = await savePlan(nextRevision(p, T0), 0);
    expect(r).toMatchObject({ ok: false, stored: null, storedRevision: null });
    if (!r.ok) expect(r.message).toContain('was deleted in another tab');
    expect(await loadPlan('p-deleted')).toBeNull();
  });
});
