import { errorCodes, type ErrorCode } from './error-codes.js';

/**
 * The one error type of the domain. `code` is stable and machine-readable, `message` is Chinese for
 * people (the catalogue's text unless a more specific one is given), `path` names the field at fault.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly path: string | undefined;
  /** Structured detail for a program to act on (e.g. the differences an approver must acknowledge). */
  details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, opts: { path?: string; zh?: string; en?: string; cause?: unknown } = {}) {
    const entry = errorCodes[code];
    super(opts.en ?? entry.en, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = entry.status;
    this.messageZh = opts.zh ?? entry.zh;
    this.messageEn = opts.en ?? entry.en;
    this.path = opts.path;
  }

  withDetails(details: Record<string, unknown>): this {
    this.details = details;
    return this;
  }

  /** The wire shape: `{ error: { code, message, path } }`. */
  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.messageZh,
        messageEn: this.messageEn,
        ...(this.path === undefined ? {} : { path: this.path }),
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    messageEn?: string;
    path?: string;
    details?: Record<string, unknown>;
  };
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
