/**
 * Map layers of a kernel density result: the raster as a picture (built in the job worker, in
 * classes of a colour-blind-safe ramp) stretched between its four lon/lat corners, and the
 * densest-area contours as lines, heavier for the smaller, denser areas.
 */
import { BitmapLayer, GeoJsonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature } from 'geojson';
import type { DensityResult } from '../data/jobs/densityJob';
import type { RGBA } from '../data/rasterImage';

/** Contour line colours and widths (pixels), densest first. */
export const CONTOUR_STYLE: { colour: RGBA; width: number }[] = [
  { colour: [20, 20, 20, 255], width: 3 },
  { colour: [40, 40, 40, 235], width: 2.2 },
  { colour: [60, 60, 60, 210], width: 1.5 },
  { colour: [80, 80, 80, 190], width: 1 },
];

export function contourStyle(rank: number): { colour: RGBA; width: number } {
  return CONTOUR_STYLE[Math.min(rank, CONTOUR_STYLE.length - 1)];
}

/** The picture as a texture source: wraps the job's pixels, no copy, no per-pixel work. */
export function densityImage(result: DensityResult): ImageData {
  return new ImageData(
    result.image as Uint8ClampedArray<ArrayBuffer>,
    result.grid.cols,
    result.grid.rows,
  );
}

export function createDensityLayers(
  result: DensityResult,
  image: ImageData,
  options: { showRaster: boolean; showContours: boolean; opacity?: number },
): Layer[] {
  const layers: Layer[] = [];
  if (options.showRaster)
    layers.push(
      new BitmapLayer({
        id: 'density-raster',
        image,
        bounds: result.corners as [
          [number, number],
          [number, number],
          [number, number],
          [number, number],
        ],
        opacity: options.opacity ?? 0.85,
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
      }),
    );
  if (options.showContours && result.contours.features.length > 0) {
    const percents = result.contours.features.map((f) => Number(f.properties?.percent_of_area));
    const rankOf = (f: Feature) => percents.indexOf(Number(f.properties?.percent_of_area));
    layers.push(
      new GeoJsonLayer({
        id: 'density-contours',
        data: result.contours,
        filled: false,
        stroked: true,
        getLineColor: (f: Feature) => contourStyle(rankOf(f)).colour,
        getLineWidth: (f: Feature) => contourStyle(rankOf(f)).width,
        lineWidthUnits: 'pixels',
        lineJointRounded: true,
      }),
    );
  }
  return layers;
}
