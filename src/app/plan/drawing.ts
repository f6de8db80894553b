/**
 * Drawing and editing zones on the map with Terra Draw (terra-draw + its MapLibre adapter): polygon
 * (close it by clicking its first point), rectangle, circle and freehand; select mode to move
 * vertices, add them at midpoints, delete them (right click) and move whole zones.
 *
 * The plan is the source of truth: Terra Draw holds a copy of the plan's single-polygon zones while
 * a tool is active (ids = zone ids), reports each finished shape or edit through `DrawingHandlers`
 * (which turn it into a named plan action), and is refilled from the plan after undo, redo or any
 * change made elsewhere. Its layers live in the MapLibre style, so a basemap change (`setStyle`)
 * removes them: the controller notices, and starts a fresh Terra Draw on the new style.
 */
import type * as maplibregl from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawCircleMode,
  TerraDrawFreehandMode,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
  type HexColor,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Polygon } from 'geojson';
import { whenMapReady } from '../map/mapInstance';
import type { DrawTool } from './planState';

export interface DrawingHandlers {
  /** A new shape was finished; `id` is Terra Draw's id, to be the zone's id. */
  onCreate(id: string, geometry: Polygon, tool: DrawTool): void;
  /** A zone's shape was edited in select mode (`action`: dragFeature, dragCoordinate, …). */
  onEdit(id: string, geometry: Polygon, action: string): void;
  onSelect(id: string | null): void;
  /** The radius of a circle being drawn, metres (null when none). */
  onRadius(metres: number | null): void;
}

export interface DrawableZone {
  id: string;
  colour: string;
  geometry: Polygon;
}

const PREFIX = 'td';
const DEFAULT_COLOUR: HexColor = '#0a5fa8';
const colourOf = (f: GeoJSONStoreFeatures): HexColor =>
  typeof f.properties.colour === 'string' && /^#[0-9a-fA-F]{6}$/.test(f.properties.colour)
    ? (f.properties.colour as HexColor)
    : DEFAULT_COLOUR;

let draw: TerraDraw | null = null;
let map: maplibregl.Map | null = null;
let handlers: DrawingHandlers | null = null;
let tool: DrawTool | null = null;
let zones: DrawableZone[] = [];
/** Ids Terra Draw accepted when it was last filled (a zone with holes is not editable there). */
let editable = new Set<string>();
/** True while the controller itself changes Terra Draw's store, so its events are not echoed. */
let syncing = false;
let styleWatcher: (() => void) | null = null;

function createModes() {
  const polygonStyles = {
    fillColor: colourOf,
    fillOpacity: 0.25,
    outlineColor: colourOf,
    outlineWidth: 3,
    closingPointColor: '#ffffff' as HexColor,
    closingPointOutlineColor: '#000000' as HexColor,
    closingPointWidth: 7,
    closingPointOutlineWidth: 2,
  };
  const shapeStyles = {
    fillColor: colourOf,
    fillOpacity: 0.25,
    outlineColor: colourOf,
    outlineWidth: 3,
  };
  const flags = {
    feature: {
      draggable: true,
      coordinates: { midpoints: true, draggable: true, deletable: true },
    },
  };
  return [
    // Enter also closes a polygon; a double click is not needed (and would start a second one).
    new TerraDrawPolygonMode({ styles: polygonStyles, pointerDistance: 12 }),
    new TerraDrawRectangleMode({ styles: shapeStyles }),
    new TerraDrawCircleMode({ styles: shapeStyles }),
    new TerraDrawFreehandMode({ styles: shapeStyles }),
    new TerraDrawSelectMode({
      flags: {
        polygon: flags,
        rectangle: flags,
        circle: { feature: { draggable: true } },
        freehand: flags,
      },
      // Deleting a zone goes through the Plan panel (a named, undoable action), not a key.
      keyEvents: { deselect: 'Escape', delete: null, rotate: null, scale: null },
      styles: {
        selectedPolygonColor: colourOf,
        selectedPolygonFillOpacity: 0.35,
        selectedPolygonOutlineColor: '#000000' as HexColor,
        selectedPolygonOutlineWidth: 3,
        selectionPointColor: '#ffffff' as HexColor,
        selectionPointOutlineColor: '#000000' as HexColor,
        selectionPointWidth: 5,
        selectionPointOutlineWidth: 2,
        midPointColor: '#ffffff' as HexColor,
        midPointOutlineColor: '#555555' as HexColor,
      },
    }),
  ];
}

function polygonOf(id: string | number): Polygon | null {
  const f = draw?.getSnapshotFeature(id);
  return f && f.geometry.type === 'Polygon' ? (f.geometry as Polygon) : null;
}

/** Metres from the first vertex's centre estimate: the mean distance of vertices to their mean. */
function circleRadiusMetres(g: Polygon): number {
  const ring = g.coordinates[0].slice(0, -1);
  if (ring.length < 3) return 0;
  const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const k = (Math.PI / 180) * 6_371_008.8;
  const cos = Math.cos((lat * Math.PI) / 180);
  return (
    ring.reduce((s, p) => s + Math.hypot((p[0] - lon) * k * cos, (p[1] - lat) * k), 0) / ring.length
  );
}

