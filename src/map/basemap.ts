/**
 * Basemaps. The default works with no network: a plain background under the data set's own
 * boundaries (drawn by deck.gl, labels included, so no font files are fetched). In settings a user
 * can choose an online MapLibre style URL or a local PMTiles extract (raster, or vector drawn with
 * the Protomaps schema's non-text layers so that it needs no online fonts).
 */
import { layers as protomapsLayers, namedFlavor } from '@protomaps/basemaps';
import * as maplibregl from 'maplibre-gl';
import { FileSource, PMTiles, Protocol, TileType } from 'pmtiles';

export type BasemapChoice =
  | { kind: 'offline' }
  | { kind: 'style'; url: string }
  | { kind: 'pmtiles'; name: string; file: Blob };

export const OFFLINE_BACKGROUND = '#f2f1ec';

export function offlineStyle(): maplibregl.StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': OFFLINE_BACKGROUND } },
    ],
  };
}

let protocol: Protocol | null = null;

/** The MapLibre style for a basemap choice (a URL string for online styles). */
export async function basemapStyle(
  choice: BasemapChoice,
): Promise<maplibregl.StyleSpecification | string> {
  if (choice.kind === 'offline') return offlineStyle();
  if (choice.kind === 'style') return choice.url;
  if (!protocol) {
    protocol = new Protocol();
    maplibregl.addProtocol('pmtiles', protocol.tile);
  }
  const file = new File([choice.file], choice.name);
  const archive = new PMTiles(new FileSource(file));
  protocol.add(archive);
  const header = await archive.getHeader();
  const url = `pmtiles://${archive.source.getKey()}`;
  const base = offlineStyle();
  if (header.tileType === TileType.Mvt) {
    const vector = protomapsLayers('protomaps', namedFlavor('light'), { lang: 'en' }).filter(
      (layer) => layer.type !== 'symbol',
    );
    return {
      ...base,
      sources: {
        protomaps: { type: 'vector', url, attribution: '© OpenStreetMap contributors, Protomaps' },
      },
      layers: [...base.layers, ...vector],
    };
  }
  return {
    ...base,
    sources: { raster: { type: 'raster', url, tileSize: 256 } },
    layers: [...base.layers, { id: 'raster', type: 'raster', source: 'raster' }],
  };
}

export function describeBasemap(choice: BasemapChoice): string {
  if (choice.kind === 'offline') return 'Offline: plain background with the data set’s boundaries';
  if (choice.kind === 'style') return `Online style: ${choice.url}`;
  return `Local PMTiles: ${choice.name}`;
}
