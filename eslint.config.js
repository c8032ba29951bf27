// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import patterns that cross a process boundary, per source folder. */
const ours = (...folders) => folders.map((f) => `**/${f}/**`);

const boundary = (files, forbidden, message, extraPatterns = []) => ({
  files,
  // Build configs run in Node at build time; they are not part of the runtime they build.
  ignores: ['**/vite.config.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [{ group: ours(...forbidden), message }, ...extraPatterns],
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'tests/.artifacts/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src-renderer/**', 'src-controller/console/**', 'src-controller/visitor-client/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The dependency direction, held by lint rather than by hope.
  boundary(
    ['src-shared/**'],
    ['src-controller', 'src-renderer', 'src-main'],
    'src-shared imports nothing of ours',
    [
      {
        group: [
          'node:*',
          'electron',
          'react',
          'react-dom',
          'socket.io',
          'socket.io-client',
          'better-sqlite3',
        ],
        message: 'src-shared is pure TypeScript: no Node, Electron, DOM or React',
      },
    ],
  ),
  boundary(
    ['src-main/**'],
    ['src-controller', 'src-renderer'],
    'src-main talks to others only through src-shared',
  ),
  boundary(
    ['src-renderer/**'],
    ['src-controller', 'src-main'],
    'src-renderer talks to others only through src-shared',
    [
      {
        group: ['electron', 'node:*'],
        message: 'the renderer reaches Electron only through the preload API',
      },
    ],
  ),
  boundary(
    ['src-controller/console/**'],
    ['src-controller/server', 'src-renderer', 'src-main'],
    'the console talks to the server only through the protocol in src-shared',
    [{ group: ['**/server/**', 'node:*'], message: 'the console never imports server code' }],
  ),
  boundary(
    ['src-controller/visitor-client/**'],
    ['src-controller/server', 'src-controller/console', 'src-renderer', 'src-main'],
    'the visitor script is progressive enhancement of server-rendered pages: it imports no app code',
    [{ group: ['node:*'], message: "the visitor script runs in phones' browsers" }],
  ),
  boundary(
    ['src-controller/server/**'],
    ['src-renderer', 'src-main', 'src-controller/console'],
    'the server talks to screens and consoles only through src-shared',
    [{ group: ['**/console/**'], message: 'the server never imports console code' }],
  ),
  prettier,
);
