/**
 * The street grid, police beats and districts of the fictional city the sample data lives in.
 *
 * The city is laid out the way Chicago is: streets every 1/8 mile (201.168 m) in both directions,
 * house numbers rising by 100 a block (800 a mile) away from two baseline streets, and the portal's
 * partially redacted `Block` field (`036XX N ABBOTT AVE`). Positions are planar metres east and north
 * of the city centre on the spherical transverse Mercator of `src/analysis/localProjection.ts`;
 * latitude/longitude come from its inverse, and the portal's X/Y Coordinate columns are true
 * Illinois State Plane East (EPSG:3435, US survey feet) computed with proj4, so an importer can
 * check one against the other.
 *
 * Beats are rectangles of whole blocks whose edges run along street centre lines; districts are
 * unions of beats. Incidents are placed at least 0.5 m off every centre line, so each incident lies
 * strictly inside the beat polygon named in its row.
 *
 * @example
 * const city = createCityGrid();
 * city.blockAddress(placeOnStreet(city, 0, 3 * BLOCK_METRES + 50)); // '003XX N CENTER ST'
 */
import proj4 from 'proj4';
import { createLocalProjection, type LocalProjection } from '../../src/analysis/localProjection.ts';

/** One block: 1/8 mile in metres, as on Chicago's grid. */
export const BLOCK_METRES = 201.168;

/** Centre of the fictional city (flat central-Illinois farmland). */
export const CITY_CENTRE_LON = -88.9;
export const CITY_CENTRE_LAT = 40.1;
export const CITY_NAME = 'Prairie Junction (fictional)';

/** Street indices: N–S streets at x = i·BLOCK for i in [-28, 28]; E–W streets at y = j·BLOCK for j in [-24, 24]. */
export const WEST_LIMIT = -28;
export const EAST_LIMIT = 28;
export const SOUTH_LIMIT = -24;
export const NORTH_LIMIT = 24;
const CELLS_X = EAST_LIMIT - WEST_LIMIT;
const CELLS_Y = NORTH_LIMIT - SOUTH_LIMIT;

/** Illinois State Plane East, NAD83, US survey feet — the CRS of the Chicago portal's X/Y columns. */
export const EPSG_3435 =
  '+proj=tmerc +lat_0=36.66666666666666 +lon_0=-88.33333333333333 +k=0.999975 +x_0=300000.0000000001 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs';

