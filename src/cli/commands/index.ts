/** Every command of `cop-planner`, in the order `--help` lists them. */
import { importCommand } from './import';
import type { CliCommand } from './types';

export const COMMANDS: CliCommand[] = [importCommand];
