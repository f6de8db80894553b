import { defineConfig } from 'vitest/config';

// Browser tests drive the built app (`vite preview`) in Debian's headless Chromium. One file at a
// time: software WebGL is slow and the machine has few cores.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
