import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { SESSION_COOKIE, type ApiErrorCode } from '../../../src-shared/accounts';
import type { Role } from '../../../src-shared/roles';
import type { AuthService } from '../auth/auth-service';
import { mayDo, ROLE_REFUSAL, type Principal } from '../auth/principal';
import { isLoopback } from '../net';
import { json } from './respond';

export interface Caller {
  principal: Principal | null;
  /** How the caller proved who it is. */
  via: 'token' | 'session' | 'none';
  /** The session cookie's value, when it came with one. */
  sessionSecret?: string;
  address: string;
}

export function refuse(
  res: ServerResponse,
  status: number,
  code: ApiErrorCode,
  error: string,
  extra: { retryAfterSeconds?: number } = {},
) {
  if (extra.retryAfterSeconds !== undefined) {
    res.setHeader('Retry-After', String(extra.retryAfterSeconds));
  }
  json(res, status, { ok: false, error, code, ...extra });
}

export const REMOTE_CONSOLE_REFUSAL =
  'the console may only be used on the controller machine; start the controller with --allow-remote-console to use it from other machines';

/**
 * Who is calling and whether they may. API tokens (`Authorization: Bearer`) work from any
 * address, since button boxes and scripts sit elsewhere in the hall; the console's session
 * cookie only from the controller machine unless remote consoles are allowed.
 */
export class Access {
  constructor(
    private readonly auth: AuthService,
    private readonly allowRemoteConsole: boolean,
  ) {}

  consoleReachable(address: string): boolean {
    return this.allowRemoteConsole || isLoopback(address);
  }

  identify(req: IncomingMessage): Caller | { refusal: [number, ApiErrorCode, string] } {
    const address = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const principal = match ? this.auth.tokenPrincipal(match[1]) : null;
      if (!principal) {
        return {
          refusal: [
            401,
            'bad-token',
            'the API token is unknown or revoked (Authorization: Bearer TOKEN)',
          ],
        };
      }
      return { principal, via: 'token', address };
    }
    if (!this.consoleReachable(address)) {
      return { refusal: [403, 'remote-console', REMOTE_CONSOLE_REFUSAL] };
    }
    const secret = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
    const principal = this.auth.sessionPrincipal(secret);
    if (!principal) return { principal: null, via: 'none', address };
    // Defence in depth beside SameSite=Strict: a cookie-carrying write must come from our own pages.
    const origin = req.headers.origin;
    if (req.method !== 'GET' && req.method !== 'HEAD' && origin) {
      const sameHost = (() => {
        try {
          return new URL(origin).host === req.headers.host;
        } catch {
          return false;
        }
      })();
      if (!sameHost)
        return { refusal: [403, 'forbidden', `requests from ${origin} are not accepted`] };
    }
    return { principal, via: 'session', sessionSecret: secret as string, address };
  }

  /**
   * The caller if it holds at least `role`; otherwise answers 401/403 itself and returns null.
   * `what` names the action in the refusal ("uploading packs").
   */
  authorize(
    req: IncomingMessage,
    res: ServerResponse,
    role: Role,
    what: string,
  ): (Caller & { principal: Principal }) | null {
    const caller = this.identify(req);
    if ('refusal' in caller || !caller.principal || !mayDo(caller.principal, role)) req.resume();
    if ('refusal' in caller) {
      refuse(res, ...caller.refusal);
      return null;
    }
    if (!caller.principal) {
      refuse(
        res,
        401,
        this.auth.setupNeeded() ? 'setup-needed' : 'not-logged-in',
        'log in first (or send Authorization: Bearer TOKEN)',
      );
      return null;
    }
    if (!mayDo(caller.principal, role)) {
      refuse(res, 403, 'forbidden', ROLE_REFUSAL(caller.principal, role, what));
      return null;
    }
    return caller as Caller & { principal: Principal };
  }
}
