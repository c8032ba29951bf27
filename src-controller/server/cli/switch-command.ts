import type { Command } from 'commander';

const DEFAULT_CONTROLLER = 'http://127.0.0.1:7400';

interface ActivateAnswer {
  ok: boolean;
  error?: string;
  data?: { key: string; revision: number; startAt: number };
}

/**
 * `hallcue switch KEY`: what a button box does, from a shell. Calls the controller's
 * POST /api/themes/KEY/activate with an API token.
 */
export function addSwitchCommand(program: Command): void {
  program
    .command('switch <key>')
    .description('switch the whole hall to theme KEY (needs an API token with the operator role)')
    .option(
      '--controller <url>',
      `controller address (env HALLCUE_CONTROLLER, default ${DEFAULT_CONTROLLER})`,
    )
    .option('--token <token>', 'API token (env HALLCUE_TOKEN); see hallcue token create')
    .action(async (key: string, opts: { controller?: string; token?: string }) => {
      const base = (
        opts.controller ??
        process.env.HALLCUE_CONTROLLER ??
        DEFAULT_CONTROLLER
      ).replace(/\/+$/, '');
      const token = opts.token ?? process.env.HALLCUE_TOKEN;
      if (!token) {
        throw new Error(
          'no API token: pass --token TOKEN or set HALLCUE_TOKEN (hallcue token create NAME)',
        );
      }
      let res: Response;
      try {
        res = await fetch(`${base}/api/themes/${encodeURIComponent(key)}/activate`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        throw new Error(`cannot reach the controller at ${base}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      let answer: ActivateAnswer;
      try {
        answer = (await res.json()) as ActivateAnswer;
      } catch {
        throw new Error(`the controller at ${base} answered ${res.status} without JSON`);
      }
      if (!answer.ok || !answer.data) {
        throw new Error(`refused (${res.status}): ${answer.error ?? 'no reason given'}`);
      }
      process.stdout.write(
        `switched the hall to theme ${answer.data.key} (revision ${answer.data.revision})\n`,
      );
    });
}
