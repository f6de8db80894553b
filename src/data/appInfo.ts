/** The app's name and version, for methods logs and exports. */
import packageJson from '../../package.json';

export const APP_NAME = 'COP Planner';
export const APP_VERSION: string = packageJson.version;
export const APP_LABEL = `${APP_NAME} ${APP_VERSION}`;
