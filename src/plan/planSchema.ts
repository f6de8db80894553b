/**
 * The plan document: one versioned JSON document per plan (zones as GeoJSON features, strategies with
 * their goals, metrics, owners and schedules, and the stakeholders, meetings and actions of the later
 * Engage and Act phases), described once as a zod schema so that its TypeScript types and its
 * validation on every load cannot drift apart.
 *
 * Conventions: ids are non-empty strings; calendar dates are ISO `YYYY-MM-DD`; `createdAt` and
 * `updatedAt` are ISO date-times with an offset (`2025-06-30T14:05:00Z`), because a save is an instant;
 * zone coordinates are [longitude, latitude] in degrees (WGS 84), as in RFC 7946; weekdays are
 * 0 = Monday … 6 = Sunday; hours 0–23, with `endHour` ≤ `startHour` meaning the window runs past
 * midnight and `endHour` 24 meaning midnight at the end of the day.
 *
 * Unknown keys on the core objects are dropped on load; the stakeholder, meeting and action records
 * keep them, so that the later phases can add fields without a new version.
 */
import { z } from 'zod';

export const PLAN_FORMAT = 'cop-planner-plan';
export const PLAN_VERSION = 1;

export const DATE_EXAMPLE = '2025-06-30';
const dateMessage = `expected a date like ${DATE_EXAMPLE}`;
const isoDate = z.iso.date({ error: dateMessage });
const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'expected a date and time like 2025-06-30T14:05:00Z',
});
const id = z.string().min(1, { error: 'expected an id (text, not empty)' });

const longitude = z
  .number()
  .min(-180, { error: 'a longitude lies between -180 and 180' })
  .max(180, { error: 'a longitude lies between -180 and 180' });
const latitude = z
  .number()
  .min(-90, { error: 'a latitude lies between -90 and 90' })
  .max(90, { error: 'a latitude lies between -90 and 90' });
/** [longitude, latitude] degrees; an altitude may follow (RFC 7946 §3.1.1). */
const position = z.tuple([longitude, latitude], z.number());
const linearRing = z
  .array(position)
  .min(4, { error: 'a ring needs at least 4 positions (the first repeated at the end)' })
  .refine(
    (ring) => ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1],
    { error: 'a ring must end where it starts' },
  );
const polygonCoordinates = z.array(linearRing).min(1, { error: 'a polygon needs an outer ring' });

export const polygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: polygonCoordinates,
});
export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(polygonCoordinates).min(1, { error: 'needs at least one polygon' }),
});
export const zoneGeometrySchema = z.discriminatedUnion(
  'type',
  [polygonSchema, multiPolygonSchema],
  {
    error: 'expected a Polygon or MultiPolygon geometry',
  },
);

export const ZONE_SOURCES = [
  'drawn',
  'hotspot-cells',
  'kde-contour',
  'beats',
  'suggested',
] as const;

export const zoneSchema = z.object({
  type: z.literal('Feature'),
  geometry: zoneGeometrySchema,
  properties: z.object({
    id,
    name: z.string(),
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'expected a colour like #1f77b4' }),
    description: z.string(),
    /** How the zone was made. */
    source: z.enum(ZONE_SOURCES),
    /** What it was made from, e.g. the finding "Gi* hot spot, burglary, 99%". */
    createdFrom: z.string().optional(),
  }),
});

export const METRIC_KINDS = [
  'incident-count',
  'use-of-force',
  'complaints',
  'injuries',
  'survey-trust',
  'custom',
] as const;
export const COMPARED_WITH = ['same-period-last-year', 'previous-period', 'baseline'] as const;
export const STRATEGY_SCOPES = ['zones', 'agency', 'district'] as const;
export const STRATEGY_STATUSES = [
  'proposed',
  'approved',
  'active',
  'completed',
  'dropped',
] as const;

export const metricSchema = z.object({
  kind: z.enum(METRIC_KINDS),
  /** "Burglary in the zone". */
  description: z.string(),
  target: z.object({
    /** −20 for a 20% fall. */
    changePercent: z.number(),
    comparedWith: z.enum(COMPARED_WITH),
  }),
  /** Computed from the data when the goal is set. */
  baseline: z
    .object({
      value: z.number(),
      computedAt: isoDate,
      period: z.object({ startDate: isoDate, endDate: isoDate }),
      note: z.string(),
    })
    .optional(),
});

