import type { IncomingMessage, ServerResponse } from 'node:http';
import { serialize as serializeCookie } from 'cookie';
import { z as zod, type z } from 'zod';
import {
  auditExportQuerySchema,
  auditQuerySchema,
  changePasswordRequestSchema,
  createAccountRequestSchema,
  createTokenRequestSchema,
  languageRequestSchema,
  loginRequestSchema,
  SESSION_COOKIE,
  setupRequestSchema,
  updateAccountRequestSchema,
  type SessionInfo,
} from '../../../src-shared/accounts';
import { describeIssues } from '../../../src-shared/protocol';
import type { Role } from '../../../src-shared/roles';
import { AuthError } from '../auth/auth-error';
import { SESSION_TTL_MS, type AuthService } from '../auth/auth-service';
import { actorOf } from '../auth/principal';
import { appendAudit, auditFacets, queryAudit, withAuditAddress } from '../db/audit-table';
import type { ClusterNode } from '../cluster/cluster-node';
import type { Db } from '../db/open';
import { switchHall } from '../hall/audited-switch';
import { UnknownThemeError, type Hall } from '../hall/hall';
import type { Logger } from '../logger';
import { auditCsv } from './audit-csv';
import { refuse, type Access, type Caller } from './access';
import { json, readJson } from './respond';

export interface ConsoleApiDeps {
  db: Db;
  hall: Hall;
  auth: AuthService;
  access: Access;
  log: Logger;
  /** This node's cluster membership once joined (null: a standalone controller). */
  cluster?: () => ClusterNode | null;
}

const pushRequestSchema = zod.object({
  packId: zod.string().min(1).max(200),
  halls: zod.array(zod.string().min(1).max(40)).min(1, 'name at least one hall').max(100),
});

interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  params: string[];
  url: URL;
  caller: Caller;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** The least role, or 'public' for routes that look at the caller themselves. */
  role: Role | 'public';
  /** Names the action in a refusal: "managing accounts needs the administrator role". */
  what: string;
  handle(ctx: Context): unknown;
}

class BadRequest extends Error {}

