/**
 * Plan files: the `.copplan.json` export and import, and the GeoJSON export of zones with their
 * strategies for QGIS and ArcGIS.
 *
 * The GeoJSON follows RFC 7946: a FeatureCollection of [longitude, latitude] positions (WGS 84, no
 * `crs` member), polygons wound by the right-hand rule (exterior rings counter-clockwise, holes
 * clockwise). Each zone's strategies are flattened into scalar properties (text, numbers, dates as
 * `YYYY-MM-DD`, or null), since GIS attribute tables cannot hold lists or objects; property names are
 * at most 10 characters so that a conversion to a shapefile keeps them whole. Strategies attached to
 * the agency or a district have no geometry and appear only in the plan file.
 */
import { rewind } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { migratePlan, type MigrationResult } from './planMigrations';
import type { Plan, Strategy } from './planSchema';
import { catalogueEntry } from './strategyCatalogue';

export const PLAN_FILE_EXTENSION = '.copplan.json';

/** The `.copplan.json` text of a plan: indented JSON, ending in a newline. */
export function serialisePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** A file name from the plan's name: "Ward 3 summer.copplan.json" → "ward-3-summer.copplan.json". */
export function planFileName(plan: Plan): string {
  const slug = plan.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'plan'}${PLAN_FILE_EXTENSION}`;
}

/**
 * Reads a `.copplan.json` file's text. Never throws: a damaged, foreign or too-new file gives
 * `{ error }` with a sentence to show, and the caller changes nothing.
 */
export function parsePlanFile(text: string): MigrationResult {
  try {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (body.trim() === '') return { error: 'This file is empty, so there is no plan in it.' };
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch (e) {
      const detail = e instanceof Error ? ` (${e.message})` : '';
      return {
        error: `This file is not a readable plan: it is not valid JSON${detail}. It may be damaged or cut short; try the original export again.`,
      };
    }
    return migratePlan(raw);
  } catch (e) {
    return { error: `This file could not be read: ${e instanceof Error ? e.message : String(e)}.` };
  }
}

/** The name to show for a strategy: its own name, else its catalogue entry's, else its catalogue id. */
export function strategyName(strategy: Strategy): string {
  return strategy.name || catalogueEntry(strategy.catalogueId)?.name || strategy.catalogueId;
}

const joinUnique = (values: string[]): string =>
  [...new Set(values.filter((v) => v !== ''))].join('; ');

/** Scalar properties of a zone, for GIS attribute tables (names ≤ 10 characters). */
export type ZoneExportProperties = Record<string, string | number | null>;

export function planToGeoJson(plan: Plan): FeatureCollection<
  Polygon | MultiPolygon,
  ZoneExportProperties
> & {
  name: string;
} {
  const features = plan.zones.map((zone): Feature<Polygon | MultiPolygon, ZoneExportProperties> => {
    const p = zone.properties;
    const strategies = plan.strategies.filter((s) => s.zoneIds.includes(p.id));
    const starts = strategies.map((s) => s.startDate).sort();
    const ends = strategies.map((s) => s.endDate).sort();
    // turf's rewind returns a wound copy; the plan's own geometry is left as it is.
    const geometry = rewind(zone.geometry as Polygon | MultiPolygon, { mutate: false }) as
      Polygon | MultiPolygon;
    return {
      type: 'Feature',
      id: p.id,
      geometry,
      properties: {
        zone_id: p.id,
        name: p.name,
        colour: p.colour,
        descr: p.description,
        source: p.source,
        made_from: p.createdFrom ?? '',
        n_strat: strategies.length,
        strategies: strategies.map(strategyName).join('; '),
        strat_ids: strategies.map((s) => s.id).join('; '),
        statuses: strategies.map((s) => s.status).join('; '),
        start_date: starts[0] ?? null,
        end_date: ends[ends.length - 1] ?? null,
        goals: strategies.map((s) => s.goal).join('; '),
        problems: joinUnique(strategies.map((s) => s.problem.finding)),
        metrics: strategies.map((s) => s.metric.description).join('; '),
        owners: joinUnique(strategies.map((s) => s.owner)),
        officers: strategies.reduce((sum, s) => sum + s.resources.officers, 0),
        hrs_week: strategies.reduce((sum, s) => sum + s.resources.hoursPerWeek, 0),
        plan_name: plan.name,
        plan_id: plan.id,
        plan_rev: plan.revision,
      },
    };
  });
  return { type: 'FeatureCollection', name: plan.name, features };
}
