// Stand-ins for what the launcher meets on a fresh clone: a project whose Electron package has no
// binary yet, a mirror to download a (fake) Electron zip from, and hosts that do not answer.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';

export const ROOT = resolve(__dirname, '../../..');
const ELECTRON = join(ROOT, 'node_modules/electron');
/** What the electron package ships (its package.json "files"); dist/ and path.txt come from the installer. */
const ELECTRON_FILES = ['LICENSE', 'README.md', 'abi_version', 'checksums.json', 'cli.js', 'electron.d.ts', 'index.js', 'install.js', 'package.json'];

export const ELECTRON_VERSION = (JSON.parse(readFileSync(join(ELECTRON, 'package.json'), 'utf8')) as { version: string }).version;
export const ZIP_NAME = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;

const made: string[] = [];

/** A temp folder that removeTempDirs() deletes. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Top-level entries a clone does not have, or that a copy must not share. */
const NOT_CLONED = new Set(['node_modules', 'out', 'dist', 'test-results', '.git', '.steward-data', '.scratch']);

/**
 * A project at a temp path, as on a fresh clone: node_modules links every package of this one
 * except electron, which is a copy without dist/ or path.txt. `sources`: 'launcher' copies
 * package.json and scripts/ (enough for `npm start` to get as far as the binary), 'all' the whole
 * tree (enough to build and start the app).
 */
export function freshProject(opts: { sources?: 'none' | 'launcher' | 'all' } = {}): { root: string; electronDir: string } {
  const root = tempDir('steward-fresh-');
  const modules = join(root, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== 'electron') symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
  }
  const electronDir = join(modules, 'electron');
  mkdirSync(electronDir);
  for (const file of ELECTRON_FILES) copyFileSync(join(ELECTRON, file), join(electronDir, file));
  symlinkSync(join(ELECTRON, 'node_modules'), join(electronDir, 'node_modules'));
  const sources = opts.sources ?? 'none';
  const copied = sources === 'all' ? readdirSync(ROOT).filter((name) => !NOT_CLONED.has(name)) : sources === 'launcher' ? ['package.json', 'scripts'] : [];
  for (const name of copied) cpSync(join(ROOT, name), join(root, name), { recursive: true });
  return { root, electronDir };
}

/** This process's environment without anything that steers Electron's download or launch. */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(npm_config_electron|npm_package_config_electron|electron_)/i.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

interface ZipEntry {
  name: string;
  data: Buffer;
  mode: number;
}

/** A stored (uncompressed) zip whose entries carry Unix modes, as Electron's release zips do. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes hold the mode
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | e.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An Electron release zip for this platform with `script` as the executable (and the version file). */
export function fakeElectronZip(script: string): Buffer {
  return zip([
    { name: 'electron', data: Buffer.from(script), mode: 0o755 },
    { name: 'version', data: Buffer.from(ELECTRON_VERSION), mode: 0o644 },
  ]);
}

/** Has a project's Electron copy trust this zip, as Electron's checksums.json trusts its real releases. */
export function trustZip(electronDir: string, zipped: Buffer): void {
  writeFileSync(join(electronDir, 'checksums.json'), JSON.stringify({ [ZIP_NAME]: createHash('sha256').update(zipped).digest('hex') }));
}

export interface Host {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** An HTTP mirror serving these paths; anything else is a 404. */
export async function mirror(files: Record<string, Buffer | string>): Promise<Host> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files[req.url ?? ''];
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
  });
  return listen(server, requests);
}

/** A host that starts a large download, sends `sent` bytes, then goes quiet. */
export async function stallingHost(sent: number): Promise<Host> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-length': 100_000_000 });
    res.write(Buffer.alloc(sent));
  });
  return listen(server, requests);
}

/** A host that accepts connections and never says a word (a proxy or firewall that swallows them). */
export async function silentHost(): Promise<Host> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((s) => void sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: [],
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function listen(server: Server, requests: string[]): Promise<Host> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
