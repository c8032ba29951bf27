import { parse as parseCookies } from 'cookie';
import type { Namespace, Socket } from 'socket.io';
import { SESSION_COOKIE, type ApiErrorCode } from '../../../src-shared/accounts';
import { CONSOLE_EVENT_ROLES } from '../../../src-shared/protocol';
import { fail } from '../../../src-shared/reply';
import type { Role } from '../../../src-shared/roles';
import type { AuthService } from '../auth/auth-service';
import { mayDo, ROLE_REFUSAL, type Principal } from '../auth/principal';
import { withAuditAddress } from '../db/audit-table';
import { REMOTE_CONSOLE_REFUSAL } from '../http/access';
import type { Logger } from '../logger';

/** The proof a console socket connected with, kept to look its holder up again per message. */
interface SocketCaller {
  principal: Principal;
  address: string;
  credential: { kind: 'session' | 'token'; secret: string };
}

const callers = new WeakMap<object, SocketCaller>();

/** Who is behind an authenticated console socket (only valid after the handshake succeeded). */
export function callerOf(socket: object): SocketCaller {
  const caller = callers.get(socket);
  if (!caller) throw new Error('console socket without a caller; authenticateConsoles not set up');
  return caller;
}

function refusal(message: string, code: ApiErrorCode) {
  const error = new Error(message) as Error & { data: { code: ApiErrorCode } };
  error.data = { code };
  return error;
}

function lookUp(auth: AuthService, credential: SocketCaller['credential']): Principal | null {
  return credential.kind === 'session'
    ? auth.sessionPrincipal(credential.secret)
    : auth.tokenPrincipal(credential.secret);
}

/**
 * The console namespace's handshake: a session cookie (the console page) or an API token in
 * `auth.token` (scripts), and the console reach rule. Sockets of a revoked account or token are
 * dropped at once so their page returns to the login.
 */
export function authenticateConsoles(
  nsp: Namespace,
  auth: AuthService,
  consoleReachable: (address: string) => boolean,
  log: Logger,
) {
  nsp.use((socket, next) => {
    const address = socket.handshake.address.replace(/^::ffff:/, '');
    const token = (socket.handshake.auth as { token?: unknown }).token;
    let credential: SocketCaller['credential'] | null = null;
    if (typeof token === 'string' && token.length > 0) {
      credential = { kind: 'token', secret: token };
    } else {
      if (!consoleReachable(address)) {
        log.warn({ address }, 'console refused: remote address');
        next(refusal(REMOTE_CONSOLE_REFUSAL, 'remote-console'));
        return;
      }
      const secret = parseCookies(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      if (secret) credential = { kind: 'session', secret };
    }
    const principal = credential ? lookUp(auth, credential) : null;
    if (!credential || !principal) {
      next(
        auth.setupNeeded()
          ? refusal('HallCue is not set up yet: create the administrator first', 'setup-needed')
          : credential?.kind === 'token'
            ? refusal('the API token is unknown or revoked', 'bad-token')
            : refusal('log in first', 'not-logged-in'),
      );
      return;
    }
    callers.set(socket, { principal, address, credential });
    next();
  });

  auth.onRevoked(({ accountId, tokenId }) => {
    for (const socket of nsp.sockets.values()) {
      const caller = callers.get(socket);
      if (!caller) continue;
      const { principal } = caller;
      const hit =
        (principal.kind === 'account' && principal.id === accountId) ||
        (principal.kind === 'token' && principal.id === tokenId);
      if (hit) socket.disconnect(true);
    }
  });
}

/**
 * The one place console socket messages are checked: every incoming event is looked up in
 * CONSOLE_EVENT_ROLES and its sender's account or token read afresh (a role change, disable or
 * logout takes effect on the next message). Events missing from the table need an administrator.
 * Refused messages are answered with a Reply and never reach a handler.
 */
export function guardConsoleEvents(socket: Socket, auth: AuthService, log: Logger) {
  socket.use((packet, next) => {
    const [event, ...args] = packet;
    const caller = callers.get(socket);
    const ack = args.at(-1);
    const answer = (message: string) => {
      if (typeof ack === 'function') (ack as (r: unknown) => void)(fail(message));
    };
    const principal = caller ? lookUp(auth, caller.credential) : null;
    if (!caller || !principal) {
      answer('your session has ended; log in again');
      socket.disconnect(true);
      return;
    }
    caller.principal = principal;
    const required: Role =
      (CONSOLE_EVENT_ROLES as Record<string, Role | undefined>)[event] ?? 'administrator';
    if (!mayDo(principal, required)) {
      log.warn(
        { event, user: principal.name, role: principal.role },
        'console event refused: role',
      );
      answer(ROLE_REFUSAL(principal, required, event));
      return;
    }
    withAuditAddress(caller.address, () => next());
  });
}