async function body<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await readJson(req);
  } catch (error) {
    throw new BadRequest(`body: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new BadRequest(describeIssues(parsed.error));
  return parsed.data;
}

function parse<S extends z.ZodType>(value: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadRequest(describeIssues(parsed.error));
  return parsed.data;
}

const idParam = (ctx: Context) => {
  const id = Number(ctx.params[0]);
  if (!Number.isSafeInteger(id) || id <= 0) throw new BadRequest(`"${ctx.params[0]}" is not an id`);
  return id;
};

/**
 * The console's and scripts' HTTP API: session, setup, accounts, API tokens, the audit log and
 * the activate call. Every route states its least role here, in one table.
 */
export function createConsoleApi(deps: ConsoleApiDeps) {
  const { auth, access, db } = deps;

  function setSessionCookie(ctx: Context, secret: string | null) {
    const secure =
      (ctx.req.socket as { encrypted?: boolean }).encrypted === true ||
      ctx.req.headers['x-forwarded-proto'] === 'https';
    ctx.res.setHeader(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, secret ?? '', {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure,
        maxAge: secret ? SESSION_TTL_MS / 1000 : 0,
      }),
    );
  }

  const sessionInfo = (caller: Caller): SessionInfo => ({
    setupNeeded: auth.setupNeeded(),
    user: caller.principal?.kind === 'account' ? auth.user(caller.principal.id) : null,
  });

  /** Setup and login are for people at a console: refused where the console may not be used. */
  const requireConsoleReach = (ctx: Context) => {
    if (!access.consoleReachable(ctx.caller.address)) {
      throw new AuthError(
        403,
        'remote-console',
        'the console may only be used on the controller machine; start the controller with --allow-remote-console to use it from other machines',
      );
    }
  };

  const signedInUser = (ctx: Context) => {
    const p = ctx.caller.principal;
    if (!p || p.kind !== 'account') throw new AuthError(401, 'not-logged-in', 'log in first');
    return p;
  };

  const clusterOrRefuse = () => {
    const node = deps.cluster?.();
    if (!node) {
      throw new AuthError(
        409,
        'bad-request',
        'this controller runs alone (start it with --redis to share halls)',
      );
    }
    return node;
  };

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/api\/cluster$/,
      role: 'operator',
      what: 'seeing the cluster',
      async handle(ctx) {
        const node = deps.cluster?.() ?? null;
        if (!node) return json(ctx.res, 200, { ok: true, data: { mode: 'standalone' } });
        const halls = await node.halls().catch(() => null);
        json(ctx.res, 200, { ok: true, data: { mode: 'cluster', ...node.status(), halls } });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/halls\/push$/,
      role: 'administrator',
      what: 'pushing a theme to several halls',
      async handle(ctx) {
        const node = clusterOrRefuse();
        const request = await body(ctx.req, pushRequestSchema);
        const actor = actorOf(ctx.caller.principal!);
        const answers = await node.push(request.packId, [...new Set(request.halls)], actor);
        appendAudit(db, {
          at: Date.now(),
          actor,
          address: ctx.caller.address,
          action: 'halls.push',
          detail: { packId: request.packId, answers },
        });
        json(ctx.res, 200, { ok: true, data: answers });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/session$/,
      role: 'public',
      what: '',
      handle: (ctx) => json(ctx.res, 200, { ok: true, data: sessionInfo(ctx.caller) }),
    },
    {
      method: 'POST',
      pattern: /^\/api\/setup$/,
      role: 'public',
      what: '',
      async handle(ctx) {
        requireConsoleReach(ctx);
        const request = await body(ctx.req, setupRequestSchema);
        await auth.createFirstAdministrator(request, {
          address: ctx.caller.address,
          via: 'setup page',
        });
        const session = await auth.login(request.username, request.password, ctx.caller.address);
        setSessionCookie(ctx, session.secret);
        deps.log.info({ user: request.username }, 'first administrator created');
        json(ctx.res, 200, { ok: true, data: { setupNeeded: false, user: session.user } });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/login$/,
      role: 'public',
      what: '',
      async handle(ctx) {
        requireConsoleReach(ctx);
        if (auth.setupNeeded()) {
          throw new AuthError(
            409,
            'setup-needed',
            'no account exists yet; create the administrator first',
          );
        }
        const request = await body(ctx.req, loginRequestSchema);
        const session = await auth.login(request.username, request.password, ctx.caller.address);
        setSessionCookie(ctx, session.secret);
        json(ctx.res, 200, { ok: true, data: { setupNeeded: false, user: session.user } });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/logout$/,
      role: 'public',
      what: '',
      handle(ctx) {
        if (ctx.caller.sessionSecret) {
          auth.logout(ctx.caller.sessionSecret, ctx.caller.principal, ctx.caller.address);
        }
        setSessionCookie(ctx, null);
        json(ctx.res, 200, { ok: true, data: null });
      },
    },
    {
      method: 'PUT',
      pattern: /^\/api\/session\/language$/,
      role: 'public',
      what: '',
      async handle(ctx) {
        const user = signedInUser(ctx);
        const { language } = await body(ctx.req, languageRequestSchema);
        auth.setLanguage(user.id, language);
        json(ctx.res, 200, { ok: true, data: sessionInfo(ctx.caller) });
      },
    },
    {
      method: 'PUT',
      pattern: /^\/api\/session\/password$/,
      role: 'public',
      what: '',
      async handle(ctx) {
        const user = signedInUser(ctx);
        const request = await body(ctx.req, changePasswordRequestSchema);
        await auth.changeOwnPassword(
          user,
          request.currentPassword,
          request.newPassword,
          ctx.caller.address,
        );
        json(ctx.res, 200, { ok: true, data: null });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/themes\/([^/]+)\/activate$/,
      role: 'operator',
      what: 'switching the hall',
      async handle(ctx) {
        const key = ctx.params[0] ?? '';
        try {
          const result = await switchHall(
            db,
            deps.hall,
            key,
            actorOf(ctx.caller.principal!),
            ctx.caller.address,
          );
          deps.log.info(
            { key, revision: result.revision, by: actorOf(ctx.caller.principal!) },
            'theme activated',
          );
          json(ctx.res, 200, { ok: true, data: { key, ...result } });
        } catch (error) {
          if (error instanceof UnknownThemeError)
            throw new AuthError(404, 'not-found', error.message);
          throw error;
        }
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/accounts$/,
      role: 'administrator',
      what: 'managing accounts',
      handle: (ctx) => json(ctx.res, 200, { ok: true, data: auth.accounts() }),
    },
    {
      method: 'POST',
      pattern: /^\/api\/accounts$/,
      role: 'administrator',
      what: 'managing accounts',
      async handle(ctx) {
        const request = await body(ctx.req, createAccountRequestSchema);
        const id = await auth.createAccount(request, ctx.caller.principal!, ctx.caller.address);
        json(ctx.res, 201, { ok: true, data: { id } });
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/api\/accounts\/([^/]+)$/,
      role: 'administrator',
      what: 'managing accounts',
      async handle(ctx) {
        const id = idParam(ctx);
        const patch = await body(ctx.req, updateAccountRequestSchema);
        await auth.updateAccount(id, patch, ctx.caller.principal!, ctx.caller.address);
        json(ctx.res, 200, { ok: true, data: null });
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/accounts\/([^/]+)$/,
      role: 'administrator',
      what: 'managing accounts',
      handle(ctx) {
        auth.removeAccount(idParam(ctx), ctx.caller.principal!, ctx.caller.address);
        json(ctx.res, 200, { ok: true, data: null });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/tokens$/,
      role: 'administrator',
      what: 'managing API tokens',
      handle: (ctx) => json(ctx.res, 200, { ok: true, data: auth.tokens() }),
    },
    {
      method: 'POST',
      pattern: /^\/api\/tokens$/,
      role: 'administrator',
      what: 'managing API tokens',
      async handle(ctx) {
        const request = await body(ctx.req, createTokenRequestSchema);
        const created = auth.createToken(
          request,
          actorOf(ctx.caller.principal!),
          ctx.caller.address,
        );
        json(ctx.res, 201, { ok: true, data: created });
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/tokens\/([^/]+)$/,
      role: 'administrator',
      what: 'managing API tokens',
      handle(ctx) {
        const summary = auth.revokeToken(
          idParam(ctx),
          actorOf(ctx.caller.principal!),
          ctx.caller.address,
        );
        json(ctx.res, 200, { ok: true, data: summary });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/audit$/,
      role: 'administrator',
      what: 'reading the audit log',
      handle(ctx) {
        const query = parse(Object.fromEntries(ctx.url.searchParams), auditQuerySchema);
        json(ctx.res, 200, {
          ok: true,
          data: { entries: queryAudit(db, query), ...auditFacets(db) },
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/audit\.csv$/,
      role: 'administrator',
      what: 'exporting the audit log',
      handle(ctx) {
        const query = parse(Object.fromEntries(ctx.url.searchParams), auditExportQuerySchema);
        const day = new Date().toISOString().slice(0, 10);
        ctx.res.writeHead(200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="hallcue-audit-${day}.csv"`,
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        ctx.res.end(auditCsv(queryAudit(db, query)));
      },
    },
  ];

  /** Answers the request if one of the routes matches; false lets the caller carry on. */
  return function handleConsoleApi(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): boolean {
    const method = req.method ?? 'GET';
    let params: string[] = [];
    const route = routes.find((r) => {
      if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) return false;
      const match = r.pattern.exec(path);
      if (match) params = match.slice(1);
      return match !== null;
    });
    if (!route) return false;
    let caller: Caller | null;
    if (route.role === 'public') {
      const identified = access.identify(req);
      if ('refusal' in identified) {
        req.resume();
        refuse(res, ...identified.refusal);
        return true;
      }
      caller = identified;
    } else {
      caller = access.authorize(req, res, route.role, route.what);
      if (!caller) return true;
    }
    const ctx: Context = {
      req,
      res,
      params,
      url: new URL(req.url ?? '/', 'http://controller'),
      caller,
    };
    withAuditAddress(caller.address, () =>
      Promise.resolve()
        .then(() => route.handle(ctx))
        .catch((error: unknown) => {
          if (res.headersSent) return;
          if (error instanceof AuthError) {
            refuse(res, error.status, error.code, error.message, {
              ...(error.retryAfterSeconds !== undefined
                ? { retryAfterSeconds: error.retryAfterSeconds }
                : {}),
            });
          } else if (error instanceof BadRequest) {
            req.resume();
            refuse(res, 400, 'bad-request', error.message);
          } else {
            deps.log.error({ err: error, path }, 'console API request failed');
            json(res, 500, { ok: false, error: 'internal error, see the controller log' });
          }
        }),
    );
    return true;
  };
}
