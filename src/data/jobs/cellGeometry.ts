/**
 * Cells of an analysis for the map and for exports: grid cells as closed lon/lat rings in one flat
 * array (deck.gl's binary polygon format), or the user's own polygons as GeoJSON.
 */
import type { FeatureCollection } from 'geojson';
import type { LocalProjection } from '../../analysis/localProjection';
import type { Grid } from '../../analysis/grid';

export type CellGeometry =
  | {
      kind: 'grid';
      /** Closed rings, counter-clockwise, interleaved [lon, lat]. */
      positions: Float64Array;
      /** Vertex index where each cell's ring starts, plus the total at the end. */
      startIndices: Uint32Array;
      /** Triangles of every cell (a fan over its convex ring), as vertex indices, for the GPU. */
      indices: Uint32Array;
      /** Interleaved [lon, lat] of each cell's centre. */
      centres: Float64Array;
      cellAreaSquareMetres: number;
    }
  | {
      kind: 'areas';
      geojson: FeatureCollection;
      centres: Float64Array;
      /** A label of each polygon (from the chosen id field, else its row number). */
      labels: string[];
    };

export function gridGeometry(grid: Grid, projection: LocalProjection): CellGeometry {
  const n = grid.cellCount;
  const v = grid.verticesPerCell;
  const ring = v + 1;
  const positions = new Float64Array(n * ring * 2);
  const startIndices = new Uint32Array(n + 1);
  const centres = new Float64Array(2 * n);
  const triangles = v - 2;
  const indices = new Uint32Array(3 * triangles * n);
  for (let c = 0; c < n; c++) {
    startIndices[c] = c * ring;
    for (let t = 0; t < triangles; t++) {
      const at = 3 * (c * triangles + t);
      indices[at] = c * ring;
      indices[at + 1] = c * ring + t + 1;
      indices[at + 2] = c * ring + t + 2;
    }
    for (let k = 0; k <= v; k++) {
      const src = 2 * (c * v + (k % v));
      const [lon, lat] = projection.inverse(grid.vertices[src], grid.vertices[src + 1]);
      positions[2 * (c * ring + k)] = lon;
      positions[2 * (c * ring + k) + 1] = lat;
    }
    const [lon, lat] = projection.inverse(grid.centres[2 * c], grid.centres[2 * c + 1]);
    centres[2 * c] = lon;
    centres[2 * c + 1] = lat;
  }
  startIndices[n] = n * ring;
  return {
    kind: 'grid',
    positions,
    startIndices,
    indices,
    centres,
    cellAreaSquareMetres: grid.cellAreaSquareMetres,
  };
}

/** The ring of cell `c` as [lon, lat] pairs (for GeoJSON export). */
export function cellRing(
  geometry: Extract<CellGeometry, { kind: 'grid' }>,
  c: number,
): [number, number][] {
  const out: [number, number][] = [];
  for (let k = geometry.startIndices[c]; k < geometry.startIndices[c + 1]; k++)
    out.push([geometry.positions[2 * k], geometry.positions[2 * k + 1]]);
  return out;
}
