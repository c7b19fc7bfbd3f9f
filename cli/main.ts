/**
 * `steward`: the command line over the same core the app uses. Exit code 0 on success;
 * 1 with a one-line error when the Orchestrator or a file says no; 2 for a usage error.
 */
import { parseCommandLine, UsageError, USAGE } from './args';
import { runCommand } from './run';
import { errorText } from '../shared/error-text';

async function main(argv: string[]): Promise<number> {
  try {
    const { common, command } = parseCommandLine(argv, process.env);
    if (command.name === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    const output = await runCommand(common, command);
    process.stdout.write(`${output}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`steward: ${e.message}\nRun "steward --help" for usage.\n`);
      return 2;
    }
    process.stderr.write(`steward: ${oneLine(e)}\n`);
    return 1;
  }
}

function oneLine(e: unknown): string {
  const text = errorText(e);
  return text.replace(/\s+/g, ' ').trim();
}

process.exitCode = await main(process.argv.slice(2));
