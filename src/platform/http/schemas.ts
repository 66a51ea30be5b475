import { z } from 'zod';

/** The error body every endpoint may answer with. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string().optional(),
    path: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const IdParamsSchema = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/** Standard error responses to document on a route. */
export const errorResponses = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
} as const;

/** Response schemas for a route that answers 200 with `schema`, plus the standard errors. */
export const ok = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errorResponses });
/** … that answers 201 Created with `schema`. */
export const created = <T extends z.ZodType>(schema: T) => ({ 201: schema, ...errorResponses });
