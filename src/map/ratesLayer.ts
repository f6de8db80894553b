/**
 * Map layer of rates per 1,000: the user's polygons coloured by the empirically smoothed rate (or
 * the raw rate, on the same classes), colours precomputed by the rates job.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature } from 'geojson';
import type { RatesResult } from '../data/jobs/ratesJob';
import type { RGBA } from '../data/rasterImage';

export function createRatesLayers(result: RatesResult, show: 'smoothed' | 'crude'): Layer[] {
  const colours = show === 'smoothed' ? result.smoothedColours : result.crudeColours;
  return [
    new GeoJsonLayer({
      id: 'rates-areas',
      data: result.geometry.geojson,
      filled: true,
      stroked: true,
      getFillColor: (_f: Feature, { index }: { index: number }) =>
        Array.from(colours.subarray(4 * index, 4 * index + 4)) as RGBA,
      getLineColor: [90, 90, 90, 200],
      getLineWidth: 1,
      lineWidthUnits: 'pixels',
      updateTriggers: { getFillColor: show },
    }),
  ];
}
