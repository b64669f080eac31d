import type { ErrorCode } from '../../contract/errors';

/**
 * A typed, expected failure. `key` names a translated message (core/i18n/messages.ts);
 * `params` fill its placeholders. Anything thrown that is not an ApiError is INTERNAL.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(`${code}: ${key}`);
    this.name = 'ApiError';
  }
}

export const notFound = (entity: string, id?: string) => new ApiError('NOT_FOUND', 'notFound', { entity, id: id ?? '' });
export const conflict = (key = 'staleVersion', params: Record<string, string | number> = {}) =>
  new ApiError('CONFLICT', key, params);
export const invalid = (key: string, params: Record<string, string | number> = {}, details?: unknown) =>
  new ApiError('VALIDATION', key, params, details);
export const forbidden = (key = 'forbidden', params: Record<string, string | number> = {}) =>
  new ApiError('FORBIDDEN', key, params);
