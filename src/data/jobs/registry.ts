/**
 * Every analysis job, by name. The job worker runs them; the command line calls them directly; the
 * page starts them through `src/app/jobs.ts`. Add a job here and it is available everywhere.
 */
import { alertsJob } from './alertsJob';
import { compstatJob } from './compstatJob';
import { dayHourJob } from './dayHourJob';
import { emergingJob } from './emergingJob';
import { hotspotsJob } from './hotspotsJob';
import { densityJob } from './densityJob';
import { pointPatternJob } from './pointPatternJob';
import { concentrationJob } from './concentrationJob';
import { ratesJob } from './ratesJob';
import { knoxJob } from './knoxJob';
import { predictJob } from './predictJob';
import { trendJob } from './trendJob';
import { zoneJob } from './zoneJob';
import { patrolZonesJob } from './patrolZonesJob';

export const JOBS = {
  hotspots: hotspotsJob,
  density: densityJob,
  pointPattern: pointPatternJob,
  concentration: concentrationJob,
  rates: ratesJob,
  emerging: emergingJob,
  knox: knoxJob,
  alerts: alertsJob,
  predict: predictJob,
  trend: trendJob,
  compstat: compstatJob,
  dayHour: dayHourJob,
  zone: zoneJob,
  patrolZones: patrolZonesJob,
};

export type JobKind = keyof typeof JOBS;
export type JobParams<K extends JobKind> = Parameters<(typeof JOBS)[K]>[1];
export type JobResult<K extends JobKind> = Awaited<ReturnType<(typeof JOBS)[K]>>;
