import { z } from 'zod';
import { ROLES, type Role } from './roles';

/** HTTP API of accounts, sessions, API tokens and the audit log (see docs/console.md). */

export const SESSION_COOKIE = 'hallcue_session';
export const ACCOUNT_LANGUAGES = ['en', 'zh-CN'] as const;
export type AccountLanguage = (typeof ACCOUNT_LANGUAGES)[number];

export const roleSchema = z.enum(ROLES, { message: `role must be one of ${ROLES.join(', ')}` });
export const languageSchema = z.enum(ACCOUNT_LANGUAGES, {
  message: `language must be one of ${ACCOUNT_LANGUAGES.join(', ')}`,
});

export const usernameSchema = z
  .string()
  .trim()
  .min(1, 'user name is empty')
  .max(64, 'user name is longer than 64 characters')
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'user name may use letters, digits, ".", "_", "@" and "-"');

export const MIN_PASSWORD_LENGTH = 10;
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, 'password is longer than 256 characters');

export const setupRequestSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  language: languageSchema.optional(),
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1, 'user name is empty').max(64),
  // Not passwordSchema: a login never reveals the password rules, it just fails.
  password: z.string().min(1, 'password is empty').max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const languageRequestSchema = z.object({ language: languageSchema });

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordSchema,
});

export const createAccountRequestSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema,
  language: languageSchema.optional(),
});
export type CreateAccountRequest = z.infer<typeof createAccountRequestSchema>;

export const updateAccountRequestSchema = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change: give role, disabled or password');
export type UpdateAccountRequest = z.infer<typeof updateAccountRequestSchema>;

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, 'token name is empty')
  .max(64, 'token name is longer than 64 characters')
  .regex(/^[\p{L}\p{N} ._-]+$/u, 'token name may use letters, digits, space, ".", "_" and "-"');

export const createTokenRequestSchema = z.object({ name: tokenNameSchema, role: roleSchema });

const auditFilterSchema = z.object({
  actor: z.string().max(80).optional(),
  action: z.string().max(80).optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  beforeId: z.coerce.number().int().positive().optional(),
});

/** Query of GET /api/audit (one page of entries); dates are epoch milliseconds. */
export const auditQuerySchema = auditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
/** Query of GET /api/audit.csv: the same filters, every matching entry up to 100,000. */
export const auditExportQuerySchema = auditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(100_000).default(100_000),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  language: AccountLanguage;
}

/** GET /api/session: what the console should show. */
export interface SessionInfo {
  /** No account exists yet: only the first-run setup page is available. */
  setupNeeded: boolean;
  user: SessionUser | null;
}

export interface AccountSummary {
  id: number;
  username: string;
  role: Role;
  language: AccountLanguage;
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
}

export interface TokenSummary {
  id: number;
  name: string;
  role: Role;
  createdAt: number;
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface AuditRecord {
  id: number;
  at: number;
  actor: string;
  address: string | null;
  action: string;
  detail: Record<string, unknown>;
}

/** Machine-readable reasons of refusals, so the console can say them in the user's language. */
export type ApiErrorCode =
  | 'bad-request'
  | 'not-logged-in'
  | 'forbidden'
  | 'remote-console'
  | 'setup-done'
  | 'setup-needed'
  | 'wrong-credentials'
  | 'wrong-current-password'
  | 'disabled'
  | 'rate-limited'
  | 'last-administrator'
  | 'name-taken'
  | 'not-found'
  | 'bad-token';

export type ApiAnswer<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code?: ApiErrorCode; retryAfterSeconds?: number };