function attach(m: maplibregl.Map): void {
  map = m;
  const adapter = new TerraDrawMapLibreGLAdapter({
    map: m,
    coordinatePrecision: 7,
    prefixId: PREFIX,
  });
  const instance = new TerraDraw({ adapter, modes: createModes() });
  draw = instance;
  instance.start();
  instance.on('finish', (id, context) => {
    if (syncing || !handlers || draw !== instance) return;
    const geometry = polygonOf(id);
    if (!geometry) return;
    const h = handlers;
    // Handled in a task of its own: the plan action refills Terra Draw, which must not happen
    // inside Terra Draw's own event.
    if (context.action === 'draw') {
      const drawnWith = (tool ?? 'polygon') as DrawTool;
      setTimeout(() => {
        h.onRadius(null);
        // Straight into select mode: a second click (a double click) cannot start a stray shape.
        setTool('select');
        h.onCreate(String(id), geometry, drawnWith);
      }, 0);
    } else setTimeout(() => h.onEdit(String(id), geometry, context.action), 0);
  });
  instance.on('change', (ids, type) => {
    if (syncing || !handlers || draw !== instance || type === 'delete') return;
    if (tool !== 'circle') return;
    const f = ids.length > 0 ? instance.getSnapshotFeature(ids[0]) : undefined;
    if (f && f.properties.mode === 'circle' && f.geometry.type === 'Polygon')
      handlers.onRadius(circleRadiusMetres(f.geometry as Polygon));
  });
  instance.on('select', (id) => {
    if (!syncing && draw === instance) handlers?.onSelect(String(id));
  });
  fill();
  watchStyle(m);
}

/** Refills Terra Draw with the plan's zones. */
function fill(): void {
  if (!draw) return;
  syncing = true;
  try {
    draw.clear();
    const valid = draw.addFeatures(
      zones.map((z) => ({
        id: z.id,
        type: 'Feature' as const,
        geometry: z.geometry,
        properties: { mode: 'polygon', colour: z.colour },
      })),
    );
    editable = new Set(valid.filter((v) => v.valid && v.id !== undefined).map((v) => String(v.id)));
    if (tool) draw.setMode(tool);
  } finally {
    syncing = false;
  }
}

/**
 * After `map.setStyle` the adapter's sources and layers are gone. Put empty ones back so the old
 * instance can stop cleanly, then start a new one on the new style, filled from the plan.
 */
function watchStyle(m: maplibregl.Map): void {
  styleWatcher?.();
  let pending = false;
  const onStyleData = () => {
    if (!draw || pending || m.getSource(`${PREFIX}-polygon`)) return;
    pending = true;
    const rebuild = () => {
      if (!draw) {
        pending = false;
        return;
      }
      if (!m.isStyleLoaded()) {
        setTimeout(rebuild, 50);
        return;
      }
      pending = false;
      if (m.getSource(`${PREFIX}-polygon`)) return;
      restoreAdapterLayers(m);
      const old = draw;
      draw = null;
      try {
        old.stop();
      } catch {
        // The old instance's layers were already removed with the old style; nothing to keep.
      }
      attach(m);
    };
    rebuild();
  };
  m.on('styledata', onStyleData);
  styleWatcher = () => m.off('styledata', onStyleData);
}

function restoreAdapterLayers(m: maplibregl.Map): void {
  const empty = { type: 'FeatureCollection' as const, features: [] };
  for (const kind of ['point', 'linestring', 'polygon'])
    if (!m.getSource(`${PREFIX}-${kind}`))
      m.addSource(`${PREFIX}-${kind}`, { type: 'geojson', data: empty });
  const layers: [string, 'circle' | 'symbol' | 'line' | 'fill', string][] = [
    [`${PREFIX}-point`, 'circle', `${PREFIX}-point`],
    [`${PREFIX}-point-marker`, 'symbol', `${PREFIX}-point`],
    [`${PREFIX}-linestring`, 'line', `${PREFIX}-linestring`],
    [`${PREFIX}-polygon`, 'fill', `${PREFIX}-polygon`],
    [`${PREFIX}-polygon-outline`, 'line', `${PREFIX}-polygon`],
  ];
  for (const [id, type, source] of layers)
    if (!m.getLayer(id)) m.addLayer({ id, type, source } as maplibregl.AddLayerObject);
}

/** Starts (or switches) a tool, with the zones that may be edited and where to report. */
export function startDrawing(next: DrawTool, current: DrawableZone[], h: DrawingHandlers): void {
  handlers = h;
  zones = current;
  tool = next;
  if (draw) {
    setTool(next);
    return;
  }
  whenMapReady((m) => {
    if (!draw && tool) attach(m);
  });
}

function setTool(next: DrawTool): void {
  tool = next;
  if (draw && draw.getMode() !== next) {
    syncing = true;
    try {
      draw.setMode(next);
    } finally {
      syncing = false;
    }
  }
}

/** Ends drawing: Terra Draw stops and its layers leave the map. */
export function stopDrawing(): void {
  tool = null;
  handlers = null;
  styleWatcher?.();
  styleWatcher = null;
  const old = draw;
  draw = null;
  if (old && map) {
    try {
      if (!map.getSource(`${PREFIX}-polygon`)) restoreAdapterLayers(map);
      old.stop();
    } catch {
      // Stopping on a style that is still loading: its layers go with the old style.
    }
  }
}

/** The plan changed outside Terra Draw (undo, redo, a panel edit): show the plan's zones again. */
export function syncDrawing(current: DrawableZone[]): void {
  zones = current;
  if (!draw) return;
  const state = draw.getModeState();
  // Never pull the shape out from under a drawing in progress; the next change syncs.
  if (state === 'drawing') return;
  fill();
}

/** Zones Terra Draw is showing (the deck.gl layer leaves them out meanwhile). */
export function zonesInDrawing(): ReadonlySet<string> {
  return draw ? editable : new Set();
}

export function selectInDrawing(id: string): void {
  if (!draw || !editable.has(id)) return;
  syncing = true;
  try {
    if (draw.getMode() !== 'select') setTool('select');
    draw.selectFeature(id);
  } finally {
    syncing = false;
  }
}

export function isDrawing(): boolean {
  return draw !== null;
}
