import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { todayInChina } from '../../../shared/dates/calendar-date.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { requireLocalDivision } from '../domain/checks.js';
import type { AddMember, CreateHousehold } from '../domain/schemas.js';
import { householdRepository, type HouseholdRow } from '../infra/household.repository.js';
import type { RegistryContext } from '../registry-context.js';
import type { AnyTrx } from '../../../platform/db/database.js';
import { loadVisiblePerson } from './get-person.js';
import { loadVisibleHousehold } from './load-subject.js';

export const HouseholdViewSchema = z.object({
  id: z.number(),
  county: z.string(),
  householdNumber: z.string().nullable(),
  residenceDivision: z.string(),
  members: z.array(z.object({ personId: z.number(), relation: z.string(), since: z.string() })),
});
export type HouseholdView = z.infer<typeof HouseholdViewSchema>;

async function view(trx: AnyTrx | RegistryContext['db'], h: HouseholdRow): Promise<HouseholdView> {
  const members = await householdRepository.members(trx, h.county, h.id);
  return {
    id: h.id,
    county: h.county,
    householdNumber: h.household_number,
    residenceDivision: h.residence_division,
    members: members.map((m) => ({ personId: m.person_id, relation: m.relation, since: m.valid_from })),
  };
}

async function join(
  trx: AnyTrx,
  actor: Actor,
  h: HouseholdRow,
  m: { personId: number; relation: string },
  since: string,
) {
  const p = await loadVisiblePerson(trx, actor, m.personId, true);
  if (p.county !== h.county) throw new AppError('PERSON_NOT_FOUND', { path: 'personId' });
  const row = await householdRepository.addMember(trx, {
    county: h.county,
    household_id: h.id,
    person_id: p.id,
    relation: m.relation,
    valid_from: since,
  });
  if (!row) {
    throw new AppError('HOUSEHOLD_MEMBER_EXISTS', {
      path: 'personId',
      zh: '该人员已属于一个家庭户，请先办理迁出',
      en: 'The person already belongs to a household; end that membership first',
    });
  }
}

/** Create a household and, optionally, its members (each may belong to one household at a time). */
export async function createHousehold(
  ctx: RegistryContext,
  actor: Actor,
  input: CreateHousehold,
): Promise<HouseholdView> {
  requirePermission(actor, 'registry.write');
  requireLocalDivision(actor, input.residenceDivision, 'residenceDivision');
  const since = input.since ?? todayInChina();
  return ctx.db.transaction().execute(async (trx) => {
    const h = await householdRepository.insert(trx, {
      county: input.residenceDivision.slice(0, 6),
      household_number: input.householdNumber ?? null,
      residence_division: input.residenceDivision,
      township: input.residenceDivision.slice(0, 9),
    });
    for (const m of input.members) await join(trx, actor, h, m, since);
    await recordAudit(trx, actor, {
      action: 'household.create',
      entityType: 'household',
      entityId: h.id,
      details: { members: input.members },
    });
    return view(trx, h);
  });
}

export async function addHouseholdMember(
  ctx: RegistryContext,
  actor: Actor,
  householdId: number,
  input: AddMember,
): Promise<HouseholdView> {
  requirePermission(actor, 'registry.write');
  return ctx.db.transaction().execute(async (trx) => {
    const h = await loadVisibleHousehold(trx, actor, householdId, true);
    await join(trx, actor, h, input, input.since ?? todayInChina());
    await recordAudit(trx, actor, {
      action: 'household.addMember',
      entityType: 'household',
      entityId: h.id,
      details: { personId: input.personId, relation: input.relation },
    });
    return view(trx, h);
  });
}

export async function removeHouseholdMember(
  ctx: RegistryContext,
  actor: Actor,
  householdId: number,
  personId: number,
  on?: string,
): Promise<HouseholdView> {
  requirePermission(actor, 'registry.write');
  return ctx.db.transaction().execute(async (trx) => {
    const h = await loadVisibleHousehold(trx, actor, householdId, true);
    const ended = await householdRepository.endMembership(
      trx,
      h.county,
      h.id,
      personId,
      on ?? todayInChina(),
    );
    if (!ended) throw new AppError('PERSON_NOT_FOUND', { path: 'personId' });
    await recordAudit(trx, actor, {
      action: 'household.removeMember',
      entityType: 'household',
      entityId: h.id,
      details: { personId },
    });
    return view(trx, h);
  });
}

export async function getHousehold(ctx: RegistryContext, actor: Actor, id: number): Promise<HouseholdView> {
  return view(ctx.db, await loadVisibleHousehold(ctx.db, actor, id));
}
