/** Every command of `cop-planner`, in the order `--help` lists them. */
import { importCommand } from './import';
import { statsCommand } from './stats';
import type { CliCommand } from './types';

export const COMMANDS: CliCommand[] = [importCommand, statsCommand];
