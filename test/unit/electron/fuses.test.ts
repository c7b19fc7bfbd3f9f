// The packaging config flips the Electron fuses the security checklist asks for.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const config = readFileSync(resolve(__dirname, '../../../electron-builder.yml'), 'utf8');

function fuse(name: string): string | undefined {
  return new RegExp(`^\\s+${name}:\\s*(\\w+)`, 'm').exec(config)?.[1];
}

describe('Electron fuses in electron-builder.yml', () => {
  it.each([
    ['runAsNode', 'false'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['enableCookieEncryption', 'true'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['onlyLoadAppFromAsar', 'true'],
  ])('%s is %s', (name, value) => {
    expect(fuse(name)).toBe(value);
  });
  it('packages into an asar archive', () => {
    expect(config).toMatch(/^asar: true$/m);
  });
});
