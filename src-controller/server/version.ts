import { readFileSync } from 'node:fs';

/** HallCue's version, from package.json, so health checks and the console agree with npm. */
export const HALLCUE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
