import type { ApiAnswer, ApiErrorCode } from '../../../src-shared/accounts';
import { currentI18n, type MessageKey } from './i18n';

/** A refused or failed API call, with a message already in the user's language. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: ApiErrorCode | undefined,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CODE_MESSAGES: Partial<Record<ApiErrorCode, MessageKey>> = {
  'wrong-credentials': 'error.wrongCredentials',
  'wrong-current-password': 'me.wrongCurrent',
  disabled: 'error.disabled',
  'remote-console': 'error.remoteConsole',
  'not-logged-in': 'error.notLoggedIn',
  'last-administrator': 'error.lastAdministrator',
  'setup-done': 'error.setupDone',
};

/** The user's-language text for a refusal; the controller's own words when there is none. */
export function describeRefusal(
  code: ApiErrorCode | undefined,
  serverMessage: string,
  retryAfterSeconds?: number,
): string {
  const { t } = currentI18n();
  if (code === 'rate-limited') return t('error.rateLimited', retryAfterSeconds ?? 60);
  const key = code ? CODE_MESSAGES[code] : undefined;
  return key ? t(key) : serverMessage;
}

/** Calls the controller's JSON API with the session cookie; throws ApiError when refused. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(currentI18n().t('error.unreachable'), 0, undefined);
  }
  let answer: ApiAnswer<T>;
  try {
    answer = (await res.json()) as ApiAnswer<T>;
  } catch {
    throw new ApiError(currentI18n().t('upload.answered', res.status), res.status, undefined);
  }
  if (answer.ok) return answer.data;
  throw new ApiError(
    describeRefusal(answer.code, answer.error, answer.retryAfterSeconds),
    res.status,
    answer.code,
    answer.retryAfterSeconds,
  );
}

export const errorText = (error: unknown) =>
  error instanceof Error ? error.message : String(error);
