/**
 * Map layer of the top places of a concentration result: cells and polygons outlined and lightly
 * filled, blocks and addresses as dots, each with its rank; the selected row stands out.
 */
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, Polygon } from 'geojson';
import type { ConcentrationResult, TopPlace } from '../data/jobs/concentrationJob';
import type { RGBA } from '../data/rasterImage';

export const TOP_PLACE_COLOUR: RGBA = [213, 94, 0, 255];
const SELECTED: RGBA = [0, 0, 0, 255];

export function createConcentrationLayers(
  result: ConcentrationResult,
  selected: number | null,
  onPick: (rank: number) => void,
): Layer[] {
  const places = result.top;
  const layers: Layer[] = [];
  const withRings = places.filter((p) => p.ring !== null);
  if (withRings.length > 0) {
    const features: Feature<Polygon>[] = withRings.map((p) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [p.ring as number[][]] },
      properties: { rank: p.rank },
    }));
    layers.push(
      new GeoJsonLayer({
        id: 'concentration-places',
        data: { type: 'FeatureCollection', features },
        filled: true,
        stroked: true,
        getFillColor: (f: Feature) =>
          f.properties?.rank === selected ? [0, 0, 0, 60] : [213, 94, 0, 50],
        getLineColor: (f: Feature) =>
          f.properties?.rank === selected ? SELECTED : TOP_PLACE_COLOUR,
        getLineWidth: (f: Feature) => (f.properties?.rank === selected ? 3 : 1.5),
        lineWidthUnits: 'pixels',
        pickable: true,
        onClick: (info) => {
          const rank = (info.object as Feature | undefined)?.properties?.rank;
          if (typeof rank === 'number') onPick(rank);
        },
        updateTriggers: {
          getFillColor: selected,
          getLineColor: selected,
          getLineWidth: selected,
        },
      }),
    );
  } else {
    layers.push(
      new ScatterplotLayer<TopPlace>({
        id: 'concentration-places',
        data: places,
        getPosition: (p) => [p.lon, p.lat],
        getFillColor: (p) => (p.rank === selected ? SELECTED : TOP_PLACE_COLOUR),
        getLineColor: [255, 255, 255, 255],
        stroked: true,
        getRadius: (p) => (p.rank === selected ? 9 : 7),
        radiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
        pickable: true,
        onClick: (info) => {
          if (info.object) onPick(info.object.rank);
        },
        updateTriggers: { getFillColor: selected, getRadius: selected },
      }),
    );
  }
  layers.push(
    new TextLayer<TopPlace>({
      id: 'concentration-ranks',
      data: places,
      getPosition: (p) => [p.lon, p.lat],
      getText: (p) => String(p.rank),
      getSize: 12,
      getColor: [0, 0, 0, 255],
      getPixelOffset: [0, -14],
      fontWeight: 700,
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 255],
      fontSettings: { sdf: true },
      // Ranks only: a digits-only atlas is built in a few milliseconds on the main thread.
      characterSet: '0123456789',
    }),
  );
  return layers;
}
