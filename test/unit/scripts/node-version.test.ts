import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { satisfiesRange } from '../../../scripts/node-version';

const ENGINES = (JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

describe('the Node check against package.json engines', () => {
  it('is the range Electron\'s installer really needs: require(esm) without a flag', () => {
    expect(ENGINES).toBe('^20.19.0 || >=22.12.0');
  });

  it.each([
    ['20.18.0', false], // require(esm) not there: the installer throws ERR_REQUIRE_ESM
    ['v20.19.0', true],
    ['20.20.2', true],
    ['21.7.3', false],
    ['22.11.0', false], // require(esm) behind --experimental-require-module
    ['22.12.0', true],
    ['24.1.0', true],
  ])('Node %s → %s', (version, ok) => {
    expect(satisfiesRange(version, ENGINES)).toBe(ok);
  });

  it('refuses to guess at a range it cannot read', () => {
    expect(() => satisfiesRange('20.19.0', '~20.19.0')).toThrow(/unsupported engines comparator/);
    expect(() => satisfiesRange('twenty', ENGINES)).toThrow(/not a version/);
  });
});
