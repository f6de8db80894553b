/**
 * Grid cells of an analysis on the map, shared by the hot spot, emerging hot spot and plan layers:
 * every cell in one binary SolidPolygonLayer (vertex offsets from an origin, triangles from the
 * worker; no object per cell), and cell outlines as paths.
 */
import { COORDINATE_SYSTEM, type PickingInfo } from '@deck.gl/core';
import { PathLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { CellGeometry } from '../data/jobs/cellGeometry';
import type { RGBA } from '../data/rasterImage';
export type GridCellGeometry = Extract<CellGeometry, { kind: 'grid' }>;

/**
 * Cell rings as float32 [dLon, dLat, 0] offsets from an origin, the layout deck.gl's polygon layer
 * takes directly (LNGLAT_OFFSETS: millimetre precision, no 64-bit split on the main thread).
 */
export function gridVertexOffsets(positions: Float64Array, origin: [number, number]): Float32Array {
  const vertices = positions.length / 2;
  const out = new Float32Array(3 * vertices);
  for (let k = 0; k < vertices; k++) {
    out[3 * k] = positions[2 * k] - origin[0];
    out[3 * k + 1] = positions[2 * k + 1] - origin[1];
  }
  return out;
}

/** Per-cell RGBA repeated for each vertex of the cell (binary polygon attributes are per vertex). */
export function perVertexColours(colours: Uint8Array, startIndices: Uint32Array): Uint8Array {
  const cells = startIndices.length - 1;
  const out = new Uint8Array(4 * startIndices[cells]);
  for (let c = 0; c < cells; c++)
    for (let k = startIndices[c]; k < startIndices[c + 1]; k++)
      out.set(colours.subarray(4 * c, 4 * c + 4), 4 * k);
  return out;
}

/**
 * Every cell filled, pickable: `fill` is one RGBA a cell (Uint8Array of 4 × cells) or one colour
 * for all. `onClick` gets the cell index.
 */
export function gridCellsLayer(
  id: string,
  geometry: GridCellGeometry,
  cellCount: number,
  fill: Uint8Array | RGBA,
  onClick: (info: PickingInfo) => void,
): SolidPolygonLayer {
  const origin: [number, number] = [geometry.centres[0] ?? 0, geometry.centres[1] ?? 0];
  // Binary attributes: the ring vertices, the worker's triangles, and per-vertex colours if any.
  const attributes: Record<string, unknown> = {
    indices: geometry.indices,
    getPolygon: { value: gridVertexOffsets(geometry.positions, origin), size: 3 },
  };
  if (fill instanceof Uint8Array)
    attributes.getFillColor = {
      value: perVertexColours(fill, geometry.startIndices),
      size: 4,
      normalized: true,
    };
  return new SolidPolygonLayer({
    id,
    data: { length: cellCount, startIndices: geometry.startIndices, attributes },
    ...(fill instanceof Uint8Array ? {} : { getFillColor: fill }),
    coordinateSystem: COORDINATE_SYSTEM.LNGLAT_OFFSETS,
    coordinateOrigin: [origin[0], origin[1], 0],
    _normalize: false,
    _windingOrder: 'CCW',
    pickable: true,
    onClick,
  } as ConstructorParameters<typeof SolidPolygonLayer>[0]);
}

/** Outlines of the given cells' rings. */
export function cellOutlineLayer(
  id: string,
  rings: [number, number][][],
  colour: RGBA,
  widthPixels: number,
): PathLayer<[number, number][]> {
  return new PathLayer<[number, number][]>({
    id,
    data: rings,
    getPath: (d) => d,
    getColor: colour,
    getWidth: widthPixels,
    widthUnits: 'pixels',
    jointRounded: true,
  });
}
