import { parseArgs } from 'node:util';
import { UsageError, type CliCommand, type CliContext } from './command';
import { writeMessage } from './output';

export const cliVersion = process.env.PSDEV_VERSION ?? '0.0.0';

function overview(commands: readonly CliCommand[]): string {
  const width = Math.max(8, ...commands.map((command) => command.name.length));
  const rows = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'psdev — PowerSchool DevTools on the command line',
    '',
    'Usage: psdev <command> [options]',
    '       psdev <command> --help',
    '',
    'Commands:',
    ...(rows.length ? rows : ['  (none)']),
    '',
    'Options:',
    '  -h, --help     show this help',
    '  -v, --version  print the version',
    '',
    'A connection comes from PS_URL, PS_CLIENT_ID and PS_CLIENT_SECRET, or --sandbox.',
  ].join('\n');
}

/** Runs `psdev` with the given arguments; resolves to the exit code and never throws. */
export async function dispatch(commands: readonly CliCommand[], context: CliContext): Promise<number> {
  const [first, ...rest] = context.argv;
  try {
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      context.stdout.write(overview(commands) + '\n');
      return first === undefined ? 2 : 0;
    }
    if (first === '-v' || first === '--version') {
      context.stdout.write(`${cliVersion}\n`);
      return 0;
    }
    const command = commands.find((candidate) => candidate.name === first);
    if (!command) throw new UsageError(`unknown command '${first}' (run psdev --help for the list)`);
    const { values } = parseArgs({ args: rest, options: { help: { type: 'boolean', short: 'h' } }, strict: false });
    if (values.help) {
      context.stdout.write(command.usage.trimEnd() + '\n');
      return 0;
    }
    return await command.run({ ...context, argv: rest });
  } catch (error) {
    if (error instanceof UsageError) {
      writeMessage(context.stderr, `psdev: ${error.message}`);
      return 2;
    }
    // Ctrl+C: one line and the shell's exit code for SIGINT, not an abort error's text.
    if (context.signal.aborted) {
      context.stderr.write('psdev: interrupted\n');
      return 130;
    }
    const message = error instanceof Error ? error.message : String(error);
    writeMessage(context.stderr, `psdev: ${message}`);
    return 1;
  }
}
