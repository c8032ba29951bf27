import type { ApiErrorCode } from '../../../src-shared/accounts';

/** A refusal the caller can act on, with its HTTP status and a code the console translates. */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
