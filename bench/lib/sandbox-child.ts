/**
 * The bench's Orchestrator, in a child process so its CPU (fleet simulation, building lists)
 * is not counted as Steward's. Started with the sandbox options as JSON in argv[2]; answers
 * `{ url }` once listening; takes `{ faults }` and `{ close: true }` messages.
 */
import { startSandbox, type SandboxOptions } from '../../sandbox';

interface Message {
  faults?: { latencyMs?: number; errorRate?: number };
  close?: boolean;
}

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const sandbox = await startSandbox(options);
process.send?.({ url: sandbox.url, dropletRoutesUrl: sandbox.dropletRoutes?.url ?? null });
process.on('message', (m: Message) => {
  if (m.faults) sandbox.setFaults(m.faults);
  if (m.close) void sandbox.close().then(() => process.exit(0));
});
process.on('disconnect', () => void sandbox.close().then(() => process.exit(0)));
