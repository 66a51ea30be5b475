import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../app/app-context.js';
import { CalendarDateSchema } from '../../../shared/dates/calendar-date.js';
import { requireActor } from '../../../platform/http/session.js';
import { created, IdParamsSchema, ok } from '../../../platform/http/schemas.js';
import {
  AddMemberSchema,
  EnterpriseViewSchema,
  FactViewSchema,
  HouseholdViewSchema,
  PersonViewSchema,
  addHouseholdMember,
  createHousehold,
  CreateHouseholdSchema,
  EnterpriseSearchSchema,
  getEnterprise,
  getHousehold,
  getPerson,
  listFacts,
  PersonSearchSchema,
  registerEnterprise,
  RegisterEnterpriseSchema,
  registerPerson,
  RegisterPersonSchema,
  removeHouseholdMember,
  revealPerson,
  RevealSchema,
  searchEnterprises,
  searchPersons,
  setFact,
  SetFactSchema,
  updatePerson,
  UpdatePersonSchema,
} from '../index.js';

const FactsQuerySchema = z.strictObject({
  asOf: CalendarDateSchema.optional(),
  history: z.enum(['true', 'false']).optional(),
});

/** Thin edges: validate → call the use case with the session's actor → present. */
export function registryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['registry'];

    app.post(
      '/persons',
      {
        schema: {
          tags,
          summary: '登记人员 Register a person',
          body: RegisterPersonSchema,
          response: created(PersonViewSchema),
        },
      },
      async (req, reply) => reply.status(201).send(await registerPerson(ctx, requireActor(req), req.body)),
    );
    app.post(
      '/persons/search',
      {
        schema: {
          tags,
          summary: '查询人员 Search persons (by ID number, name within a division, or household)',
          body: PersonSearchSchema,
          response: ok(z.array(PersonViewSchema)),
        },
      },
      async (req) => searchPersons(ctx, requireActor(req), req.body),
    );
    app.get(
      '/persons/:id',
      {
        schema: {
          tags,
          summary: '人员信息（脱敏）A person, masked',
          params: IdParamsSchema,
          response: ok(PersonViewSchema),
        },
      },
      async (req) => getPerson(ctx, requireActor(req), req.params.id),
    );
    app.patch(
      '/persons/:id',
      {
        schema: {
          tags,
          summary: '修改人员信息 Update a person',
          params: IdParamsSchema,
          body: UpdatePersonSchema,
          response: ok(PersonViewSchema),
        },
      },
      async (req) => updatePerson(ctx, requireActor(req), req.params.id, req.body),
    );
    app.post(
      '/persons/:id/reveal',
      {
        schema: {
          tags,
          summary: '查看完整信息（须填写事由，记入审计）Reveal fields, with a reason (audited)',
          params: IdParamsSchema,
          body: RevealSchema,
          response: ok(PersonViewSchema),
        },
      },
      async (req) => revealPerson(ctx, requireActor(req), req.params.id, req.body),
    );

    for (const type of ['person', 'household', 'enterprise'] as const) {
      const base = `/${type}s/:id/facts`;
      app.get(
        base,
        {
          schema: {
            tags,
            summary: `${type} facts on a date (with sources) 事实及来源`,
            params: IdParamsSchema,
            querystring: FactsQuerySchema,
            response: ok(z.array(FactViewSchema)),
          },
        },
        async (req) =>
          listFacts(
            ctx,
            requireActor(req),
            { type, id: req.params.id },
            {
              asOf: req.query.asOf,
              history: req.query.history === 'true',
            },
          ),
      );
      app.post(
        base,
        {
          schema: {
            tags,
            summary: `Record a dated ${type} fact 记录事实`,
            params: IdParamsSchema,
            body: SetFactSchema,
            response: created(z.array(FactViewSchema)),
          },
        },
        async (req, reply) =>
          reply
            .status(201)
            .send(await setFact(ctx, requireActor(req), { type, id: req.params.id }, req.body)),
      );
    }

    app.post(
      '/households',
      {
        schema: {
          tags,
          summary: '建立家庭户 Create a household',
          body: CreateHouseholdSchema,
          response: created(HouseholdViewSchema),
        },
      },
      async (req, reply) => reply.status(201).send(await createHousehold(ctx, requireActor(req), req.body)),
    );
    app.get(
      '/households/:id',
      {
        schema: {
          tags,
          summary: '家庭户 A household',
          params: IdParamsSchema,
          response: ok(HouseholdViewSchema),
        },
      },
      async (req) => getHousehold(ctx, requireActor(req), req.params.id),
    );
    app.post(
      '/households/:id/members',
      {
        schema: {
          tags,
          summary: '添加家庭成员 Add a member',
          params: IdParamsSchema,
          body: AddMemberSchema,
          response: ok(HouseholdViewSchema),
        },
      },
      async (req) => addHouseholdMember(ctx, requireActor(req), req.params.id, req.body),
    );
    app.delete(
      '/households/:id/members/:personId',
      {
        schema: {
          tags,
          summary: '家庭成员迁出 End a membership',
          params: IdParamsSchema.extend({ personId: z.coerce.number().int().positive() }),
          querystring: z.strictObject({ on: CalendarDateSchema.optional() }),
          response: ok(HouseholdViewSchema),
        },
      },
      async (req) =>
        removeHouseholdMember(ctx, requireActor(req), req.params.id, req.params.personId, req.query.on),
    );

    app.post(
      '/enterprises',
      {
        schema: {
          tags,
          summary: '登记企业 Register an enterprise',
          body: RegisterEnterpriseSchema,
          response: created(EnterpriseViewSchema),
        },
      },
      async (req, reply) =>
        reply.status(201).send(await registerEnterprise(ctx, requireActor(req), req.body)),
    );
    app.post(
      '/enterprises/search',
      {
        schema: {
          tags,
          summary: '查询企业 Search enterprises',
          body: EnterpriseSearchSchema,
          response: ok(z.array(EnterpriseViewSchema)),
        },
      },
      async (req) => searchEnterprises(ctx, requireActor(req), req.body),
    );
    app.get(
      '/enterprises/:id',
      {
        schema: {
          tags,
          summary: '企业信息 An enterprise',
          params: IdParamsSchema,
          response: ok(EnterpriseViewSchema),
        },
      },
      async (req) => getEnterprise(ctx, requireActor(req), req.params.id),
    );
  };
}
