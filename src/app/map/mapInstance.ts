/**
 * The one MapLibre map of the page, for features that attach to it directly (the drawing tools).
 * `whenMapReady` calls back once the map and its style are loaded (at once if they already are).
 */
import type * as maplibregl from 'maplibre-gl';

let current: maplibregl.Map | null = null;
const waiting: ((map: maplibregl.Map) => void)[] = [];

export function setMapInstance(map: maplibregl.Map | null): void {
  current = map;
  if (!map) return;
  const flush = () => {
    for (const cb of waiting.splice(0)) cb(map);
  };
  if (map.isStyleLoaded()) flush();
  else map.once('load', flush);
}

export function getMap(): maplibregl.Map | null {
  return current;
}

export function whenMapReady(callback: (map: maplibregl.Map) => void): void {
  if (current && current.isStyleLoaded()) callback(current);
  else waiting.push(callback);
}
