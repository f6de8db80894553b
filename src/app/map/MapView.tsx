/**
 * The map: MapLibre for the basemap and camera, deck.gl (through MapLibreOverlay) for incidents,
 * boundaries and analysis layers. Reads the store; owns no data.
 */
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { rememberMapView, selectIncident, zoomToData } from '../actions';
import { useStore, type Basemap } from '../store';
import { basemapStyle, offlineStyle } from '../../map/basemap';
import { boundaryLabels, createBoundaryLayers } from '../../map/boundaryLayers';
import { createIncidentLayer, incidentData } from '../../map/incidentLayer';
import { IncidentTooltip } from './IncidentTooltip';
import { setMapInstance } from './mapInstance';

maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** Handles for end-to-end tests and the browser console. */
    copPlanner?: { map: maplibregl.Map; store: typeof useStore };
  }
}

export function MapView(): React.JSX.Element {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const [hover, setHover] = useState<{ x: number; y: number; index: number } | null>(null);

  const dataset = useStore((s) => s.dataset);
  const bundle = useStore((s) => s.bundle);
  const filter = useStore((s) => s.filter);
  const filterResult = useStore((s) => s.filterResult);
  const boundaries = useStore((s) => s.boundaries);
  const basemap = useStore((s) => s.basemap);
  const mapTarget = useStore((s) => s.mapTarget);
  const choroplethId = useStore((s) => s.choroplethBoundaryId);
  const choropleth = useStore((s) => s.choropleth);
  const overlays = useStore((s) => s.overlays);
  const showIncidents = useStore((s) => s.showIncidents);

  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: offlineStyle(),
      center: [0, 20],
      zoom: 1.5,
      attributionControl: { compact: true },
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    const overlay = new MapLibreOverlay({ interleaved: false, layers: [] });
    map.addControl(overlay);
    map.on('moveend', () => {
      const c = map.getCenter();
      rememberMapView({ longitude: c.lng, latitude: c.lat, zoom: map.getZoom() });
    });
    mapRef.current = map;
    overlayRef.current = overlay;
    window.copPlanner = { map, store: useStore };
    setMapInstance(map);
    return () => {
      setMapInstance(null);
      overlay.finalize();
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
    };
  }, []);

  const shownBasemap = useRef<Basemap>({ kind: 'offline' });
  useEffect(() => {
    const map = mapRef.current;
    if (!map || shownBasemap.current === basemap) return;
    // The map starts on the offline style; only a different choice needs a new style.
    if (basemap.kind === 'offline' && shownBasemap.current.kind === 'offline') return;
    shownBasemap.current = basemap;
    let cancelled = false;
    void basemapStyle(basemap).then((style) => {
      if (!cancelled) map.setStyle(style);
    });
    return () => {
      cancelled = true;
    };
  }, [basemap]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !mapTarget) return;
    if (mapTarget.view)
      map.jumpTo({
        center: [mapTarget.view.longitude, mapTarget.view.latitude],
        zoom: mapTarget.view.zoom,
      });
    else if (mapTarget.bounds) {
      const [w, s, e, n] = mapTarget.bounds;
      map.fitBounds([w, s, e, n], { padding: 40, duration: 0 });
    }
  }, [mapTarget]);

  const data = useMemo(() => (bundle ? incidentData(bundle) : null), [bundle]);
  const labels = useMemo(
    () => boundaries.map((b) => boundaryLabels(b.geojson, b.labelField)),
    [boundaries],
  );

  useEffect(() => {
    const overlay = overlayRef.current;
    if (!overlay) return;
    // Polygons under the incidents, labels over them.
    const layers: Layer[] = [];
    const labelLayers: Layer[] = [];
    boundaries.forEach((b, i) => {
      if (!b.visible) return;
      const counts = b.id === choroplethId && choropleth?.boundaryId === b.id ? choropleth : null;
      const built = createBoundaryLayers({
        id: b.id,
        geojson: b.geojson,
        labels: labels[i],
        emphasis: i === 0 ? 'major' : 'minor',
        counts: counts?.counts ?? null,
        breaks: counts?.breaks,
      });
      layers.push(built.polygons);
      labelLayers.unshift(built.labels);
    });
    const sorted = Object.values(overlays).sort((a, b) => a.order - b.order);
    for (const o of sorted) if (!o.aboveIncidents) layers.push(...o.layers);
    if (bundle && data && dataset && filterResult && showIncidents)
      layers.push(
        createIncidentLayer(
          {
            bundle,
            filter,
            shownSlots: filterResult.shownSlots,
            dayOriginMs: dataset.table.dayOriginMs,
            timePrecision: dataset.table.timePrecision,
          },
          data,
        ),
      );
    for (const o of sorted) if (o.aboveIncidents) layers.push(...o.layers);
    overlay.setProps({
      layers: [...layers, ...labelLayers],
      onHover: (info: PickingInfo) =>
        setHover(
          info.layer?.id === 'incidents' && info.index >= 0
            ? { x: info.x, y: info.y, index: info.index }
            : null,
        ),
      onClick: (info: PickingInfo) =>
        selectIncident(info.layer?.id === 'incidents' && info.index >= 0 ? info.index : null),
      getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab'),
    });
  }, [
    bundle,
    data,
    dataset,
    filter,
    filterResult,
    boundaries,
    labels,
    choroplethId,
    choropleth,
    overlays,
    showIncidents,
  ]);

  return (
    <div className="map-wrap">
      <div ref={container} className="map" data-testid="map" />
      {dataset && (
        <button className="map-button" onClick={zoomToData} title="Fit the map to the incidents">
          Zoom to data
        </button>
      )}
      {hover && dataset && (
        <IncidentTooltip dataset={dataset} index={hover.index} x={hover.x} y={hover.y} />
      )}
    </div>
  );
}
