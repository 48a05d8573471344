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
  // ---- nlds: pages use the shared NL Design System components (docs/decisions/0017-nl-design-system.md) ----
  {
    files: [
      'app/routes/**/*.tsx',
      'app/applications/application-form.tsx',
      'app/grants/money-views.tsx',
      'app/foundations/foundation-fields.tsx',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXOpeningElement[name.name='button']",
          message:
            'Use SubmitButton (pending state per form) or Button from app/ui/nlds.tsx instead of a raw <button>.',
        },
        {
          selector: "JSXOpeningElement[name.name='select']",
          message: 'Use SelectField or Select from app/ui/nlds.tsx instead of a raw <select>.',
        },
        {
          selector: "JSXOpeningElement[name.name='table']",
          message: 'Use DataTable or Table (with Thead/Tbody/Tr/Th/Td) from app/ui/nlds.tsx instead of a raw <table>.',
        },
        {
          selector:
            "JSXOpeningElement[name.name='input'] > JSXAttribute[name.name='type'][value.value=/^(checkbox|radio)$/]",
          message:
            'Use CheckboxField/RadioGroup (or the Checkbox/Radio controls) from app/ui/nlds.tsx instead of a raw checkbox or radio.',
        },
        {
          selector: "JSXAttribute[name.name='className'][value.value=/^alert\\b/]",
          message: 'Use Alert from app/ui/nlds.tsx instead of a box with className="alert ...".',
        },
      ],
    },
  },
)
