/** The few coded errors services throw; `web/error-handler.ts` maps them to HTTP once. */
export type AppErrorCode = 'unauthenticated' | 'not_found' | 'forbidden' | 'invalid' | 'conflict' | 'too_many_requests';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field-level problems for forms and API clients: [field, message]. */
    readonly details: ReadonlyArray<{ field: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  not_found: 404,
  forbidden: 403,
  invalid: 400,
  conflict: 409,
  too_many_requests: 429,
};
