import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const layers = (from, banned) => ({
  files: [`${from}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: banned.map((group) => ({
          group: [group],
          message: `${from} must not depend on ${group} (the arrows go app → map/plan/data → analysis).`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'data/sample', 'coverage', 'bench/out', 'tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'prefer-const': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  layers('src/analysis', [
    '**/data/**',
    '**/map/**',
    '**/app/**',
    '**/plan/**',
    '**/cli/**',
    'react',
    'react-dom',
    'maplibre-gl',
    '@deck.gl/*',
  ]),
  layers('src/data', [
    '**/map/**',
    '**/app/**',
    '**/plan/**',
    '**/cli/**',
    'react',
    'maplibre-gl',
    '@deck.gl/*',
  ]),
  layers('src/plan', ['**/map/**', '**/app/**', '**/cli/**', 'react', 'maplibre-gl', '@deck.gl/*']),
  layers('src/map', ['**/app/**', '**/cli/**']),
);