const NS_WEST = [
  'ABBOTT AVE', 'BALDWIN AVE', 'CARLISLE AVE', 'DENTON RD', 'EVERETT AVE', 'FAIRVIEW AVE',
  'GLENWOOD AVE', 'HARMON BLVD', 'IVANHOE AVE', 'JEWETT AVE', 'KIRBY AVE', 'LANGLEY RD',
  'MERCER AVE', 'NEWBERRY AVE', 'OSGOOD AVE', 'PRESTON BLVD', 'QUIMBY AVE', 'RANDALL AVE',
  'SUTTON AVE', 'TILDEN RD', 'UPTON AVE', 'VERNON AVE', 'WHITMAN AVE', 'WINSLOW BLVD',
  'YORKE AVE', 'ZELLER AVE', 'ASHFORD AVE', 'BRADLEY RD',
]; // prettier-ignore
const NS_EAST = [
  'ALDEN AVE', 'BEECHER AVE', 'CORWIN AVE', 'DRAKE RD', 'ELLIOTT AVE', 'FOSTER AVE',
  'GRAYSON AVE', 'HOLLAND BLVD', 'IRVING AVE', 'JAMESON AVE', 'KELLOGG AVE', 'LINCOLN RD',
  'MONROE AVE', 'NOBLE AVE', 'OGDEN AVE', 'PARKER BLVD', 'QUENTIN AVE', 'RIDGEWAY AVE',
  'SHELBY AVE', 'THAYER RD', 'UNION AVE', 'VAUGHN AVE', 'WARD AVE', 'WEBSTER BLVD',
  'YOUNG AVE', 'ZANE AVE', 'ARDEN AVE', 'BURTON RD',
]; // prettier-ignore
const EW_NORTH = [
  'ASH ST', 'BIRCH ST', 'CEDAR ST', 'DOGWOOD RD', 'ELM ST', 'FIR ST', 'GROVE ST', 'HICKORY AVE',
  'IRONWOOD ST', 'JASMINE ST', 'KEYSTONE ST', 'LINDEN RD', 'MAGNOLIA ST', 'NUTMEG ST', 'OAK ST',
  'PINE AVE', 'QUAIL ST', 'REDWOOD ST', 'SPRUCE ST', 'TAMARACK RD', 'UNDERWOOD ST', 'VINE ST',
  'WILLOW ST', 'YELLOWWOOD AVE',
]; // prettier-ignore

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}TH`;
  const last = n % 10;
  return `${n}${last === 1 ? 'ST' : last === 2 ? 'ND' : last === 3 ? 'RD' : 'TH'}`;
}

/** Name of the N–S street at x = i·BLOCK. The baseline (i = 0) divides East from West addresses. */
export function nsStreetName(i: number): string {
  if (i === 0) return 'CENTER ST';
  return i < 0 ? NS_WEST[-i - 1] : NS_EAST[i - 1];
}

/** Name of the E–W street at y = j·BLOCK: named north of MAIN ST, numbered to the south (`12TH ST` at 1200 S). */
export function ewStreetName(j: number): string {
  if (j === 0) return 'MAIN ST';
  return j > 0 ? EW_NORTH[j - 1] : `${ordinal(-j)} ST`;
}

/** The portal's hundred-block: `0000X` for 0–99, `036XX` for 3600–3699. */
export function hundredBlock(hundreds: number): string {
  return hundreds === 0 ? '0000X' : `${String(hundreds).padStart(3, '0')}XX`;
}

/** A point placed on a street: which street, and its planar position in metres. */
export interface StreetPoint {
  /** 'NS' — on the N–S street at x = index·BLOCK; 'EW' — on the E–W street at y = index·BLOCK. */
  axis: 'NS' | 'EW';
  index: number;
  x: number;
  y: number;
}

/** A rectangle of whole blocks, in cell indices (cell cx spans x ∈ [cx·BLOCK, (cx+1)·BLOCK)). */
interface CellRect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface Beat {
  /** 4 digits: district (2), sector (1), beat (1) — as the portal's Beat column, e.g. `0312`. */
  beat: string;
  /** 3 digits, as the portal's District column, e.g. `003`. */
  district: string;
  rect: CellRect;
}

export interface District {
  district: string;
  name: string;
  beats: string[];
}

export interface CityGrid {
  readonly projection: LocalProjection;
  readonly beats: readonly Beat[];
  readonly districts: readonly District[];
  /** Whether the block cell holding planar (x, y) belongs to the city. */
  inCity(x: number, y: number): boolean;
  /** Index into `beats` of the cell holding (x, y), or -1 outside the city. */
  beatIndexAt(x: number, y: number): number;
  wardAt(x: number, y: number): number;
  communityAreaAt(x: number, y: number): number;
  /** Cell ids (row-major, south-west first) of every city cell, and each one's centre. */
  readonly cellCount: number;
  cellCentre(cell: number): [number, number];
  cellInCity(cell: number): boolean;
  blockAddress(p: StreetPoint): string;
  toLonLat(x: number, y: number): [number, number];
  /** EPSG:3435 feet of a longitude/latitude. */
  toStatePlaneFeet(lon: number, lat: number): [number, number];
}

/** Beat columns and rows, in block cells; beats are smaller near the busy centre. */
const BEAT_X_EDGES = [-28, -20, -13, -6, 0, 6, 13, 20, 28];
const BEAT_Y_EDGES = [-24, -17, -11, -5, 0, 5, 11, 17, 24];
/** Beat-grid cells (column, row from the south) left out, giving the city a ragged outline. */
const MISSING_BEAT_CELLS = new Set(['0,0', '1,0', '0,1', '7,7', '6,7', '7,6', '7,0', '0,7']);
const DISTRICT_NAMES = [
  'Northwest', 'North Central', 'Near Northeast', 'Northeast',
  'Southwest', 'South Central', 'Near Southeast', 'Southeast',
]; // prettier-ignore
const WARD_X_EDGES = [-28, -14, 0, 14, 28];
const WARD_Y_EDGES = [-24, -8, 8, 24];
const AREA_X_EDGES = [-28, -19, -10, -1, 9, 18, 28];
const AREA_Y_EDGES = [-24, -14, -5, 4, 14, 24];

function bandOf(edges: readonly number[], v: number): number {
  for (let k = 0; k < edges.length - 1; k++) if (v < edges[k + 1]) return k;
  return edges.length - 2;
}

export function createCityGrid(): CityGrid {
  const projection = createLocalProjection(CITY_CENTRE_LON, CITY_CENTRE_LAT);
  const statePlane = proj4('EPSG:4326', EPSG_3435);

  const beats: Beat[] = [];
  const beatCellOwner = new Int16Array(CELLS_X * CELLS_Y).fill(-1);
  const wardOfCell = new Int16Array(CELLS_X * CELLS_Y);
  const areaOfCell = new Int16Array(CELLS_X * CELLS_Y);
  const districts: District[] = DISTRICT_NAMES.map((name, k) => ({
    district: String(k + 1).padStart(3, '0'),
    name: `${name} District`,
    beats: [],
  }));

  const columns = BEAT_X_EDGES.length - 1;
  const rows = BEAT_Y_EDGES.length - 1;
  // Districts are 2 beat columns by 4 beat rows: 001–004 in the north, 005–008 in the south, west to east.
  for (let row = rows - 1; row >= 0; row--) {
    for (let col = 0; col < columns; col++) {
      if (MISSING_BEAT_CELLS.has(`${col},${row}`)) continue;
      const districtNumber = (row >= 4 ? 1 : 5) + Math.floor(col / 2);
      const sector = 4 - (row % 4);
      const beatInSector = (col % 2) + 1;
      const district = String(districtNumber).padStart(3, '0');
      const beat = `${String(districtNumber).padStart(2, '0')}${sector}${beatInSector}`;
      const rect = {
        x0: BEAT_X_EDGES[col],
        x1: BEAT_X_EDGES[col + 1],
        y0: BEAT_Y_EDGES[row],
        y1: BEAT_Y_EDGES[row + 1],
      };
      const index = beats.length;
      beats.push({ beat, district, rect });
      districts[districtNumber - 1].beats.push(beat);
      for (let cy = rect.y0; cy < rect.y1; cy++) {
        for (let cx = rect.x0; cx < rect.x1; cx++) {
          beatCellOwner[(cy - SOUTH_LIMIT) * CELLS_X + (cx - WEST_LIMIT)] = index;
        }
      }
    }
  }
  for (let cy = SOUTH_LIMIT; cy < NORTH_LIMIT; cy++) {
    for (let cx = WEST_LIMIT; cx < EAST_LIMIT; cx++) {
      const cell = (cy - SOUTH_LIMIT) * CELLS_X + (cx - WEST_LIMIT);
      const wardCols = WARD_X_EDGES.length - 1;
      const wardRowFromNorth = WARD_Y_EDGES.length - 2 - bandOf(WARD_Y_EDGES, cy);
      const wardCol = bandOf(WARD_X_EDGES, cx);
      // Serpentine numbering, as ward maps often are.
      wardOfCell[cell] =
        wardRowFromNorth * wardCols +
        (wardRowFromNorth % 2 === 0 ? wardCol : wardCols - 1 - wardCol) +
        1;
      const areaCols = AREA_X_EDGES.length - 1;
      const areaRowFromNorth = AREA_Y_EDGES.length - 2 - bandOf(AREA_Y_EDGES, cy);
      areaOfCell[cell] = areaRowFromNorth * areaCols + bandOf(AREA_X_EDGES, cx) + 1;
    }
  }

  const cellOf = (x: number, y: number): number => {
    const cx = Math.floor(x / BLOCK_METRES);
    const cy = Math.floor(y / BLOCK_METRES);
    if (cx < WEST_LIMIT || cx >= EAST_LIMIT || cy < SOUTH_LIMIT || cy >= NORTH_LIMIT) return -1;
    return (cy - SOUTH_LIMIT) * CELLS_X + (cx - WEST_LIMIT);
  };

  return {
    projection,
    beats,
    districts,
    cellCount: CELLS_X * CELLS_Y,
    inCity: (x, y) => {
      const cell = cellOf(x, y);
      return cell >= 0 && beatCellOwner[cell] >= 0;
    },
    beatIndexAt: (x, y) => {
      const cell = cellOf(x, y);
      return cell < 0 ? -1 : beatCellOwner[cell];
    },
    wardAt: (x, y) => wardOfCell[cellOf(x, y)],
    communityAreaAt: (x, y) => areaOfCell[cellOf(x, y)],
    cellCentre: (cell) => [
      ((cell % CELLS_X) + WEST_LIMIT + 0.5) * BLOCK_METRES,
      (Math.floor(cell / CELLS_X) + SOUTH_LIMIT + 0.5) * BLOCK_METRES,
    ],
    cellInCity: (cell) => beatCellOwner[cell] >= 0,
    blockAddress: (p) => {
      if (p.axis === 'NS') {
        const hundreds = Math.floor(Math.abs(p.y) / BLOCK_METRES);
        return `${hundredBlock(hundreds)} ${p.y >= 0 ? 'N' : 'S'} ${nsStreetName(p.index)}`;
      }
      const hundreds = Math.floor(Math.abs(p.x) / BLOCK_METRES);
      return `${hundredBlock(hundreds)} ${p.x >= 0 ? 'E' : 'W'} ${ewStreetName(p.index)}`;
    },
    toLonLat: (x, y) => projection.inverse(x, y),
    toStatePlaneFeet: (lon, lat) => {
      const [fx, fy] = statePlane.forward([lon, lat]);
      return [fx, fy];
    },
  };
}

/** Smallest distance kept between an incident and any street centre line or intersection, in metres. */
export const CENTRE_LINE_CLEARANCE_METRES = 0.5;
/** Largest distance across a street from its centre line, in metres (a street and its sidewalks). */
export const ACROSS_STREET_METRES = 7;

function awayFromGridLine(v: number): number {
  const nearest = Math.round(v / BLOCK_METRES) * BLOCK_METRES;
  const d = v - nearest;
  if (Math.abs(d) >= CENTRE_LINE_CLEARANCE_METRES) return v;
  return nearest + (d < 0 ? -CENTRE_LINE_CLEARANCE_METRES : CENTRE_LINE_CLEARANCE_METRES);
}

/**
 * Moves planar (x, y) onto the nearest street centre line, keeps its position along the street,
 * and offsets it 0.5–7 m across the street to one side — inward when the outward side would leave
 * the city. `side` in [0, 1) picks the side and the offset.
 */
export function placeOnStreet(city: CityGrid, x: number, y: number, side = 0.75): StreetPoint {
  const i = Math.round(x / BLOCK_METRES);
  const j = Math.round(y / BLOCK_METRES);
  const dx = Math.abs(x - i * BLOCK_METRES);
  const dy = Math.abs(y - j * BLOCK_METRES);
  const sign = side < 0.5 ? -1 : 1;
  const offset =
    CENTRE_LINE_CLEARANCE_METRES +
    (ACROSS_STREET_METRES - CENTRE_LINE_CLEARANCE_METRES) * ((side * 2) % 1);
  if (dx <= dy) {
    const along = awayFromGridLine(y);
    let px = i * BLOCK_METRES + sign * offset;
    if (!city.inCity(px, along)) px = i * BLOCK_METRES - sign * offset;
    return { axis: 'NS', index: i, x: px, y: along };
  }
  const along = awayFromGridLine(x);
  let py = j * BLOCK_METRES + sign * offset;
  if (!city.inCity(along, py)) py = j * BLOCK_METRES - sign * offset;
  return { axis: 'EW', index: j, x: along, y: py };
}

type Ring = [number, number][];

/**
 * The outline of a set of block cells as one closed ring of planar vertices, counter-clockwise,
 * with a vertex at every block corner along it (so neighbouring polygons share vertices exactly).
 * The cells must form one simply connected region.
 */
export function outlineOfCells(cells: ReadonlySet<string>): Ring {
  const next = new Map<string, string>();
  const add = (ax: number, ay: number, bx: number, by: number): void => {
    next.set(`${ax},${ay}`, `${bx},${by}`);
  };
  for (const key of cells) {
    const [cx, cy] = key.split(',').map(Number);
    // Edges of the cell traversed counter-clockwise; keep those facing a cell outside the set.
    if (!cells.has(`${cx},${cy - 1}`)) add(cx, cy, cx + 1, cy);
    if (!cells.has(`${cx + 1},${cy}`)) add(cx + 1, cy, cx + 1, cy + 1);
    if (!cells.has(`${cx},${cy + 1}`)) add(cx + 1, cy + 1, cx, cy + 1);
    if (!cells.has(`${cx - 1},${cy}`)) add(cx, cy + 1, cx, cy);
  }
  const start = [...next.keys()].sort()[0];
  const ring: Ring = [];
  let at = start;
  do {
    const [gx, gy] = at.split(',').map(Number);
    ring.push([gx * BLOCK_METRES, gy * BLOCK_METRES]);
    const to = next.get(at);
    if (to === undefined) throw new Error(`outline of cells is not closed at ${at}`);
    at = to;
  } while (at !== start);
  if (ring.length !== next.size) throw new Error('cells do not form one simply connected region');
  ring.push(ring[0]);
  return ring;
}

function cellsOfRect(rect: CellRect, into: Set<string>): Set<string> {
  for (let cy = rect.y0; cy < rect.y1; cy++) {
    for (let cx = rect.x0; cx < rect.x1; cx++) into.add(`${cx},${cy}`);
  }
  return into;
}

interface PolygonFeature {
  type: 'Feature';
  properties: Record<string, string | number>;
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
}
export interface PolygonCollection {
  type: 'FeatureCollection';
  features: PolygonFeature[];
}

/** Decimal places of boundary coordinates: 1e-7° is about 1 cm, far under the 0.5 m clearance. */
const BOUNDARY_DECIMALS = 7;

function ringToLonLat(city: CityGrid, ring: Ring): [number, number][] {
  const scale = 10 ** BOUNDARY_DECIMALS;
  return ring.map(([x, y]) => {
    const [lon, lat] = city.toLonLat(x, y);
    return [Math.round(lon * scale) / scale, Math.round(lat * scale) / scale];
  });
}

/** Police beats as an RFC 7946 FeatureCollection; `beat` and `district` equal the CSV's columns. */
export function beatsGeoJson(city: CityGrid): PolygonCollection {
  return {
    type: 'FeatureCollection',
    features: city.beats.map((b) => ({
      type: 'Feature',
      properties: { beat: b.beat, district: b.district, name: `Beat ${b.beat}` },
      geometry: {
        type: 'Polygon',
        coordinates: [ringToLonLat(city, outlineOfCells(cellsOfRect(b.rect, new Set())))],
      },
    })),
  };
}

/** Police districts (unions of their beats) as an RFC 7946 FeatureCollection. */
export function districtsGeoJson(city: CityGrid): PolygonCollection {
  return {
    type: 'FeatureCollection',
    features: city.districts.map((d) => {
      const cells = new Set<string>();
      for (const b of city.beats) if (b.district === d.district) cellsOfRect(b.rect, cells);
      return {
        type: 'Feature',
        properties: { district: d.district, name: d.name, beats: d.beats.length },
        geometry: { type: 'Polygon', coordinates: [ringToLonLat(city, outlineOfCells(cells))] },
      };
    }),
  };
}
