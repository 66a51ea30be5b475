import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../platform/http/schemas.js';
import type { RulesEngine } from '../domain/engine.js';
import { contractResult } from '../domain/evaluate.js';

const ResultSchema = z.object({
  date: z.string(),
  pack: z.string(),
  results: z.array(
    z.object({
      programme: z.string(),
      eligible: z.boolean().nullable(),
      amount: z.number(),
      components: z.array(z.object({ id: z.string(), amount: z.number(), payer: z.string() })),
      reasons: z.array(z.object({ condition: z.string(), met: z.boolean().nullable() })),
      missing: z.array(z.string()),
      legalBasis: z.string(),
      fund: z.string().nullable(),
    }),
  ),
});

/**
 * The rules contract over HTTP (shared/contracts/rules-cli.md). Public: the policy calculator uses it
 * without login, and nothing is stored. The engine validates the case itself, so the CLI and HTTP give
 * the same errors.
 */
export function rulesRoutes(engine: () => RulesEngine): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/rules/evaluate',
      {
        schema: {
          tags: ['rules'],
          summary: '评估案例 Evaluate a case against the active policy pack',
          description:
            'Body: `{ date, programmes?, parameters?, person | enterprise }` as in the rules contract. Facts not given give `eligible: null` and are named in `missing`.',
          body: z.record(z.string(), z.unknown()),
          response: { 200: ResultSchema, ...errorResponses },
        },
      },
      async (req) => {
        const r = engine().evaluateCase(req.body);
        return { date: r.date, pack: r.pack, results: r.results.map(contractResult) };
      },
    );
  };
}
