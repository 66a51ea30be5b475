import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { ageOn, todayInChina } from '../../../shared/dates/calendar-date.js';
import type { Actor } from '../../access/index.js';
import { FactViewSchema } from '../domain/fact-view.js';
import { mapPerson, PersonViewSchema } from '../domain/views.js';
import { householdRepository } from '../infra/household.repository.js';
import { decryptPerson, personRepository } from '../infra/person.repository.js';
import type { RegistryContext } from '../registry-context.js';
import { loadVisiblePerson } from './get-person.js';
import { listFacts } from './list-facts.js';

/** 我的信息: a citizen's own record, masked, with their household (members' names masked) and facts. */
export const MyProfileSchema = z.object({
  person: PersonViewSchema,
  household: z
    .object({
      id: z.number(),
      householdNumber: z.string().nullable(),
      members: z.array(
        z.object({
          self: z.boolean(),
          name: z.string().describe('masked but for oneself: 张*远'),
          relation: z.string(),
          age: z.number(),
          since: z.string(),
        }),
      ),
    })
    .nullable(),
  facts: z.array(FactViewSchema),
});
export type MyProfile = z.infer<typeof MyProfileSchema>;

/** 张明远 → 张*远, 李四 → 李*: the family name and, for longer names, the last character. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/**
 * The logged-in citizen's own profile. Only ever their own person (bound to the account) and the
 * household they belong to today; any other role is refused.
 */
export async function getMyProfile(ctx: RegistryContext, actor: Actor): Promise<MyProfile> {
  if (actor.role !== 'citizen') throw new AppError('FORBIDDEN');
  if (!actor.person) throw new AppError('PERSON_NOT_FOUND');
  const own = actor.person;
  const today = todayInChina();
  const row = await loadVisiblePerson(ctx.db, actor, own.id);
  const person = mapPerson(decryptPerson(ctx.cipher, row));
  const facts = await listFacts(ctx, actor, { type: 'person', id: own.id });
  const membership = await householdRepository.membershipOf(ctx.db, row.county, row.id, today);
  if (!membership) return { person, household: null, facts };
  const household = await householdRepository.findById(ctx.db, membership.household_id, row.county);
  if (!household) return { person, household: null, facts };
  const members = await householdRepository.members(ctx.db, row.county, household.id, today);
  const list = [];
  for (const m of members) {
    const p = await personRepository.findById(ctx.db, m.person_id, row.county);
    if (!p) continue;
    const plain = decryptPerson(ctx.cipher, p);
    const self = p.id === row.id;
    list.push({
      self,
      name: self ? plain.name : maskName(plain.name),
      relation: m.relation,
      age: ageOn(plain.birthDate, today),
      since: m.valid_from,
    });
  }
  return {
    person,
    household: { id: household.id, householdNumber: household.household_number, members: list },
    facts,
  };
}
