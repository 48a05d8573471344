// Lint: typescript-eslint, React hooks and jsx-a11y on everything we write (docs/decisions/0013-lint-and-format.md).
import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'build/**',
      'build-*/**',
      'data/**',
      'app/generated/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/.tmp/**',
      'bench/**/*.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      // Control characters in patterns are deliberate: that is how input is checked for them.
      'no-control-regex': 'off',
      // Labels are associated by id (htmlFor) throughout; nesting is not required.
      'jsx-a11y/label-has-associated-control': ['error', { assert: 'either' }],
    },
  },
)
