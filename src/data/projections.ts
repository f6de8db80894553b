/**
 * Projected coordinates (X/Y columns) to longitude/latitude through proj4, for the coordinate
 * systems crime portals publish: US state planes (often in US survey feet), UTM zones, the British
 * National Grid and Web Mercator. Any other system can be given as a proj4 string.
 */
import proj4 from 'proj4';

const US_FT = '+units=us-ft +no_defs';
const NAD83 = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';

/** Named systems offered in the mapping dialog (EPSG code → [label, proj4 definition]). */
export const KNOWN_CRS: Record<string, [label: string, definition: string]> = {
  'EPSG:4326': ['WGS 84 longitude/latitude (degrees)', '+proj=longlat +datum=WGS84 +no_defs'],
  'EPSG:3857': [
    'Web Mercator (metres)',
    '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
  ],
  'EPSG:3435': [
    'NAD83 / Illinois East (ftUS) — Chicago',
    `+proj=tmerc +lat_0=36.66666666666666 +lon_0=-88.33333333333333 +k=0.999975 +x_0=300000.0000000001 +y_0=0 ${NAD83} ${US_FT}`,
  ],
  'EPSG:26971': [
    'NAD83 / Illinois East (m)',
    `+proj=tmerc +lat_0=36.66666666666666 +lon_0=-88.33333333333333 +k=0.999975 +x_0=300000 +y_0=0 ${NAD83} +units=m +no_defs`,
  ],
  'EPSG:2263': [
    'NAD83 / New York Long Island (ftUS) — NYC',
    `+proj=lcc +lat_1=41.03333333333333 +lat_2=40.66666666666666 +lat_0=40.16666666666666 +lon_0=-74 +x_0=300000.0000000001 +y_0=0 ${NAD83} ${US_FT}`,
  ],
  'EPSG:2227': [
    'NAD83 / California zone 3 (ftUS) — San Francisco',
    `+proj=lcc +lat_1=38.43333333333333 +lat_2=37.06666666666667 +lat_0=36.5 +lon_0=-120.5 +x_0=2000000.0001016 +y_0=500000.0001016001 ${NAD83} ${US_FT}`,
  ],
  'EPSG:2229': [
    'NAD83 / California zone 5 (ftUS) — Los Angeles',
    `+proj=lcc +lat_1=35.46666666666667 +lat_2=34.03333333333333 +lat_0=33.5 +lon_0=-118 +x_0=2000000.0001016 +y_0=500000.0001016001 ${NAD83} ${US_FT}`,
  ],
  'EPSG:2249': [
    'NAD83 / Massachusetts Mainland (ftUS) — Boston',
    `+proj=lcc +lat_1=42.68333333333333 +lat_2=41.71666666666667 +lat_0=41 +lon_0=-71.5 +x_0=200000.0001016002 +y_0=750000 ${NAD83} ${US_FT}`,
  ],
  'EPSG:2272': [
    'NAD83 / Pennsylvania South (ftUS) — Philadelphia',
    `+proj=lcc +lat_1=40.96666666666667 +lat_2=39.93333333333333 +lat_0=39.33333333333334 +lon_0=-77.75 +x_0=600000 +y_0=0 ${NAD83} ${US_FT}`,
  ],
  'EPSG:2278': [
    'NAD83 / Texas South Central (ftUS) — Houston',
    `+proj=lcc +lat_1=30.28333333333333 +lat_2=28.38333333333333 +lat_0=27.83333333333333 +lon_0=-99 +x_0=600000 +y_0=4000000 ${NAD83} ${US_FT}`,
  ],
  'EPSG:2926': [
    'NAD83(HARN) / Washington North (ftUS) — Seattle',
    `+proj=lcc +lat_1=48.73333333333333 +lat_2=47.5 +lat_0=47 +lon_0=-120.8333333333333 +x_0=500000.0001016001 +y_0=0 ${NAD83} ${US_FT}`,
  ],
  'EPSG:27700': [
    'OSGB 1936 / British National Grid',
    '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs',
  ],
};

/** The proj4 definition of a named system (`EPSG:NNNN`, including any UTM zone) or a proj4 string. */
export function crsDefinition(crs: string): string | null {
  const trimmed = crs.trim();
  if (trimmed.startsWith('+proj=')) return trimmed;
  const code = trimmed.toUpperCase();
  const known = KNOWN_CRS[code];
  if (known) return known[1];
  const m = /^EPSG:(\d+)$/.exec(code);
  if (!m) return null;
  const n = Number(m[1]);
  // WGS 84 / UTM zone N (326NN north, 327NN south) and NAD83 / UTM zone N (269NN).
  if (n >= 32601 && n <= 32660)
    return `+proj=utm +zone=${n - 32600} +datum=WGS84 +units=m +no_defs`;
  if (n >= 32701 && n <= 32760)
    return `+proj=utm +zone=${n - 32700} +south +datum=WGS84 +units=m +no_defs`;
  if (n >= 26901 && n <= 26923) return `+proj=utm +zone=${n - 26900} ${NAD83} +units=m +no_defs`;
  return null;
}

/** A function from projected X/Y to [lon, lat], or an error message for an unknown system. */
export function createToLonLat(crs: string): ((x: number, y: number) => [number, number]) | string {
  const definition = crsDefinition(crs);
  if (definition === null)
    return `Unknown coordinate system "${crs}": choose one from the list or paste a proj4 string (+proj=…).`;
  let converter: proj4.Converter;
  try {
    converter = proj4(definition, 'EPSG:4326');
  } catch (error) {
    return `The coordinate system "${crs}" could not be read: ${error instanceof Error ? error.message : String(error)}`;
  }
  return (x, y) => {
    const [lon, lat] = converter.forward([x, y]);
    return [lon, lat];
  };
}
