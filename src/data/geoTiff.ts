/**
 * A density raster (or any Float32 raster on the analysis grid) as a GeoTIFF file for QGIS and
 * ArcGIS, written with the maintained `geotiff` package (`writeArrayBuffer`).
 *
 * Choice of georeferencing: the raster is regular in metres on the analysis's local projection —
 * a spherical transverse Mercator centred on the data (see `src/analysis/localProjection.ts`) — so
 * it is written in that projection, exactly, as a user-defined projected CRS in GeoTIFF 1.0 geokeys,
 * rather than resampled to a lon/lat grid (which would blur the values and make cells unequal in
 * area). Keys: ProjectedCSTypeGeoKey = ProjectionGeoKey = 32767 (user-defined), ProjCoordTransGeoKey
 * = 1 (CT_TransverseMercator), natural origin at the data's centre, scale 1, false easting and
 * northing 0, metres (9001); a user-defined geographic CRS on a sphere of radius 6,371,008.8 m
 * (the analysis's R). GDAL, and so QGIS, reads these keys as
 * `+proj=tmerc +lat_0=… +lon_0=… +k=1 +x_0=0 +y_0=0 +R=6371008.8 +units=m`.
 * Pixels are areas (RasterPixelIsArea); row 0 of the file is the northern edge.
 *
 * Source: GeoTIFF Format Specification 1.0 (Ritter & Ruth 2000), §2.7 (key values), §6.3.3
 * (projection codes); OGC GeoTIFF 1.1 (19-008r4).
 *
 * @example
 * const tif = writeGeoTiff(surface, projection); // ArrayBuffer, to save as density.tif
 */
import { writeArrayBuffer, type GeotiffWriterMetadata } from 'geotiff';
import { EARTH_RADIUS_METRES } from '../analysis/localProjection';

export interface GeoTiffRaster {
  minXMetres: number;
  minYMetres: number;
  cellSizeMetres: number;
  cols: number;
  rows: number;
  /** Row-major from the south-west corner (row 0 is the southern edge), as the analysis grids. */
  values: ArrayLike<number>;
}

export interface GeoTiffOptions {
  /** Written in place of NaN and declared as GDAL's no-data value. Default: NaN stays NaN and is declared no-data when present. */
  noDataValue?: number;
  /**
   * A short description of the values (e.g. "incidents per km2"), stored in the citation; cut to
   * 120 characters, as geotiff's writer keeps all tags in a fixed 1,000-byte header.
   */
  description?: string;
}

/** GeoTIFF key codes (GeoTIFF 1.0 §6.2–6.3). */
const KEY = {
  GTModelType: 1024,
  GTRasterType: 1025,
  GTCitation: 1026,
  GeographicType: 2048,
  GeogCitation: 2049,
  GeogGeodeticDatum: 2050,
  GeogPrimeMeridian: 2051,
  GeogLinearUnits: 2052,
  GeogAngularUnits: 2054,
  GeogEllipsoid: 2056,
  GeogSemiMajorAxis: 2057,
  GeogSemiMinorAxis: 2058,
  ProjectedCSType: 3072,
  Projection: 3074,
  ProjCoordTrans: 3075,
  ProjLinearUnits: 3076,
  ProjNatOriginLong: 3080,
  ProjNatOriginLat: 3081,
  ProjFalseEasting: 3082,
  ProjFalseNorthing: 3083,
  ProjScaleAtNatOrigin: 3092,
} as const;
const USER_DEFINED = 32767;
const GEO_DOUBLE_PARAMS_TAG = 34736;
const GEO_ASCII_PARAMS_TAG = 34737;

/** The PROJ string of the local projection centred at (lon, lat), as GDAL reads the file. */
export function localProjectionProj4(centreLon: number, centreLat: number): string {
  return `+proj=tmerc +lat_0=${centreLat} +lon_0=${centreLon} +k=1 +x_0=0 +y_0=0 +R=${EARTH_RADIUS_METRES} +units=m +no_defs`;
}

