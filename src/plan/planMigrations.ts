/**
 * Reading a plan document of any version: recognise the format, refuse files that are not plans or
 * that come from a newer app, bring older versions up to date one step at a time, then validate
 * against the current schema. Never throws; every refusal is a sentence a planner can act on.
 *
 * Versions:
 * - 0, the draft format (before the schema settled): zones had `color` and no `source`; a strategy
 *   named one zone in `zoneId` and had no `scope`; there was no `revision` and no stakeholders,
 *   meetings or actions.
 * - 1, the current format (planSchema.ts).
 */
import { PLAN_FORMAT, PLAN_VERSION, validatePlan, type Plan } from './planSchema';

export type MigrationResult =
  | {
      plan: Plan;
      /** The version the document was read from, when it was older. */ migratedFrom?: number;
    }
  | { error: string; issues?: string[] };

type Doc = Record<string, unknown>;

const isRecord = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Version 0 → 1. Leaves anything of an unexpected shape alone, for validation to report. */
function migrate0to1(doc: Doc): Doc {
  const out: Doc = { ...doc, version: 1 };
  if (out.revision === undefined) out.revision = 0;
  for (const key of ['stakeholders', 'meetings', 'actions'])
    if (out[key] === undefined) out[key] = [];
  if (Array.isArray(doc.zones)) {
    out.zones = doc.zones.map((zone: unknown) => {
      if (!isRecord(zone) || !isRecord(zone.properties)) return zone;
      const { color, ...properties } = zone.properties;
      if (properties.colour === undefined && color !== undefined) properties.colour = color;
      if (properties.source === undefined) properties.source = 'drawn';
      return { ...zone, properties };
    });
  }
  if (Array.isArray(doc.strategies)) {
    out.strategies = doc.strategies.map((strategy: unknown) => {
      if (!isRecord(strategy)) return strategy;
      const { zoneId, ...rest } = strategy;
      if (rest.zoneIds === undefined)
        rest.zoneIds = typeof zoneId === 'string' && zoneId !== '' ? [zoneId] : [];
      if (rest.scope === undefined)
        rest.scope = Array.isArray(rest.zoneIds) && rest.zoneIds.length > 0 ? 'zones' : 'agency';
      return rest;
    });
  }
  return out;
}

/** migrations[v] turns a version-v document into version v + 1. */
const migrations: ((doc: Doc) => Doc)[] = [migrate0to1];

function describeNonPlan(raw: unknown): string {
  if (Array.isArray(raw)) return 'the file holds a list, not a plan';
  if (!isRecord(raw))
    return `the file holds ${raw === null ? 'null' : `a ${typeof raw}`}, not a plan`;
  if (raw.type === 'FeatureCollection' || raw.type === 'Feature')
    return 'it looks like a GeoJSON file (a plan is a .copplan.json file saved by COP Planner)';
  if (typeof raw.format === 'string')
    return `its format is "${raw.format.slice(0, 60)}", not "${PLAN_FORMAT}"`;
  return `it has no "format": "${PLAN_FORMAT}" marker`;
}

export function migratePlan(raw: unknown): MigrationResult {
  try {
    if (!isRecord(raw) || raw.format !== PLAN_FORMAT)
      return { error: `This is not a COP Planner plan: ${describeNonPlan(raw)}.` };
    const version = raw.version;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
      return {
        error: `This plan's version (${JSON.stringify(version) ?? 'missing'}) is not a whole number, so it cannot be read. The file may have been edited by hand.`,
      };
    if (version > PLAN_VERSION)
      return {
        error: `This plan was made by a newer COP Planner (version ${version}); this app reads up to version ${PLAN_VERSION}. Open it in a newer COP Planner, or ask whoever sent it for a copy saved by this version.`,
      };
    let doc: Doc = structuredClone(raw);
    for (let v = version; v < PLAN_VERSION; v++) doc = migrations[v](doc);
    const validated = validatePlan(doc);
    if ('error' in validated) {
      const from = version < PLAN_VERSION ? ` (after updating it from version ${version})` : '';
      return {
        error: validated.error.replace(', so it was not loaded', `${from}, so it was not loaded`),
        issues: validated.issues,
      };
    }
    return version < PLAN_VERSION
      ? { plan: validated.plan, migratedFrom: version }
      : { plan: validated.plan };
  } catch (e) {
    return { error: `This plan could not be read: ${e instanceof Error ? e.message : String(e)}.` };
  }
}
