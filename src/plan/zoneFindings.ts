/**
 * The words that link a zone to the assessment: "Gi* hot spot, burglary, 99% (12 cells of 150 m)"
 * for a zone made from hot-spot cells, with the filter the analysis ran under.
 */
import type { IncidentFilter } from '../data/incidentFilter';
import type { HotspotResult } from '../data/jobs/hotspotsJob';

/** Cells hot at 95% or more (Gi*, Gi), or High-High clusters (LISA); none for plain counts. */
export function hotCells(result: HotspotResult): number[] {
  const out: number[] = [];
  for (let c = 0; c < result.cellCount; c++) {
    const b = result.bin[c];
    if (result.method === 'lisa' ? b === 1 : result.method !== 'count' && b >= 2) out.push(c);
  }
  return out;
}

/** The filter in a few words: "burglary", "violent crime", "all incidents". */
export function filterWords(filter: IncidentFilter): string {
  if (filter.categories && filter.categories.length > 0)
    return filter.categories.length <= 3
      ? filter.categories.map((c) => c.toLowerCase()).join(', ')
      : `${filter.categories.length} categories`;
  if (filter.groups && filter.groups.length > 0)
    return filter.groups.map((g) => `${g} crime`).join(', ');
  return 'all incidents';
}

const METHOD_WORDS: Record<HotspotResult['method'], string> = {
  gistar: 'Gi* hot spot',
  gi: 'Gi hot spot',
  lisa: 'LISA High-High cluster',
  count: 'Counts',
};

/** "Gi* hot spot, burglary, 99%": the finding a zone made from hot-spot cells answers. */
export function hotspotFinding(
  result: HotspotResult,
  cells: number[],
  filter: IncidentFilter,
): string {
  const what = filterWords(filter);
  const size =
    result.geometry.kind === 'grid' && result.cellSizeMetres
      ? `${cells.length} cell${cells.length === 1 ? '' : 's'} of ${Math.round(result.cellSizeMetres)} m`
      : `${cells.length} area${cells.length === 1 ? '' : 's'}`;
  if (result.method === 'gistar' || result.method === 'gi') {
    const minBin = Math.min(...cells.map((c) => result.bin[c]));
    if (minBin <= 0)
      return `${METHOD_WORDS[result.method]} cells picked by hand, ${what} (${size}, some not significant)`;
    const conf = minBin >= 3 ? '99%' : minBin >= 2 ? '95%+' : '90%+';
    return `${METHOD_WORDS[result.method]}, ${what}, ${conf} (${size})`;
  }
  return `${METHOD_WORDS[result.method]}, ${what} (${size})`;
}
