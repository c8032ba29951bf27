import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { createTokenRequestSchema, roleSchema } from '../../../src-shared/accounts';
import { describeIssues } from '../../../src-shared/protocol';
import type { Role } from '../../../src-shared/roles';
import { AuthService } from '../auth/auth-service';
import { openDatabase } from '../db/open';

const out = (text: string) => process.stdout.write(`${text}\n`);
const note = (text: string) => process.stderr.write(`${text}\n`);

/** Opens the controller's database (never creates one: a mistyped --data must not start a new hall). */
function withAuth<T>(dataDir: string, run: (auth: AuthService) => T): T {
  const file = join(resolve(dataDir), 'hallcue.db');
  if (!existsSync(file)) throw new Error(`no HallCue data in ${resolve(dataDir)} (use --data DIR)`);
  const db = openDatabase(file);
  try {
    return run(new AuthService(db));
  } finally {
    db.close();
  }
}

function parseRole(value: string): Role {
  const parsed = roleSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('must be operator, curator or administrator');
  return parsed.data;
}

const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

/** `hallcue token …`: API tokens for button boxes and scripts, straight in the database. */
export function addTokenCommands(program: Command): void {
  const token = program
    .command('token')
    .description('create, list and revoke API tokens (for hallcue switch and the HTTP API)');

  token
    .command('create <name>')
    .description('create a token and print it; it is shown this once only')
    .option('--role <role>', 'operator, curator or administrator', parseRole, 'operator' as Role)
    .option('--data <dir>', 'data directory of the controller', './data')
    .action((name: string, opts: { role: Role; data: string }) => {
      const request = createTokenRequestSchema.safeParse({ name, role: opts.role });
      if (!request.success) throw new Error(describeIssues(request.error));
      const created = withAuth(opts.data, (auth) => auth.createToken(request.data, 'cli', null));
      // The token alone on stdout, so `TOKEN=$(hallcue token create …)` works.
      out(created.token);
      note(
        `created API token "${created.summary.name}" (${created.summary.role}); store it now, it cannot be shown again`,
      );
    });

  token
    .command('list')
    .description('list tokens: name, role, created, last used, revoked')
    .option('--data <dir>', 'data directory of the controller', './data')
    .option('--json', 'print as JSON')
    .action((opts: { data: string; json?: boolean }) => {
      const tokens = withAuth(opts.data, (auth) => auth.tokens());
      if (opts.json) {
        out(JSON.stringify(tokens, null, 2));
        return;
      }
      if (tokens.length === 0) {
        out('no API tokens');
        return;
      }
      const rows = [
        ['ID', 'NAME', 'ROLE', 'CREATED', 'LAST USED', 'STATE'],
        ...tokens.map((t) => [
          String(t.id),
          t.name,
          t.role,
          when(t.createdAt),
          when(t.lastUsedAt),
          t.revokedAt === null ? 'active' : `revoked ${when(t.revokedAt)}`,
        ]),
      ];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
      for (const row of rows)
        out(
          row
            .map((cell, i) => cell.padEnd(widths[i] ?? 0))
            .join('  ')
            .trimEnd(),
        );
    });

  token
    .command('revoke <nameOrId>')
    .description('revoke a token by name or id; it stops working at once')
    .option('--data <dir>', 'data directory of the controller', './data')
    .action((which: string, opts: { data: string }) => {
      const summary = withAuth(opts.data, (auth) =>
        auth.revokeToken(/^\d+$/.test(which) ? Number(which) : which, 'cli', null),
      );
      out(`revoked API token "${summary.name}"`);
    });
}
