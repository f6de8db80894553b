#!/usr/bin/env node
/**
 * `npm test`: type check, lint, unit tests (under two time zones, which must agree), a production
 * build, and browser tests against it. Prints every step's output and, last, one line
 * `N passed, N failed` that CI reads. Exit status 0 only when nothing failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
mkdirSync('tmp', { recursive: true });

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(label, ok) {
  if (ok) results.passed++;
  else {
    results.failed++;
    failures.push(label);
  }
}

function vitest(label, config, env, jsonFile) {
  rmSync(jsonFile, { force: true });
  const ok = run(
    label,
    'npx',
    [
      'vitest',
      'run',
      '--config',
      config,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${jsonFile}`,
    ],
    env,
  );
  if (!existsSync(jsonFile)) {
    check(`${label} (no report)`, false);
    return;
  }
  const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
  results.passed += report.numPassedTests;
  results.failed += report.numFailedTests;
  results.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  if (report.numFailedTests > 0 || (!ok && report.numFailedTests === 0)) {
    failures.push(`${label}: ${report.numFailedTests} failed`);
    if (report.numFailedTests === 0) results.failed++; // the run itself failed (e.g. a suite crashed)
  }
}

check('type check', run('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']));
check(
  'lint',
  run('lint', 'npx', ['eslint', '.', '--max-warnings', '0']) &&
    run('format', 'npx', ['prettier', '--check', '.']),
);
vitest(
  'unit tests (TZ=America/Chicago)',
  'vitest.config.ts',
  { TZ: 'America/Chicago' },
  'tmp/unit-chicago.json',
);
vitest('unit tests (TZ=UTC)', 'vitest.config.ts', { TZ: 'UTC' }, 'tmp/unit-utc.json');
/** Debian's Chromium drives the browser tests; install it when it is missing and we may. */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return true;
  console.log(`\n${path} is missing: installing Debian's chromium with apt-get …`);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const ok =
    run(
      'apt-get update',
      prefix[0] ?? 'apt-get',
      [...prefix.slice(1), ...(asRoot ? [] : ['apt-get']), 'update', '-qq'],
      env,
    ) &&
    run(
      'apt-get install chromium',
      prefix[0] ?? 'apt-get',
      [...prefix.slice(1), ...(asRoot ? [] : ['apt-get']), 'install', '-y', '-qq', 'chromium'],
      env,
    );
  if (!ok || !existsSync(path))
    console.log(
      `Could not install Chromium. Install it (sudo apt-get install chromium) or set CHROMIUM_PATH, then run npm test again.`,
    );
  return existsSync(path);
}

const built = run('build', 'npx', ['vite', 'build']);
check('build', built);
if (!built) check('browser tests (skipped: the build failed)', false);
else if (!ensureChromium()) check('browser tests (no Chromium)', false);
else vitest('browser tests', 'vitest.browser.config.ts', {}, 'tmp/browser.json');

console.log('');
if (results.skipped > 0) console.log(`${results.skipped} skipped`);
if (failures.length > 0) console.log(`failed: ${failures.join('; ')}`);
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed > 0 ? 1 : 0);
