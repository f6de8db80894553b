/**
 * Near-repeat alert zones on the map: a circle of the alert radius around each recent incident,
 * its fill fading from strong (the risk period just began) to faint (almost over) with the share of
 * the period left. Radii in metres on the ground, so zones keep their true size at every zoom.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { AlertsResult } from '../data/jobs/alertsJob';
import type { RGBA } from '../data/rasterImage';

/** Zone colour (ColorBrewer Oranges 7, dark end) and its opacity at a share of the period left. */
const ZONE_RGB: [number, number, number] = [217, 72, 1];

export function zoneColour(remaining: number): RGBA {
  // Faint (but visible) at the end, strong at the start.
  return [...ZONE_RGB, Math.round(30 + 170 * Math.max(0, Math.min(1, remaining)))];
}

export const ZONE_LEGEND: { label: string; colour: RGBA }[] = [
  { label: 'risk period just began', colour: zoneColour(1) },
  { label: 'half of it left', colour: zoneColour(0.5) },
  { label: 'almost over', colour: zoneColour(0.05) },
];

interface Zone {
  position: [number, number];
  remaining: number;
}

export function createAlertLayers(result: AlertsResult): Layer[] {
  const zones: Zone[] = [];
  for (let k = 0; k < result.remaining.length; k++)
    if (result.remaining[k] > 0)
      zones.push({
        position: [result.positions[2 * k], result.positions[2 * k + 1]],
        remaining: result.remaining[k],
      });
  // The "same location" zone has no radius; draw it as a small ring so that it can be seen.
  const radius = Math.max(result.radiusMetres, 15);
  return [
    new ScatterplotLayer<Zone>({
      id: 'near-repeat-zones',
      data: zones,
      getPosition: (d) => d.position,
      getRadius: radius,
      radiusUnits: 'meters',
      getFillColor: (d) => zoneColour(d.remaining),
      stroked: true,
      getLineColor: (d) => [
        ZONE_RGB[0],
        ZONE_RGB[1],
        ZONE_RGB[2],
        Math.round(60 + 195 * d.remaining),
      ],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      updateTriggers: { getFillColor: result.nowMs, getLineColor: result.nowMs },
    }),
  ];
}
