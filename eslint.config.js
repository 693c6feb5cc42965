import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What core may never touch: it is given time, identity and randomness, and does no I/O. */
const coreBoundary = {
  files: ['packages/core/src/**/*.ts'],
  ignores: ['packages/core/src/**/*.test.ts', 'packages/core/src/**/*.bench.ts'],
  languageOptions: { globals: {} },
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['node:*'], message: 'core does no I/O: take it from the reducer context.' },
          {
            group: ['spacetimedb', 'spacetimedb/*'],
            message: 'core must not depend on an engine.',
          },
          { group: ['@spaces/*'], message: 'core imports nothing of ours.' },
        ],
        paths: ['fs', 'path', 'os', 'crypto', 'child_process', 'process', 'net', 'http'].map(
          (name) => ({ name, message: 'core does no I/O.' }),
        ),
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'process', message: 'core does not read the environment.' },
      { name: 'console', message: 'core does not print.' },
      { name: 'Date', message: 'time comes from the reducer context.' },
      { name: 'performance', message: 'time comes from the reducer context.' },
      { name: 'setTimeout', message: 'core has no timers.' },
      { name: 'setInterval', message: 'core has no timers.' },
      { name: 'fetch', message: 'core does no I/O.' },
      { name: 'require', message: 'core does no I/O.' },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Math', property: 'random', message: 'randomness comes from the reducer context.' },
      {
        object: 'crypto',
        property: 'getRandomValues',
        message: 'randomness comes from the context.',
      },
      { object: 'crypto', property: 'randomUUID', message: 'randomness comes from the context.' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  coreBoundary,
  prettier,
);
