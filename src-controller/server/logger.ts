import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs for machines; readable lines when a person is watching the terminal. */
export function createLogger(level: string = process.env.HALLCUE_LOG_LEVEL ?? 'info'): Logger {
  const pretty = process.stdout.isTTY && process.env.HALLCUE_LOG_FORMAT !== 'json';
  return pino({
    level,
    base: null,
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  });
}

/** A logger that drops everything; for tests that assert behaviour, not log lines. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
