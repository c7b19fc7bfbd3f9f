/** Runs measureIdleMainHere in a process of its own (see idle-main.ts) and sends its figure back. */
import type { KeyPair } from '../../core/signing/keys';
import { removeBenchTempDirs } from '../lib/temp-dirs';
import { applyMainV8Flags } from '../../core/app/main-v8-flags';
import { measureIdleMainHere } from './idle-main';

// As Electron's main starts (electron/main.ts).
applyMainV8Flags();

interface Request {
  url: string;
  key: KeyPair;
  seconds: number;
  pollIntervalMs: number;
}

// The bench gone (killed, or given up on this measure): stop polling.
process.once('disconnect', () => {
  removeBenchTempDirs();
  process.exit(1);
});
process.once('message', (m: Request) => {
  void (async () => {
    try {
      const figure = await measureIdleMainHere(m.url, m.key, m.seconds, m.pollIntervalMs);
      removeBenchTempDirs();
      process.send?.(figure, () => process.exit(0));
    } catch (e) {
      console.error(e);
      removeBenchTempDirs();
      process.exit(1);
    }
  })();
});
