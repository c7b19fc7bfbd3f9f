// The layer rule of eslint.config.js (a core/ room imports only rooms below it), run on small
// sources placed in core/fleet/: every way of naming a room above is caught, rooms below pass.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(__dirname, '../../..') });

async function layerErrors(code: string, file = 'core/fleet/layer-probe.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../../..', file) });
  return (result?.messages ?? []).filter((m) => /sits below/.test(m.message)).map((m) => m.ruleId ?? '');
}

describe('core layer rule', () => {
  it.each([
    ["import { x } from '../history/series';\nexport const y = x;", 'a file of a room above'],
    ["import { x } from '../history';\nexport const y = x;", 'a room above by its folder (no trailing slash)'],
    ["import type { X } from '../app/service';\nexport type Y = X;", 'a type import'],
    ["export type Y = import('../app/service').StewardService;", "an import('…') type"],
    ["export const y = () => import('../profiles/profile-store');", 'a dynamic import'],
    ["import { x } from '../../history/series';\nexport const y = x;", 'a room above from a subfolder', 'core/fleet/sub/layer-probe.ts'],
    ["import { x } from '../../../core/app/service';\nexport const y = x;", 'a path through core/'],
  ])('catches %j (%s)', async (code, _what, file?: string) => {
    expect(await layerErrors(code, file)).not.toEqual([]);
  });

  it('lets a room import the rooms below it', async () => {
    expect(await layerErrors("import { x } from '../orchestrator/redact';\nimport type { Y } from '../fs/errors';\nexport type Z = import('../signing/keys').KeyError;\nexport const y = [x, null as unknown as Y];")).toEqual([]);
  });
});
