/**
 * Writes generated sample data to disk: the incidents CSV streamed chunk by chunk (so 8,000,000
 * rows never sit in memory), and the full sample folder (incidents, truth, beats, districts).
 *
 * @example
 * const truth = writeIncidentsCsv('/tmp/chicago-1m.csv', { rows: 1_000_000, years: 25 });
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { beatsGeoJson, createCityGrid, districtsGeoJson } from './cityGrid.ts';
import { generateIncidents, type GenerateOptions, type SampleTruth } from './generateIncidents.ts';

/** Streams the incidents CSV to `path` and returns the truth. O(rows) time, O(1 chunk) memory. */
export function writeIncidentsCsv(path: string, options: GenerateOptions = {}): SampleTruth {
  const fd = openSync(path, 'w');
  try {
    const gen = generateIncidents(options);
    for (;;) {
      const step = gen.next();
      if (step.done === true) return step.value;
      writeSync(fd, step.value);
    }
  } finally {
    closeSync(fd);
  }
}

export interface SampleFiles {
  incidents: string;
  truth: string;
  beats: string;
  districts: string;
}

/** Writes `incidents.csv`, `truth.json`, `beats.geojson` and `districts.geojson` into `outDir`. */
export function writeSampleFiles(
  outDir: string,
  options: GenerateOptions = {},
): { truth: SampleTruth; files: SampleFiles } {
  mkdirSync(outDir, { recursive: true });
  const files: SampleFiles = {
    incidents: join(outDir, 'incidents.csv'),
    truth: join(outDir, 'truth.json'),
    beats: join(outDir, 'beats.geojson'),
    districts: join(outDir, 'districts.geojson'),
  };
  const truth = writeIncidentsCsv(files.incidents, options);
  writeFileSync(files.truth, formatTruthJson(truth));
  const city = createCityGrid();
  writeFileSync(files.beats, `${JSON.stringify(beatsGeoJson(city))}\n`);
  writeFileSync(files.districts, `${JSON.stringify(districtsGeoJson(city))}\n`);
  return { truth, files };
}

const COMPACT = 'compact\u0001';

/** The truth as indented JSON, with flat arrays (ID lists, monthly counts, month names) kept on one line. */
export function formatTruthJson(truth: SampleTruth): string {
  const text = JSON.stringify(
    truth,
    (_key, value: unknown) =>
      Array.isArray(value) && value.every((v) => typeof v === 'number' || typeof v === 'string')
        ? `${COMPACT}${JSON.stringify(value)}`
        : value,
    2,
  );
  return `${text.replace(/"compact\\u0001(\[(?:[^"\\]|\\.)*\])"/g, (_m, list: string) =>
    (JSON.parse(`"${list}"`) as string).replace(/,(?=["\d-])/g, ', '),
  )}\n`;
}
