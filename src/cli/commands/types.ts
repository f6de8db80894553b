/** A command of the command line: its name, one usage paragraph, and what it does. */
export interface CliCommand {
  name: string;
  usage: string;
  run(args: string[]): Promise<void>;
}
