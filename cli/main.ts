/**
 * `steward`: the command line over the same core the app uses. Exit code 0 on success;
 * 1 with a one-line error when the Orchestrator or a file says no; 2 for a usage error (and
 * for no command at all, with the usage). Warnings (an unknown metric name) go to stderr.
 */
import { MissingCommand, parseCommandLine, UsageError, USAGE } from './args';
import { errorText } from '../shared/error-text';
import { visibleEscapes } from '../shared/text-safety';

async function main(argv: string[]): Promise<number> {
  try {
    const { common, command } = parseCommandLine(argv, process.env);
    if (command.name === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
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

function oneLine(e: unknown): string {
  return visibleEscapes(errorText(e).replace(/\s+/g, ' ').trim());
}

process.exitCode = await main(process.argv.slice(2));
