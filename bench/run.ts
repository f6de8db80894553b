/**
 * `npm run bench [name…]`: runs every `bench/*.bench.ts` (or those whose names contain one of the
 * arguments) one after another, each printing its own table of timings and ratios against peers.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

for (const file of files) {
  console.log(`\n# ${file}`);
  const mod = (await import(join(here, file))) as { bench: () => Promise<void> };
  await mod.bench();
}
