/**
 * `cop-planner` — the command line over the same import and analysis code as the app. Each
 * command is a module in `commands/`; `commands/index.ts` lists them.
 */
import { ImportError } from '../data/importSession';
import { COMMANDS } from './commands';
import { CliError } from './loadFiles';

export function usage(): string {
  return `usage: cop-planner <command> [options]\n\ncommands:\n${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(`${usage()}\n`);
      return command === undefined ? 1 : 0;
    }
    const found = COMMANDS.find((c) => c.name === command);
    if (!found) throw new CliError(`unknown command "${command}"\n${usage()}`);
    await found.run(rest);
    return 0;
  } catch (error) {
    if (error instanceof CliError || error instanceof ImportError) {
      // The app answers an unknown layout with the mapping dialog; here the answer is an option.
      const hint =
        error instanceof ImportError && error.kind === 'needsMapping'
          ? ' Name them with --columns lat=COL,lon=COL,date=COL,category=COL (see --help).'
          : '';
      process.stderr.write(`cop-planner: ${error.message}${hint}\n`);
      return 2;
    }
    if (
      error instanceof Error &&
      'code' in error &&
      error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      process.stderr.write(`cop-planner: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
