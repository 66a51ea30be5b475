import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { CalendarDateSchema, todayInChina } from '../../../shared/dates/calendar-date.js';
import { parseUscc } from '../../../shared/identity/index.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { getEnterprise, getPerson, setFact } from '../../registry/index.js';
import type { ServicesTables } from '../infra/tables.js';
import type { ServicesContext } from '../services-context.js';
import { endUnemployment } from './unemployment-registration.js';

export const ContractTypeSchema = z.enum(['fixedTerm', 'openEnded', 'taskBased', 'none']);

export const RegisterEmploymentSchema = z.strictObject({
  personId: z.number().int().positive(),
  /** An enterprise of the registry (within the jurisdiction), or a name and its credit code. */
  employer: z.union([
    z.strictObject({ enterpriseId: z.number().int().positive() }),
    z.strictObject({ name: z.string().trim().min(1).max(100), uscc: z.string().max(40).optional() }),
  ]),
  startedOn: CalendarDateSchema,
  contractType: ContractTypeSchema,
  /** The end of a fixed-term contract (required for one). */
  termEndsOn: CalendarDateSchema.optional(),
});
export type RegisterEmployment = z.infer<typeof RegisterEmploymentSchema>;

export const EmploymentViewSchema = z.object({
  id: z.number(),
  personId: z.number(),
  employer: z.object({ enterpriseId: z.number().nullable(), name: z.string(), uscc: z.string().nullable() }),
  startedOn: z.string(),
  contractType: ContractTypeSchema,
  termEndsOn: z.string().nullable(),
  registeredBy: z.string(),
  createdAt: z.string(),
  /** The 失业登记 this registration ended, when there was one open. */
  endedUnemploymentRegistration: z.number().nullable(),
});
export type EmploymentView = z.infer<typeof EmploymentViewSchema>;

const t = (db: unknown) => db as Kysely<ServicesTables>;

interface Row {
  id: number | string;
  person_id: number | string;
  employer_id: number | string | null;
  employer_name: string;
  employer_uscc: string | null;
  started_on: string;
  contract_type: string;
  term_ends_on: string | null;
  registered_by_username: string;
  created_at: Date;
  ended_registration_id: number | string | null;
}
const view = (r: Row): EmploymentView => ({
  id: Number(r.id),
  personId: Number(r.person_id),
  employer: {
    enterpriseId: r.employer_id === null ? null : Number(r.employer_id),
    name: r.employer_name,
    uscc: r.employer_uscc,
  },
  startedOn: r.started_on,
  contractType: r.contract_type as EmploymentView['contractType'],
  termEndsOn: r.term_ends_on,
  registeredBy: r.registered_by_username,
  createdAt: new Date(r.created_at).toISOString(),
  endedUnemploymentRegistration: r.ended_registration_id === null ? null : Number(r.ended_registration_id),
});

/**
 * 就业登记 at a desk (decision 0039): the employer, the start date and the contract. It becomes the
 * registry's `employed` fact from the start date with this registration as its source, and an open
 * 失业登记 ends on that date (reason: employed), its facts following as when staff end it by hand.
 */
export async function registerEmployment(
  ctx: ServicesContext,
  actor: Actor,
  input: RegisterEmployment,
): Promise<EmploymentView> {
  requirePermission(actor, 'registry.write');
  const person = await getPerson(ctx, actor, input.personId);
  if (input.startedOn > todayInChina())
    throw new AppError('VALIDATION_FAILED', {
      path: 'startedOn',
      zh: '就业日期不能晚于今天',
      en: 'The start date cannot be in the future',
    });
  if (input.contractType === 'fixedTerm' && !input.termEndsOn)
    throw new AppError('VALIDATION_FAILED', {
      path: 'termEndsOn',
      zh: '固定期限劳动合同须填写合同终止日期',
      en: 'A fixed-term contract needs its end date',
    });
  if (input.termEndsOn && input.termEndsOn <= input.startedOn)
    throw new AppError('INVALID_PERIOD', { path: 'termEndsOn', zh: '合同终止日期应晚于就业日期' });
  let employer: { county: string | null; id: number | null; name: string; uscc: string | null };
  if ('enterpriseId' in input.employer) {
    const e = await getEnterprise(ctx, actor, input.employer.enterpriseId);
    employer = { county: e.county, id: e.id, name: e.name, uscc: e.uscc };
  } else {
    let uscc: string | null = null;
    if (input.employer.uscc?.trim()) {
      const r = parseUscc(input.employer.uscc.trim());
      if (!r.ok)
        throw new AppError('INVALID_USCC', {
          path: 'employer.uscc',
          zh: `统一社会信用代码不正确：${r.error.messageZh}`,
        });
      uscc = r.value.normalized;
    }
    employer = { county: null, id: null, name: input.employer.name, uscc };
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = (await t(trx)
      .insertInto('employment_registrations')
      .values({
        county: person.county,
        person_id: person.id,
        division: person.residenceDivision.code,
        employer_county: employer.county,
        employer_id: employer.id,
        employer_name: employer.name,
        employer_uscc: employer.uscc,
        started_on: input.startedOn,
        contract_type: input.contractType,
        term_ends_on: input.termEndsOn ?? null,
        registered_by: actor.accountId,
        registered_by_username: actor.username,
        ended_registration_id: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()) as unknown as Row;
    await recordAudit(trx, actor, {
      action: 'employmentRegistration.create',
      entityType: 'employmentRegistration',
      entityId: Number(r.id),
      details: {
        personId: person.id,
        startedOn: input.startedOn,
        contractType: input.contractType,
        employer: employer.id === null ? 'named' : 'registry',
      },
    });
    return r;
  });
  // An open 失业登记 ends on the start date (one registered after the start is left alone: it says otherwise).
  const reg = await t(ctx.db)
    .selectFrom('unemployment_registrations')
    .select(['id', 'registered_on'])
    .where('county', '=', person.county)
    .where('person_id', '=', person.id)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  if (reg && reg.registered_on <= input.startedOn) {
    await endUnemployment(ctx, actor, Number(reg.id), { on: input.startedOn, reason: 'employed' });
    await t(ctx.db)
      .updateTable('employment_registrations')
      .set({ ended_registration_id: Number(reg.id) })
      .where('county', '=', person.county)
      .where('id', '=', Number(row.id))
      .execute();
    row.ended_registration_id = Number(reg.id);
  }
  // The registry's fact, with this registration as its source (after the end of 失业登记, which says employed too).
  await setFact(
    ctx,
    actor,
    { type: 'person', id: person.id },
    {
      name: 'employed',
      value: true,
      validFrom: input.startedOn,
      source: { kind: 'staff', ref: `就业登记 #${row.id}（${employer.name}）` },
    },
  );
  return view(row);
}

/** A person's 就业登记, newest first (a person outside the jurisdiction is "not found"). */
export async function listPersonEmployments(
  ctx: ServicesContext,
  actor: Actor,
  personId: number,
): Promise<EmploymentView[]> {
  requirePermission(actor, 'registry.read');
  const person = await getPerson(ctx, actor, personId);
  const rows = await t(ctx.db)
    .selectFrom('employment_registrations')
    .selectAll()
    .where('county', '=', person.county)
    .where('person_id', '=', person.id)
    .orderBy('started_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => view(r as unknown as Row));
}