export const strategySchema = z.object({
  id,
  /** An id in strategyCatalogue.ts, or any id of the planner's own for a strategy not listed there. */
  catalogueId: id,
  /** A planner's own name; default: the catalogue entry's name. */
  name: z.string().optional(),
  zoneIds: z.array(id),
  scope: z.enum(STRATEGY_SCOPES),
  district: z.string().optional(),
  problem: z.object({
    categories: z.array(z.string()),
    /** "Gi* hot spot, burglary, 99%". */
    finding: z.string(),
  }),
  /** "Burglary in the zone −20% over 6 months against the same months last year". */
  goal: z.string(),
  metric: metricSchema,
  startDate: isoDate,
  endDate: isoDate,
  /** A unit or a person. */
  owner: z.string(),
  resources: z.object({
    officers: z.number().int().min(0),
    hoursPerWeek: z.number().min(0),
  }),
  schedule: z.object({
    days: z.array(z.number().int().min(0).max(6)),
    startHour: z.number().int().min(0).max(23),
    endHour: z.number().int().min(0).max(24),
  }),
  status: z.enum(STRATEGY_STATUSES),
  notes: z.string(),
});

export const stakeholderSchema = z.looseObject({
  id,
  name: z.string(),
  organisation: z.string().optional(),
  role: z.string().optional(),
  contact: z.string().optional(),
  notes: z.string().optional(),
});

export const meetingSchema = z.looseObject({
  id,
  title: z.string(),
  date: isoDate,
  location: z.string().optional(),
  zoneIds: z.array(id).optional(),
  notes: z.string().optional(),
});

export const ACTION_STATUSES = ['not-started', 'in-progress', 'done', 'blocked'] as const;

export const actionSchema = z.looseObject({
  id,
  title: z.string(),
  owner: z.string().optional(),
  strategyId: id.optional(),
  startDate: isoDate.optional(),
  dueDate: isoDate.optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  notes: z.string().optional(),
});

const isDate = (value: unknown): boolean => isoDate.safeParse(value).success;

function duplicates(ids: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const i of ids) (seen.has(i) ? dup : seen).add(i);
  return dup;
}

export const planSchema = z
  .object({
    format: z.literal(PLAN_FORMAT),
    version: z.literal(PLAN_VERSION),
    id,
    name: z.string(),
    datasetId: z.string(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    /** Incremented by every save, so that a save from a stale copy (another tab) can be detected. */
    revision: z.number().int().min(0),
    zones: z.array(zoneSchema),
    strategies: z.array(strategySchema),
    stakeholders: z.array(stakeholderSchema),
    meetings: z.array(meetingSchema),
    actions: z.array(actionSchema),
  })
  .superRefine((plan, ctx) => {
    // zod runs this even when some fields failed (their issues are already reported), so it reads
    // defensively and compares only dates that are themselves valid.
    const zoneIds = plan.zones.map((z) => z?.properties?.id);
    const zoneSet = new Set(zoneIds);
    const dupCheck = (
      key: 'zones' | 'strategies' | 'stakeholders' | 'meetings' | 'actions',
      ids: string[],
      tail: (string | number)[],
    ): void => {
      const dup = duplicates(ids);
      ids.forEach((v, i) => {
        if (dup.has(v))
          ctx.addIssue({
            code: 'custom',
            path: [key, i, ...tail],
            message: `the id "${v}" is used more than once`,
          });
      });
    };
    dupCheck('zones', zoneIds, ['properties', 'id']);
    dupCheck(
      'strategies',
      plan.strategies.map((s) => s?.id),
      ['id'],
    );
    dupCheck(
      'stakeholders',
      plan.stakeholders.map((s) => s?.id),
      ['id'],
    );
    dupCheck(
      'meetings',
      plan.meetings.map((s) => s?.id),
      ['id'],
    );
    dupCheck(
      'actions',
      plan.actions.map((s) => s?.id),
      ['id'],
    );
    plan.strategies.forEach((s, i) => {
      (s.zoneIds ?? []).forEach((zoneId, k) => {
        if (!zoneSet.has(zoneId))
          ctx.addIssue({
            code: 'custom',
            path: ['strategies', i, 'zoneIds', k],
            message: `no zone with id "${zoneId}" in this plan`,
          });
      });
      if (s.scope === 'zones' && s.zoneIds?.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['strategies', i, 'zoneIds'],
          message: 'a strategy for zones needs at least one zone',
        });
      if (s.scope === 'district' && !s.district)
        ctx.addIssue({
          code: 'custom',
          path: ['strategies', i, 'district'],
          message: 'a strategy for a district needs the district named',
        });
      if (isDate(s.startDate) && isDate(s.endDate) && s.endDate < s.startDate)
        ctx.addIssue({
          code: 'custom',
          path: ['strategies', i, 'endDate'],
          message: `ends (${s.endDate}) before it starts (${s.startDate})`,
        });
      const period = s.metric?.baseline?.period;
      if (
        period &&
        isDate(period.startDate) &&
        isDate(period.endDate) &&
        period.endDate < period.startDate
      )
        ctx.addIssue({
          code: 'custom',
          path: ['strategies', i, 'metric', 'baseline', 'period', 'endDate'],
          message: `ends (${period.endDate}) before it starts (${period.startDate})`,
        });
      const days = s.schedule?.days ?? [];
      if (new Set(days).size !== days.length)
        ctx.addIssue({
          code: 'custom',
          path: ['strategies', i, 'schedule', 'days'],
          message: 'a day is listed more than once',
        });
    });
  });

