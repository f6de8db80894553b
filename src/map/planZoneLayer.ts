/**
 * Map layers of the plan: its zones in their own colours with their names, the patrol zones the app
 * suggests (dashed-looking outlines with their rank), and the hot-spot cells a planner is picking to
 * make a zone. Pure functions from plan data to deck.gl layers; the page puts them on the map with
 * `setOverlay`.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import { GeoJsonLayer, PathLayer, TextLayer } from '@deck.gl/layers';
import { circle, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { cellRing, type CellGeometry } from '../data/jobs/cellGeometry';
import { cellOutlineLayer, gridCellsLayer } from './gridCells';
import type { RGBA } from '../data/rasterImage';

/** A zone as the layers need it. */
export interface ZoneShape {
  id: string;
  name: string;
  /** `#rrggbb`. */
  colour: string;
  geometry: Polygon | MultiPolygon;
}

export function hexToRgb(hex: string): [number, number, number] {
  const v = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!v) return [10, 95, 168];
  const n = parseInt(v[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

interface Label {
  position: [number, number];
  text: string;
}

/** A point inside each zone (not its centroid, which can fall outside a ring-shaped zone). */
export function zoneLabels(zones: ZoneShape[]): Label[] {
  return zones.map((z) => {
    const p = pointOnFeature({ type: 'Feature', properties: {}, geometry: z.geometry }).geometry
      .coordinates;
    return { position: [p[0], p[1]], text: z.name };
  });
}

/**
 * The zones: a light fill of each zone's colour, its outline, thicker when selected. `hiddenIds`
 * are zones being edited with the drawing tools (drawn by those instead).
 */
export function createZoneLayers(options: {
  zones: ZoneShape[];
  selectedId: string | null;
  hiddenIds?: ReadonlySet<string>;
  pickable: boolean;
  onPick?: (id: string) => void;
}): { polygons: Layer[]; labels: Layer[] } {
  const { zones, selectedId, hiddenIds, pickable, onPick } = options;
  const shown = zones.filter((z) => !hiddenIds?.has(z.id));
  const data: FeatureCollection<Polygon | MultiPolygon, { id: string; colour: string }> = {
    type: 'FeatureCollection',
    features: shown.map((z): Feature<Polygon | MultiPolygon, { id: string; colour: string }> => ({
      type: 'Feature',
      properties: { id: z.id, colour: z.colour },
      geometry: z.geometry,
    })),
  };
  const colour = (f: Feature<Polygon | MultiPolygon, { id: string; colour: string }>) =>
    hexToRgb(f.properties.colour);
  const polygons = new GeoJsonLayer<{ id: string; colour: string }>({
    id: 'plan-zones',
    data,
    filled: true,
    stroked: true,
    getFillColor: (f) =>
      [
        ...colour(f as Feature<Polygon, { id: string; colour: string }>),
        f.properties.id === selectedId ? 90 : 45,
      ] as RGBA,
    getLineColor: (f) =>
      [...colour(f as Feature<Polygon, { id: string; colour: string }>), 255] as RGBA,
    getLineWidth: (f) => (f.properties.id === selectedId ? 4 : 2),
    lineWidthUnits: 'pixels',
    pickable,
    onClick: (info: PickingInfo) => {
      const f = info.object as Feature<Polygon, { id: string }> | undefined;
      if (f && onPick) onPick(f.properties.id);
    },
    updateTriggers: { getFillColor: selectedId, getLineWidth: selectedId },
  });
  const labels = new TextLayer<Label>({
    id: 'plan-zone-labels',
    data: zoneLabels(zones),
    getPosition: (d) => d.position,
    getText: (d) => d.text,
    getSize: 14,
    getColor: [20, 24, 40, 255],
    fontWeight: 700,
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 230],
    fontSettings: { sdf: true },
    characterSet: 'auto',
  });
  return { polygons: [polygons], labels: [labels] };
}

export interface SuggestedCircle {
  rank: number;
  lon: number;
  lat: number;
  radiusMetres: number;
}

/** Suggested patrol zones: outlines (accepted ones hidden by the caller) with their rank. */
export function createSuggestionLayers(circles: SuggestedCircle[]): Layer[] {
  const rings = circles.map((c) => ({
    rank: c.rank,
    path: circle([c.lon, c.lat], c.radiusMetres / 1000, { steps: 64, units: 'kilometers' }).geometry
      .coordinates[0] as [number, number][],
  }));
  return [
    new PathLayer<(typeof rings)[number]>({
      id: 'plan-suggested-halo',
      data: rings,
      getPath: (d) => d.path,
      getColor: [255, 255, 255, 230],
      getWidth: 5,
      widthUnits: 'pixels',
    }),
    new PathLayer<(typeof rings)[number]>({
      id: 'plan-suggested',
      data: rings,
      getPath: (d) => d.path,
      getColor: [0, 0, 0, 255],
      getWidth: 2,
      widthUnits: 'pixels',
    }),
    new TextLayer<SuggestedCircle>({
      id: 'plan-suggested-rank',
      data: circles,
      getPosition: (d) => [d.lon, d.lat],
      getText: (d) => String(d.rank),
      getSize: 16,
      getColor: [0, 0, 0, 255],
      fontWeight: 700,
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 230],
      fontSettings: { sdf: true },
    }),
  ];
}

/**
 * Hot-spot cells to pick from: every cell clickable (a transparent fill), the picked ones outlined
 * in black. Grid cells come as binary polygons, like the hot spot layer's.
 */
export function createCellPickLayers(
  geometry: CellGeometry,
  cellCount: number,
  picked: ReadonlySet<number>,
  onPick: (cell: number) => void,
): Layer[] {
  const onClick = (info: PickingInfo) => {
    if (info.index >= 0) onPick(info.index);
  };
  if (geometry.kind === 'grid')
    return [
      gridCellsLayer('plan-cell-pick', geometry, cellCount, [0, 0, 0, 1], onClick),
      cellOutlineLayer(
        'plan-cell-picked',
        [...picked].map((c) => cellRing(geometry, c)),
        [0, 0, 0, 255],
        3,
      ),
    ];
  return [
    new GeoJsonLayer({
      id: 'plan-cell-pick',
      data: geometry.geojson,
      filled: true,
      stroked: true,
      getFillColor: [0, 0, 0, 1],
      getLineColor: (_f: Feature, { index }: { index: number }) =>
        picked.has(index) ? [0, 0, 0, 255] : [0, 0, 0, 0],
      getLineWidth: (_f: Feature, { index }: { index: number }) => (picked.has(index) ? 3 : 0),
      lineWidthUnits: 'pixels',
      pickable: true,
      onClick,
      updateTriggers: { getLineColor: [...picked], getLineWidth: [...picked] },
    }),
  ];
}
