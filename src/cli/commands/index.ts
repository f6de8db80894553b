/** Every command of `cop-planner`, in the order `--help` lists them. */
import { compstatCommand } from './compstat';
import { emergingCommand } from './emerging';
import { importCommand } from './import';
import { hotspotsCommand } from './hotspots';
import { concentrationCommand } from './concentration';
import { nniCommand } from './nni';
import { knoxCommand } from './knox';
import { predictCommand } from './predict';
import { statsCommand } from './stats';
import { trendCommand } from './trend';
import type { CliCommand } from './types';

export const COMMANDS: CliCommand[] = [
  importCommand,
  statsCommand,
  hotspotsCommand,
  concentrationCommand,
  nniCommand,
  trendCommand,
  compstatCommand,
  emergingCommand,
  knoxCommand,
  predictCommand,
];
