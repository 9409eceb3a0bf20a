// Lint is type-aware where it catches real bugs (promises left floating, switches that
// miss a case); everything else is the recommended sets. Formatting is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/data/**', '**/.tmp/**', 'server/bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.vue'] },
    },
    rules: {
      // An unawaited promise loses its error and its ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      // A new union member (a unit kind, a status) must be handled everywhere it is switched on.
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Kysely<any> is the documented way to write frozen-in-time migrations and generic helpers.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['client/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { parser: tseslint.parser } },
    rules: {
      // Prettier decides layout; these stylistic Vue rules would fight it.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '*.config.*', 'client/vite.config.ts', 'client/vitest.e2e.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
);
