/** Serving the built app for the browser tests and the main-thread benchmark. */
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * `vite preview` of the built app (dist/) on 127.0.0.1:`port`. Node runs vite itself (not through
 * npx), so that killing the returned process stops the server.
 */
export function spawnPreview(port: number, stderr: 'inherit' | 'ignore' = 'inherit'): ChildProcess {
  return spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { stdio: ['ignore', 'ignore', stderr] },
  );
}
