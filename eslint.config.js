import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const drivers = ['better-sqlite3', 'pg', 'oracledb'];
const restrict = (names, message) => ({
  'no-restricted-imports': ['error', { patterns: names.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  // Dependencies point one way (docs/architecture.md, "Layers"): domain imports no driver and no other layer.
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict(
      [...drivers, '**/local/**', '**/central/**', '**/sync/**', '**/server/**', '**/cli/**'],
      'domain/ is pure: no drivers, no other layer',
    ),
  },
  {
    files: ['src/import/**/*.ts'],
    rules: restrict(
      [...drivers, '**/local/**', '**/central/**', '**/sync/**', '**/server/**', '**/cli/**'],
      'import/ parses statements: pure, like domain/',
    ),
  },
  {
    files: ['src/sync/**/*.ts'],
    rules: restrict([...drivers, '**/server/**', '**/cli/**'], 'sync/ imports no driver; adapters do'),
  },
  {
    files: ['src/local/**/*.ts'],
    rules: restrict(
      ['pg', 'oracledb', '**/central/**', '**/sync/**', '**/server/**', '**/cli/**'],
      'local/ depends on domain only',
    ),
  },
  // central/: one folder per database, and only that folder loads its driver.
  {
    files: ['src/central/*.ts'],
    rules: restrict(
      [...drivers, '**/local/**', '**/sync/**', '**/server/**', '**/cli/**'],
      'central/ depends on domain only; a driver is loaded by its dialect folder',
    ),
  },
  {
    files: ['src/central/sqlite/**/*.ts'],
    rules: restrict(
      ['pg', 'oracledb', '**/local/**', '**/sync/**', '**/server/**', '**/cli/**'],
      'central/sqlite/ loads better-sqlite3 only',
    ),
  },
  {
    files: ['src/central/postgres/**/*.ts'],
    rules: restrict(
      ['better-sqlite3', 'oracledb', '**/local/**', '**/sync/**', '**/server/**', '**/cli/**'],
      'central/postgres/ loads pg only',
    ),
  },
  {
    files: ['src/central/oracle/**/*.ts'],
    rules: restrict(
      ['better-sqlite3', 'pg', '**/local/**', '**/sync/**', '**/server/**', '**/cli/**'],
      'central/oracle/ loads oracledb only',
    ),
  },
  // The web UI (React): the rules of hooks and the React Compiler's checks.
  { files: ['web/**/*.{ts,tsx}'], ...reactHooks.configs.flat['recommended-latest'] },
);
