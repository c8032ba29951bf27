import type {
  AccountLanguage,
  AccountSummary,
  CreateAccountRequest,
  SessionUser,
  TokenSummary,
  UpdateAccountRequest,
} from '../../../src-shared/accounts';
import type { Role } from '../../../src-shared/roles';
import {
  countAccounts,
  countActiveAdministrators,
  deleteAccount,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOf,
  findAccount,
  getAccount,
  getSession,
  insertAccount,
  insertSession,
  lastLogins,
  listAccounts,
  touchSession,
  updateAccount,
  type AccountRow,
} from '../db/accounts-table';
import {
  findApiTokenByHash,
  findApiTokenByName,
  getApiToken,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
  touchApiToken,
} from '../db/api-tokens-table';
import { appendAudit } from '../db/audit-table';
import type { Db } from '../db/open';
import { AuthError } from './auth-error';
import { LoginLimiter } from './login-limiter';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { actorOf, type Principal } from './principal';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './secret-tokens';

/** A session lives this long after its last use; a console by the door stays logged in. */
export const SESSION_TTL_MS = 14 * 24 * 3600_000;
/** Last-use times are written at most this often, not on every socket message. */
const TOUCH_EVERY_MS = 10 * 60_000;

export interface NewSession {
  /** The cookie value; only its hash is stored. */
  secret: string;
  user: SessionUser;
}

const userOf = (a: AccountRow): SessionUser => ({
  id: a.id,
  username: a.username,
  role: a.role,
  language: a.language,
});

/**
 * Accounts, sessions and API tokens: every change is audited with who did it; sessions and
 * tokens are looked up afresh on each use, so a revoked one stops working at once.
 */
export class AuthService {
  private readonly revokedListeners = new Set<
    (who: { accountId?: number; tokenId?: number }) => void
  >();

  constructor(
    private readonly db: Db,
    readonly limiter = new LoginLimiter(),
    private readonly now: () => number = Date.now,
  ) {
    deleteExpiredSessions(db, now());
  }

