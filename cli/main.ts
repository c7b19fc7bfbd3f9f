/**
 * `steward`: the command line over the same core the app uses. Exit code 0 on success;
 * 1 with a one-line error when the Orchestrator or a file says no; 2 for a usage error (and
 * for no command at all, with the usage). Warnings (an unknown metric name) go to stderr.
 */
import { MissingCommand, parseCommandLine, UsageError, USAGE, type Common } from './args';
import type { WatchCommand } from './watch';
import { errorText } from '../shared/error-text';
import { visibleEscapes } from '../shared/text-safety';

async function main(argv: string[]): Promise<number> {
  try {
    const { common, command } = parseCommandLine(argv, process.env);
    if (command.name === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (command.name === 'watch') return await runWatch(common, command);
    // Loaded only for a command that talks to an Orchestrator: `--help` and usage errors stay quick.
    const { runCommand } = await import('./run');
    const output = await runCommand(common, command, (warning) => process.stderr.write(`steward: warning: ${visibleEscapes(warning)}\n`));
    // The server's text (names, messages) must not drive the terminal: controls are shown, not obeyed.
    process.stdout.write(`${visibleEscapes(output, common.json ? 'json' : 'lines')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof MissingCommand) {
      process.stderr.write(USAGE);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`steward: ${visibleEscapes(e.message)}\nRun "steward --help" for usage.\n`);
      return 2;
    }
    process.stderr.write(`steward: ${oneLine(e)}\n`);
    return 1;
  }
}

/** Runs until SIGINT or SIGTERM, which end it with exit 0 (a steward's Ctrl-C is not a failure). */
async function runWatch(common: Common, command: WatchCommand): Promise<number> {
  const { watchCommand } = await import('./run');
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await watchCommand(common, command, {
      print: (line) => process.stdout.write(`${visibleEscapes(line, common.json ? 'json' : 'lines')}\n`),
      warn: (warning) => process.stderr.write(`steward: warning: ${visibleEscapes(warning)}\n`),
      signal: stop.signal,
    });
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function oneLine(e: unknown): string {
  return visibleEscapes(errorText(e).replace(/\s+/g, ' ').trim());
}

process.exitCode = await main(process.argv.slice(2));