export type Plan = z.infer<typeof planSchema>;
export type Zone = z.infer<typeof zoneSchema>;
export type ZoneGeometry = z.infer<typeof zoneGeometrySchema>;
export type ZoneSource = (typeof ZONE_SOURCES)[number];
export type Strategy = z.infer<typeof strategySchema>;
export type StrategyScope = (typeof STRATEGY_SCOPES)[number];
export type StrategyStatus = (typeof STRATEGY_STATUSES)[number];
export type Metric = z.infer<typeof metricSchema>;
export type MetricKind = (typeof METRIC_KINDS)[number];
export type Stakeholder = z.infer<typeof stakeholderSchema>;
export type Meeting = z.infer<typeof meetingSchema>;
export type Action = z.infer<typeof actionSchema>;

/** A new, empty plan. `now` is an ISO date-time such as `new Date().toISOString()`. */
export function createEmptyPlan(fields: {
  id: string;
  name: string;
  datasetId: string;
  now: string;
}): Plan {
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    id: fields.id,
    name: fields.name,
    datasetId: fields.datasetId,
    createdAt: fields.now,
    updatedAt: fields.now,
    revision: 0,
    zones: [],
    strategies: [],
    stakeholders: [],
    meetings: [],
    actions: [],
  };
}

/** The plan as it should be saved after a change: revision + 1 and the new `updatedAt`. */
export function nextRevision(plan: Plan, now: string): Plan {
  return { ...plan, revision: plan.revision + 1, updatedAt: now };
}

/** `strategies[2].endDate`, `zones[0].geometry.coordinates[0]`; "the plan" for the root. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? 'the plan' : out;
}

const TYPE_NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  tuple: 'a list',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return value.length > 40 ? `"${value.slice(0, 40)}…"` : `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * Plain messages for zod's issue codes, used where the schema gives none of its own. Passed to
 * `safeParse` so that the input value can be named ("expected a number, found "three"").
 */
function planErrorMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NOUNS[issue.expected] ?? issue.expected;
      return issue.input === undefined
        ? `missing (expected ${expected})`
        : `expected ${expected}, found ${describeValue(issue.input)}`;
    }
    case 'invalid_value': {
      const expected = issue.values.map((v) => JSON.stringify(v)).join(' or ');
      return issue.input === undefined
        ? `missing (expected ${expected})`
        : `expected ${expected}, found ${describeValue(issue.input)}`;
    }
    case 'too_small':
      if (issue.origin === 'array')
        return `needs at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return 'cannot be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `has more than ${String(issue.maximum)} items`;
      return `must be at most ${String(issue.maximum)}`;
    default:
      return undefined;
  }
}

export type PlanValidation = { plan: Plan } | { error: string; issues: string[] };

/** Validates a plan of the current version; never throws. At most `maxIssues` (default 10) listed. */
export function validatePlan(raw: unknown, maxIssues = 10): PlanValidation {
  const result = planSchema.safeParse(raw, { error: planErrorMessage });
  if (result.success) return { plan: result.data };
  const issues = result.error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
  const shown = issues.slice(0, maxIssues);
  const more = issues.length - shown.length;
  const error =
    `This plan has ${issues.length === 1 ? 'a problem' : `${issues.length} problems`}, so it was not loaded:\n` +
    shown.map((s) => `• ${s}`).join('\n') +
    (more > 0 ? `\n… and ${more} more.` : '');
  return { error, issues };
}
