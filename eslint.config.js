// Lint rules, including the architecture's forbidden arrows (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'path', 'http', 'https', 'net', 'crypto', 'child_process', 'os'];
const forbid = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((g) => ({ group: [g], message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
  { files: ['core/**/*.ts'], rules: forbid(['**/electron/**', '**/renderer/**', '**/sandbox/**', '**/cli/**', 'electron'], 'core/ is Electron-free and independent of the sandbox.') },
  { files: ['sandbox/**/*.ts'], rules: forbid(['**/core/**', '**/electron/**', '**/renderer/**', '**/cli/**', 'electron'], 'The sandbox is the other side of the wire: it shares only shared/.') },
  { files: ['cli/**/*.ts'], rules: forbid(['**/electron/**', '**/renderer/**', 'electron'], 'The CLI runs in plain Node.') },
);
