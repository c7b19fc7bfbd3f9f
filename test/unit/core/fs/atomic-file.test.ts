import { spawn } from 'node:child_process';
import { mkdtemp, open, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { moveAside, readJsonFile, writeFileAtomic, type AtomicFs } from '../../../../core/fs/atomic-file';

/** Node's fs, recording each call as `op target` (paths relative to the test dir) in order. */
function recordingFs(calls: string[]): AtomicFs {
  const rel = (p: string) => (p === dir ? '.' : p.slice(dir.length + 1));
  return {
    async open(path, flags, mode) {
      calls.push(`open ${rel(path)} ${flags}`);
      const fh = await open(path, flags, mode);
      return {
        chmod: async (m) => void (calls.push(`chmod ${rel(path)}`), await fh.chmod(m)),
        writeFile: async (d) => void (calls.push(`write ${rel(path)}`), await fh.writeFile(d)),
        sync: async () => void (calls.push(`fsync ${rel(path)}`), await fh.sync()),
        close: async () => void (calls.push(`close ${rel(path)}`), await fh.close()),
      };
    },
    rename: async (from, to) => void (calls.push(`rename ${rel(from)} -> ${rel(to)}`), await rename(from, to)),
    unlink: async (p) => void (calls.push(`unlink ${rel(p)}`), await unlink(p)),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'steward-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const Settings = z.object({ name: z.string(), count: z.number() });

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temp file behind', async () => {
    const file = join(dir, 'nested', 'settings.json');
    await writeFileAtomic(file, 'old');
    await writeFileAtomic(file, new TextEncoder().encode('new'));
    await writeFileAtomic(join(dir, 'chunks.txt'), ['a', 'b', new TextEncoder().encode('c')]);
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readFile(join(dir, 'chunks.txt'), 'utf8')).toBe('abc');
    expect(await readdir(join(dir, 'nested'))).toEqual(['settings.json']);
  });

  it('keeps the old file and cleans up when the write fails', async () => {
    const file = join(dir, 'settings.json');
    await writeFileAtomic(file, 'old');
    // A directory where the file should be makes the rename fail after the temp is written.
    const blocked = join(dir, 'blocked');
    await writeFileAtomic(join(blocked, 'x'), 'x');
    await expect(writeFileAtomic(blocked, 'data')).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('old');
    expect((await readdir(dir)).sort()).toEqual(['blocked', 'settings.json']);
  });

  it('writes a new temp file beside the target, fsyncs it, closes it, renames it over the target, then fsyncs the directory', async () => {
    const file = join(dir, 'settings.json');
    await writeFile(file, 'old');
    const calls: string[] = [];
    await writeFileAtomic(file, ['a', 'b'], { fs: recordingFs(calls) });
    const tmp = /^open (\.settings\.json\.\d+\.[0-9a-f]{12}\.tmp) wx$/.exec(calls[0]!)?.[1];
    expect(tmp, calls[0]).toBeDefined();
    expect(calls).toEqual([
      `open ${tmp} wx`,
      `chmod ${tmp}`,
      `write ${tmp}`,
      `write ${tmp}`,
      `fsync ${tmp}`,
      `close ${tmp}`,
      `rename ${tmp} -> settings.json`,
      'open . r',
      'fsync .',
      'close .',
    ]);
    expect(await readFile(file, 'utf8')).toBe('ab');
  });

  it('removes the temp file and keeps the target when the fsync fails', async () => {
    const file = join(dir, 'settings.json');
    await writeFile(file, 'old');
    const calls: string[] = [];
    const real = recordingFs(calls);
    const failingSync: AtomicFs = {
      ...real,
      open: async (path, flags, mode) => {
        const fh = await real.open(path, flags, mode);
        return flags === 'wx' ? { ...fh, sync: () => Promise.reject(new Error('EIO: disk gone')) } : fh;
      },
    };
    await expect(writeFileAtomic(file, 'new', { fs: failingSync })).rejects.toThrow('EIO');
    expect(calls.some((c) => c.startsWith('rename'))).toBe(false);
    expect(calls.at(-1)).toMatch(/^unlink \.settings\.json\..*\.tmp$/);
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  // An extra on top of the order above: a real writer killed at a random moment.
  it('leaves the old or the new content when the writer is killed mid-write', async () => {
    const file = join(dir, 'big.txt');
    const module = new URL('../../../../core/fs/atomic-file.ts', import.meta.url).href;
    const child = join(dir, 'writer.mjs');
    // Each generation is 2 MB of one letter: any mix or truncation shows.
    await writeFile(child, `
      import { writeFileAtomic } from ${JSON.stringify(module)};
      const file = process.argv[2];
      for (let i = 0; ; i++) {
        await writeFileAtomic(file, String.fromCharCode(65 + (i % 26)).repeat(2 * 1024 * 1024));
        if (i === 0) process.stdout.write('ready\\n');
      }
    `);
    for (let round = 0; round < 3; round++) {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, file], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        proc.stdout.once('data', () => resolve());
        proc.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
      });
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 60));
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
      const text = await readFile(file, 'utf8');
      expect(text.length).toBe(2 * 1024 * 1024);
      expect(text.replaceAll(text[0]!, '')).toBe('');
    }
  });
});

describe('readJsonFile', () => {
  it('answers the value of a valid file', async () => {
    const file = join(dir, 's.json');
    await writeFileAtomic(file, JSON.stringify({ name: 'a', count: 2 }));
    expect(await readJsonFile(file, Settings)).toEqual({ ok: true, value: { name: 'a', count: 2 } });
  });

  it('reports a missing file without creating anything', async () => {
    const r = await readJsonFile(join(dir, 'none.json'), Settings);
    expect(r).toMatchObject({ ok: false, reason: 'missing' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports an unreadable path', async () => {
    const r = await readJsonFile(dir, Settings); // a directory
    expect(r).toMatchObject({ ok: false, reason: 'unreadable' });
  });

  it.each([
    ['broken JSON', '{"name": "a", '],
    ['a schema mismatch', JSON.stringify({ name: 'a', count: 'two' })],
  ])('moves a file with %s aside and says where', async (_what, content) => {
    const file = join(dir, 's.json');
    await writeFile(file, content);
    const r = await readJsonFile(file, Settings);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('corrupt');
    expect(r.backupPath).toMatch(/s\.json\.corrupt-\d{8}T\d{6}-\d{3}Z$/);
    expect(r.message).toContain(r.backupPath!);
    expect(await readFile(r.backupPath!, 'utf8')).toBe(content);
    expect(await readdir(dir)).toEqual([r.backupPath!.slice(dir.length + 1)]);
  });

  it('never overwrites an earlier backup', async () => {
    const file = join(dir, 's.json');
    const now = new Date('2026-01-02T03:04:05.678Z');
    await writeFile(file, 'one');
    const first = await moveAside(file, { now });
    await writeFile(file, 'two');
    const second = await moveAside(file, { now, copy: true });
    expect(second).not.toBe(first);
    expect(await readFile(first, 'utf8')).toBe('one');
    expect(await readFile(second, 'utf8')).toBe('two');
    expect(await readFile(file, 'utf8')).toBe('two');
  });
});
