import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { CalendarDateSchema, todayInChina } from '../../../shared/dates/calendar-date.js';
import { can, recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { getPerson, listFacts, setFact } from '../../registry/index.js';
import { evaluateRegisteredPerson } from '../../rules/index.js';
import { registrationRepository, type RegistrationRow } from '../infra/registration.repository.js';
import type { ServicesContext } from '../services-context.js';

export const RegisterUnemploymentSchema = z.strictObject({
  personId: z.number().int().positive(),
  /** The day of registration (default today). */
  date: CalendarDateSchema.optional(),
  /** What the person declares when registering: able to work, without work (and so willing to work). */
  declared: z.strictObject({ ableToWork: z.boolean(), employed: z.boolean() }).optional(),
});
export type RegisterUnemployment = z.infer<typeof RegisterUnemploymentSchema>;

export const EndUnemploymentSchema = z.strictObject({
  on: CalendarDateSchema.optional(),
  reason: z.enum(['employed', 'withdrawn', 'other']),
});
export type EndUnemployment = z.infer<typeof EndUnemploymentSchema>;

export const RegistrationViewSchema = z.object({
  id: z.number(),
  personId: z.number(),
  certificateNumber: z.string().describe('就业创业证编号'),
  division: z.string(),
  registeredOn: z.string(),
  channel: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
});
export type RegistrationView = z.infer<typeof RegistrationViewSchema>;

const view = (r: RegistrationRow): RegistrationView => ({
  id: r.id,
  personId: r.person_id,
  certificateNumber: r.certificate_number,
  division: r.division,
  registeredOn: r.registered_on,
  channel: r.channel,
  endedOn: r.ended_on,
  endReason: r.end_reason,
});

/**
 * 失业登记 at the place of habitual residence: by the person online, or by staff at a desk. Eligibility
 * (working age, able to work, without work) is the pack's `unemployment-registration` service judged on
 * the registry's facts and what the person declares; local hukou is not asked for. One open registration
 * per person, with a 就业创业证 number; the registry's `registeredUnemployed` fact follows it.
 */
export async function registerUnemployment(
  ctx: ServicesContext,
  actor: Actor,
  input: RegisterUnemployment,
): Promise<RegistrationView> {
  const online = actor.role === 'citizen';
  if (online) {
    if (actor.person?.id !== input.personId) throw new AppError('PERSON_NOT_FOUND', { path: 'personId' });
  } else {
    requirePermission(actor, 'registry.write');
  }
  const date = input.date ?? todayInChina();
  const person = await getPerson(ctx, actor, input.personId);
  const declaredSource = { kind: 'self' as const, ref: online ? '网上申请时本人声明' : '窗口办理时本人声明' };
  for (const [name, value] of Object.entries(input.declared ?? {})) {
    await setFact(
      ctx,
      actor,
      { type: 'person', id: person.id },
      { name, value, validFrom: date, source: declaredSource },
    );
  }
  const judged = await evaluateRegisteredPerson(ctx, actor, ctx.rules.engineFor(date), {
    personId: person.id,
    date,
    programmes: ['unemployment-registration'],
  });
  const result = judged.results[0]!;
  if (result.eligible === null) {
    throw new AppError('FACTS_REQUIRED', {
      path: 'declared',
      zh: `办理失业登记尚缺少以下信息：${result.missing.join('、')}`,
      en: `Missing facts: ${result.missing.join(', ')}`,
    });
  }
  if (!result.eligible) {
    const unmet = result.reasons.filter((r) => r.met === false).map((r) => r.condition);
    throw new AppError('NOT_ELIGIBLE_FOR_REGISTRATION', { zh: `不符合失业登记条件：${unmet.join('；')}` });
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await registrationRepository.insertOpen(trx, {
      county: person.county,
      person_id: person.id,
      division: person.residenceDivision.code,
      registered_on: date,
      channel: online ? 'online' : 'desk',
      registered_by: actor.accountId,
    });
    if (!r) throw new AppError('ALREADY_REGISTERED_UNEMPLOYED', { path: 'personId' });
    await recordAudit(trx, actor, {
      action: 'unemploymentRegistration.create',
      entityType: 'unemploymentRegistration',
      entityId: r.id,
      details: { personId: person.id, date, channel: r.channel, pack: judged.pack },
    });
    return r;
  });
  // The registry's fact follows the registration; if it cannot be recorded, the registration is undone.
  try {
    await setFact(
      ctx,
      actor,
      { type: 'person', id: person.id },
      {
        name: 'registeredUnemployed',
        value: true,
        validFrom: date,
        source: {
          kind: can(actor, 'registry.write') || actor.role === 'system' ? 'staff' : 'self',
          ref: `失业登记 ${row.certificate_number}`,
        },
      },
    );
  } catch (e) {
    await registrationRepository.remove(ctx.db, row.county, row.id);
    throw e;
  }
  return view(row);
}

/** End a registration (on employment, with the date): the registry's facts follow. */
export async function endUnemployment(
  ctx: ServicesContext,
  actor: Actor,
  id: number,
  input: EndUnemployment,
): Promise<RegistrationView> {
  requirePermission(actor, 'registry.write');
  const current = await registrationRepository.find(ctx.db, id, actor.division);
  if (!current) throw new AppError('REGISTRATION_NOT_FOUND');
  const on = input.on ?? todayInChina();
  if (on < current.registered_on)
    throw new AppError('INVALID_PERIOD', { path: 'on', zh: '终止日期不能早于登记日期' });
  const ended = await ctx.db.transaction().execute(async (trx) => {
    const r = await registrationRepository.end(trx, current.county, current.id, on, input.reason);
    if (!r) throw new AppError('CONFLICT', { zh: '该失业登记已终止' });
    await recordAudit(trx, actor, {
      action: 'unemploymentRegistration.end',
      entityType: 'unemploymentRegistration',
      entityId: r.id,
      details: { on, reason: input.reason },
    });
    return r;
  });
  const ref = `失业登记 ${ended.certificate_number} 终止`;
  await setFact(
    ctx,
    actor,
    { type: 'person', id: ended.person_id },
    { name: 'registeredUnemployed', value: false, validFrom: on, source: { kind: 'staff', ref } },
  );
  // 就业困难人员认定 holds while unemployed: it ends with the registration.
  const facts = await listFacts(ctx, actor, { type: 'person', id: ended.person_id }, { asOf: on });
  if (facts.some((f) => f.name === 'employmentDifficulty' && f.value === true)) {
    await setFact(
      ctx,
      actor,
      { type: 'person', id: ended.person_id },
      { name: 'employmentDifficulty', value: false, validFrom: on, source: { kind: 'staff', ref } },
    );
  }
  if (input.reason === 'employed') {
    await setFact(
      ctx,
      actor,
      { type: 'person', id: ended.person_id },
      { name: 'employed', value: true, validFrom: on, source: { kind: 'staff', ref } },
    );
  }
  return view(ended);
}

/** Open registrations within the actor's jurisdiction. */
export async function listOpenRegistrations(
  ctx: ServicesContext,
  actor: Actor,
  limit = 100,
): Promise<RegistrationView[]> {
  requirePermission(actor, 'registry.read');
  return (await registrationRepository.listOpen(ctx.db, actor.division, Math.min(limit, 1000))).map(view);
}
