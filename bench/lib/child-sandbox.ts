/** The sandbox Orchestrator in a child process (sandbox-child.ts), so its work is not counted as Steward's. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SandboxOptions } from '../../sandbox';

export interface ChildSandbox {
  url: string;
  /** Where the simulated droplets serve their own routes (`/d/<id>/health`), when they do. */
  dropletRoutesUrl: string | null;
  pid: number;
  close(): Promise<void>;
}

export function startChildSandbox(opts: SandboxOptions): Promise<ChildSandbox> {
  const script = fileURLToPath(new URL('./sandbox-child.ts', import.meta.url));
  const child: ChildProcess = fork(script, [JSON.stringify({ port: 0, ...opts })], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code})`)));
    child.once('message', (m: { url: string; dropletRoutesUrl?: string | null }) => {
      resolve({
        url: m.url,
        dropletRoutesUrl: m.dropletRoutesUrl ?? null,
        pid: child.pid ?? -1,
        close: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.send({ close: true });
          }),
      });
    });
  });
}