  /** Called when an account's sessions or a token stop being valid (to drop live sockets). */
  onRevoked(listener: (who: { accountId?: number; tokenId?: number }) => void) {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  private revoked(who: { accountId?: number; tokenId?: number }) {
    for (const listener of this.revokedListeners) listener(who);
  }

  setupNeeded(): boolean {
    return countAccounts(this.db) === 0;
  }

  /**
   * Creates the first administrator. Refused once any account exists, checked again inside the
   * insert's transaction so two setup pages racing cannot both win.
   */
  async createFirstAdministrator(
    request: { username: string; password: string; language?: AccountLanguage | undefined },
    audit: { actor?: string; address: string | null; via: string },
  ): Promise<SessionUser> {
    if (!this.setupNeeded()) throw setupDone();
    const passwordHash = await hashPassword(request.password);
    const now = this.now();
    const id = this.db.transaction(() => {
      if (countAccounts(this.db) > 0) throw setupDone();
      const accountId = insertAccount(
        this.db,
        {
          username: request.username,
          role: 'administrator',
          passwordHash,
          language: request.language ?? 'en',
        },
        now,
      );
      appendAudit(this.db, {
        at: now,
        actor: audit.actor ?? request.username,
        address: audit.address,
        action: 'account.setup',
        detail: { accountId, username: request.username, via: audit.via },
      });
      return accountId;
    })();
    return userOf(getAccount(this.db, id) as AccountRow);
  }

  async login(username: string, password: string, address: string): Promise<NewSession> {
    const wait = this.limiter.retryAfterSeconds(username, address);
    if (wait > 0) {
      throw new AuthError(
        429,
        'rate-limited',
        `too many failed logins; try again in ${wait} s`,
        wait,
      );
    }
    const account = findAccount(this.db, username);
    const matches = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()));
    const now = this.now();
    if (!account || !matches) {
      this.limiter.failed(username, address);
      appendAudit(this.db, {
        at: now,
        actor: username.slice(0, 64),
        address,
        action: 'account.login-failed',
        detail: { reason: account ? 'wrong password' : 'unknown user' },
      });
      throw new AuthError(401, 'wrong-credentials', 'wrong user name or password');
    }
    if (account.disabled) {
      appendAudit(this.db, {
        at: now,
        actor: account.username,
        address,
        action: 'account.login-failed',
        detail: { reason: 'account disabled' },
      });
      throw new AuthError(403, 'disabled', 'this account is disabled; ask an administrator');
    }
    this.limiter.succeeded(username);
    const secret = newSecret();
    insertSession(
      this.db,
      {
        tokenHash: hashSecret(secret),
        accountId: account.id,
        expiresAt: now + SESSION_TTL_MS,
        address,
      },
      now,
    );
    appendAudit(this.db, {
      at: now,
      actor: account.username,
      address,
      action: 'account.login',
      detail: { accountId: account.id },
    });
    return { secret, user: userOf(account) };
  }

  /** The account behind a session cookie, or null if the session is unknown, expired or disabled. */
  sessionPrincipal(secret: string | undefined): Principal | null {
    if (!secret) return null;
    const hash = hashSecret(secret);
    const session = getSession(this.db, hash);
    const now = this.now();
    if (!session) return null;
    if (session.expiresAt <= now) {
      deleteSession(this.db, hash);
      return null;
    }
    const account = getAccount(this.db, session.accountId);
    if (!account || account.disabled) return null;
    if (now - session.lastUsedAt > TOUCH_EVERY_MS) {
      touchSession(this.db, hash, now, now + SESSION_TTL_MS);
    }
    return {
      kind: 'account',
      id: account.id,
      name: account.username,
      role: account.role,
      language: account.language,
    };
  }

  /** The live API token with this value, or null. */
  tokenPrincipal(secret: string | undefined): Principal | null {
    if (!secret) return null;
    const token = findApiTokenByHash(this.db, hashSecret(secret));
    if (!token) return null;
    const now = this.now();
    if (token.lastUsedAt === null || now - token.lastUsedAt > 60_000) {
      touchApiToken(this.db, token.id, now);
    }
    return { kind: 'token', id: token.id, name: token.name, role: token.role };
  }

  logout(secret: string, by: Principal | null, address: string) {
    deleteSession(this.db, hashSecret(secret));
    if (by) {
      appendAudit(this.db, {
        at: this.now(),
        actor: actorOf(by),
        address,
        action: 'account.logout',
        detail: { accountId: by.id },
      });
    }
  }

  user(accountId: number): SessionUser | null {
    const account = getAccount(this.db, accountId);
    return account && !account.disabled ? userOf(account) : null;
  }

  setLanguage(accountId: number, language: AccountLanguage) {
    updateAccount(this.db, accountId, { language }, this.now());
  }

  async changeOwnPassword(
    by: Principal,
    currentPassword: string,
    newPassword: string,
    address: string,
  ) {
    const account = getAccount(this.db, by.id);
    if (!account || !(await verifyPassword(currentPassword, account.passwordHash))) {
      throw new AuthError(403, 'wrong-current-password', 'the current password is not right');
    }
    const passwordHash = await hashPassword(newPassword);
    const now = this.now();
    updateAccount(this.db, account.id, { passwordHash }, now);
    appendAudit(this.db, {
      at: now,
      actor: actorOf(by),
      address,
      action: 'account.password',
      detail: { accountId: account.id },
    });
  }

  // ---------- administration ----------

  accounts(): AccountSummary[] {
    const logins = lastLogins(this.db);
    return listAccounts(this.db).map((a) => ({
      id: a.id,
      username: a.username,
      role: a.role,
      language: a.language,
      disabled: a.disabled,
      createdAt: a.createdAt,
      lastLoginAt: logins.get(a.id) ?? null,
    }));
  }

  async createAccount(request: CreateAccountRequest, by: Principal, address: string | null) {
    if (findAccount(this.db, request.username)) throw nameTaken('user', request.username);
    const passwordHash = await hashPassword(request.password);
    const now = this.now();
    const id = this.db.transaction(() => {
      if (findAccount(this.db, request.username)) throw nameTaken('user', request.username);
      const accountId = insertAccount(
        this.db,
        {
          username: request.username,
          role: request.role,
          passwordHash,
          language: request.language ?? 'en',
        },
        now,
      );
      appendAudit(this.db, {
        at: now,
        actor: actorOf(by),
        address,
        action: 'account.create',
        detail: { accountId, username: request.username, role: request.role },
      });
      return accountId;
    })();
    return id;
  }

  async updateAccount(
    id: number,
    patch: UpdateAccountRequest,
    by: Principal,
    address: string | null,
  ) {
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    const now = this.now();
    this.db.transaction(() => {
      const account = getAccount(this.db, id);
      if (!account) throw noAccount(id);
      const losesAdmin =
        account.role === 'administrator' &&
        !account.disabled &&
        ((patch.role !== undefined && patch.role !== 'administrator') || patch.disabled === true);
      if (losesAdmin && countActiveAdministrators(this.db) <= 1) throw lastAdministrator();
      updateAccount(
        this.db,
        id,
        {
          ...(patch.role ? { role: patch.role } : {}),
          ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
          ...(passwordHash ? { passwordHash } : {}),
        },
        now,
      );
      // New role, disabled or new password: every open console of this user logs in again.
      deleteSessionsOf(this.db, id);
      appendAudit(this.db, {
        at: now,
        actor: actorOf(by),
        address,
        action: 'account.update',
        detail: {
          accountId: id,
          username: account.username,
          ...(patch.role ? { role: patch.role, previousRole: account.role } : {}),
          ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
          ...(patch.password ? { passwordReset: true } : {}),
        },
      });
    })();
    this.revoked({ accountId: id });
  }

  removeAccount(id: number, by: Principal, address: string | null) {
    this.db.transaction(() => {
      const account = getAccount(this.db, id);
      if (!account) throw noAccount(id);
      if (
        account.role === 'administrator' &&
        !account.disabled &&
        countActiveAdministrators(this.db) <= 1
      ) {
        throw lastAdministrator();
      }
      deleteAccount(this.db, id);
      appendAudit(this.db, {
        at: this.now(),
        actor: actorOf(by),
        address,
        action: 'account.delete',
        detail: { accountId: id, username: account.username, role: account.role },
      });
    })();
    this.revoked({ accountId: id });
  }

  // ---------- API tokens ----------

  tokens(): TokenSummary[] {
    return listApiTokens(this.db);
  }

  /** Creates a token and returns its value: the only time it is ever shown. */
  createToken(
    request: { name: string; role: Role },
    createdBy: string,
    address: string | null,
  ): { token: string; summary: TokenSummary } {
    const token = newSecret(API_TOKEN_PREFIX);
    const now = this.now();
    const id = this.db.transaction(() => {
      if (findApiTokenByName(this.db, request.name)) throw nameTaken('token', request.name);
      const tokenId = insertApiToken(
        this.db,
        { name: request.name, role: request.role, tokenHash: hashSecret(token), createdBy },
        now,
      );
      appendAudit(this.db, {
        at: now,
        actor: createdBy,
        address,
        action: 'token.create',
        detail: { tokenId, name: request.name, role: request.role },
      });
      return tokenId;
    })();
    return { token, summary: getApiToken(this.db, id) as TokenSummary };
  }

  /** Revokes a token by id or name. */
  revokeToken(which: number | string, revokedBy: string, address: string | null): TokenSummary {
    const token =
      typeof which === 'number' ? getApiToken(this.db, which) : findApiTokenByName(this.db, which);
    if (!token) {
      throw new AuthError(
        404,
        'not-found',
        `no API token ${typeof which === 'number' ? `with id ${which}` : `named "${which}"`}`,
      );
    }
    const now = this.now();
    if (revokeApiToken(this.db, token.id, now)) {
      appendAudit(this.db, {
        at: now,
        actor: revokedBy,
        address,
        action: 'token.revoke',
        detail: { tokenId: token.id, name: token.name },
      });
      this.revoked({ tokenId: token.id });
    }
    return getApiToken(this.db, token.id) as TokenSummary;
  }
}

const setupDone = () =>
  new AuthError(409, 'setup-done', 'HallCue is already set up; log in with an existing account');
const nameTaken = (what: string, name: string) =>
  new AuthError(409, 'name-taken', `there is already a ${what} named "${name}"`);
const noAccount = (id: number) => new AuthError(404, 'not-found', `no account with id ${id}`);
const lastAdministrator = () =>
  new AuthError(
    409,
    'last-administrator',
    'this is the last active administrator; make another administrator first',
  );
