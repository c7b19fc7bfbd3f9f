// Lint rules, including the architecture's forbidden arrows (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'path', 'http', 'https', 'net', 'crypto', 'child_process', 'os'];
const coreOutside = ['**/electron/**', '**/renderer/**', '**/sandbox/**', '**/cli/**', 'electron'];
// Lowest first.
const CORE_LAYERS = ['fs', 'signing', 'orchestrator', 'fleet', 'history', 'probes', 'attention', 'profiles', 'app'];
const forbid = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((g) => ({ group: [g], message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'dist-cli/**', 'test-results/**', '.scratch/**', 'reports/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Plain JavaScript run by node as it is (the bin launcher, build scripts): node's globals.
  { files: ['bin/**/*.js', 'scripts/**/*.mjs', '*.mjs'], languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } } },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(['**/electron/**', '**/core/**', '**/sandbox/**', '**/cli/**', 'electron', ...nodeBuiltins], 'The renderer reaches main only through window.steward.'),
    },
  },
  { files: ['shared/**/*.ts'], rules: forbid(['**/core/**', '**/electron/**', '**/sandbox/**', '**/renderer/**', '**/cli/**', 'electron', ...nodeBuiltins], 'shared/ depends on nothing but itself and zod.') },
  { files: ['core/**/*.ts'], rules: forbid(coreOutside, 'core/ is Electron-free and independent of the sandbox.') },
  // core/'s rooms form layers: a room imports only rooms below it (docs/architecture.md).
  ...CORE_LAYERS.map((room, i) => {
    const above = CORE_LAYERS.slice(i + 1);
    const message = `core/${room}/ sits below ${above.join(', ')}: it may not import them.`;
    // A room's folder itself (`../history`, its index) and from a subfolder (`../../history/x`) too.
    const relative = above.flatMap((a) => [`../${a}`, `../${a}/**`, `../../${a}`, `../../${a}/**`]);
    // no-restricted-imports sees neither `import('…')` in a type nor a dynamic import: these do.
    const source = above.length ? `/^(\\.\\.\\/)+(${above.join('|')})(\\/|$)|(^|\\/)core\\/(${above.join('|')})(\\/|$)/` : null;
    return {
      files: [`core/${room}/**/*.ts`],
      rules: {
        ...forbid([...coreOutside, ...above.map((a) => `**/core/${a}/**`), ...relative], message),
        ...(source ? { 'no-restricted-syntax': ['error', ...['TSImportType', 'ImportExpression'].map((node) => ({ selector: `${node}[source.value=${source}]`, message }))] } : {}),
      },
    };
  }),
  { files: ['sandbox/**/*.ts'], rules: forbid(['**/core/**', '**/electron/**', '**/renderer/**', '**/cli/**', 'electron'], 'The sandbox is the other side of the wire: it shares only shared/.') },
  { files: ['cli/**/*.ts'], rules: forbid(['**/electron/**', '**/renderer/**', 'electron'], 'The CLI runs in plain Node.') },
);