export function writeGeoTiff(
  raster: GeoTiffRaster,
  projection: { centreLon: number; centreLat: number },
  options: GeoTiffOptions = {},
): ArrayBuffer {
  const { cols, rows, cellSizeMetres, minXMetres, minYMetres, values } = raster;
  if (values.length !== cols * rows)
    throw new Error(`The raster has ${values.length} values for ${cols} × ${rows} cells.`);
  if (!(cellSizeMetres > 0)) throw new Error('The cell size must be positive.');

  // North-up rows, Float32.
  const data = new Float32Array(cols * rows);
  let hasNaN = false;
  const noData = options.noDataValue;
  for (let r = 0; r < rows; r++) {
    const from = (rows - 1 - r) * cols;
    for (let c = 0; c < cols; c++) {
      let v = values[from + c];
      if (Number.isNaN(v)) {
        hasNaN = true;
        if (noData !== undefined) v = noData;
      }
      data[r * cols + c] = v;
    }
  }

  // GeoKey directory, built by hand because geotiff's writer only knows a few key types.
  const doubles: number[] = [];
  let ascii = '';
  const entries: [number, number, number, number][] = [];
  const short = (key: number, value: number) => entries.push([key, 0, 1, value]);
  const double = (key: number, value: number) => {
    entries.push([key, GEO_DOUBLE_PARAMS_TAG, 1, doubles.length]);
    doubles.push(value);
  };
  const text = (key: number, value: string) => {
    const s = `${value.replace(/\|/g, '/')}|`;
    entries.push([key, GEO_ASCII_PARAMS_TAG, s.length, ascii.length]);
    ascii += s;
  };
  const { centreLon, centreLat } = projection;
  short(KEY.GTModelType, 1); // ModelTypeProjected
  short(KEY.GTRasterType, 1); // RasterPixelIsArea
  text(
    KEY.GTCitation,
    `Local TM ${centreLat.toFixed(5)} ${centreLon.toFixed(5)}${options.description ? `; ${options.description.slice(0, 120)}` : ''}`,
  );
  short(KEY.GeographicType, USER_DEFINED);
  text(KEY.GeogCitation, `Sphere R=${EARTH_RADIUS_METRES}`);
  short(KEY.GeogGeodeticDatum, USER_DEFINED);
  short(KEY.GeogPrimeMeridian, 8901); // Greenwich
  short(KEY.GeogLinearUnits, 9001); // metre
  short(KEY.GeogAngularUnits, 9102); // degree
  short(KEY.GeogEllipsoid, USER_DEFINED);
  double(KEY.GeogSemiMajorAxis, EARTH_RADIUS_METRES);
  double(KEY.GeogSemiMinorAxis, EARTH_RADIUS_METRES);
  short(KEY.ProjectedCSType, USER_DEFINED);
  short(KEY.Projection, USER_DEFINED);
  short(KEY.ProjCoordTrans, 1); // CT_TransverseMercator
  short(KEY.ProjLinearUnits, 9001); // metre
  double(KEY.ProjNatOriginLong, centreLon);
  double(KEY.ProjNatOriginLat, centreLat);
  double(KEY.ProjFalseEasting, 0);
  double(KEY.ProjFalseNorthing, 0);
  double(KEY.ProjScaleAtNatOrigin, 1);
  entries.sort((a, b) => a[0] - b[0]);
  const directory = [1, 1, 0, entries.length, ...entries.flat()];

  const metadata: GeotiffWriterMetadata = {
    width: cols,
    height: rows,
    ModelPixelScale: [cellSizeMetres, cellSizeMetres, 0],
    ModelTiepoint: [0, 0, 0, minXMetres, minYMetres + rows * cellSizeMetres, 0],
    GeoKeyDirectory: directory,
    GeoDoubleParams: doubles,
    GeoAsciiParams: ascii,
    // Named as well, so that the writer does not add its default EPSG:4326 keys; it is dropped in
    // favour of the directory above.
    ProjectedCSTypeGeoKey: USER_DEFINED,
  };
  if (noData !== undefined) metadata.GDAL_NODATA = String(noData);
  else if (hasNaN) metadata.GDAL_NODATA = 'nan';
  return writeArrayBuffer(data, metadata);
}
