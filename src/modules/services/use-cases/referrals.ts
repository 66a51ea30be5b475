import type { AnyTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/index.js';
import { todayInChina } from '../../../shared/dates/calendar-date.js';
import { can, recordAudit, requirePermission, RoleSchema, type Actor } from '../../access/index.js';
import { notify, type Recipient } from '../../notifications/index.js';
import { loadVisibleSubject } from '../../registry/index.js';
import {
  answerDue,
  mapReferral,
  type AnswerReferral,
  type CreateReferral,
  type ReferralQuery,
  type ReferralView,
  type SupplyInformation,
} from '../domain/referral.js';
import { referralAnswerDays } from '../domain/referral-settings.js';
import { referralRepository, type ReferralEventRow, type ReferralRow } from '../infra/referral.repository.js';
import type { ServicesContext } from '../services-context.js';

type Ctx = Pick<ServicesContext, 'db'>;

/** For tests and jobs: the day it is, and the working days civil affairs has to answer. */
export interface ReferralOptions {
  today?: string;
  answerDays?: number;
}

export interface ReferToCivilAffairs {
  county: string;
  personId: number;
  kind: 'minimumLiving' | 'temporaryAssistance';
  reason: string;
  applicationId?: number | undefined;
}

const kindZh = { minimumLiving: '最低生活保障（低保）', temporaryAssistance: '临时救助' } as const;
const kindEn = {
  minimumLiving: 'minimum living allowance',
  temporaryAssistance: 'temporary assistance',
} as const;
const liaisonOf = (county: string): Recipient => ({
  kind: 'staff',
  division: county,
  role: 'civilAffairsLiaison',
});

/** The staff who referred: their account, or (made by a job or without an account) their team. */
function referrerOf(r: ReferralRow): Recipient[] {
  if (r.referred_by !== null) return [{ kind: 'account', accountId: r.referred_by }];
  const role = RoleSchema.safeParse(r.referred_by_role);
  return role.success ? [{ kind: 'staff', division: r.referred_by_division, role: role.data }] : [];
}

/**
 * Refer a person to civil affairs for 低保 or 临时救助, inside the caller's transaction (the applications
 * module calls it while deciding a 临时生活补助 case). The person must be within the actor's
 * jurisdiction; one referral of a kind is open at a time for a person. The county's civil-affairs
 * liaison is notified; the act is audited in the same transaction.
 */
export async function referToCivilAffairs(
  trx: AnyTrx,
  actor: Actor,
  input: ReferToCivilAffairs,
  opts: ReferralOptions = {},
): Promise<ReferralView> {
  requirePermission(actor, 'referrals.create');
  const reason = input.reason.trim();
  if (reason.length < 2 || reason.length > 1000)
    throw new AppError('VALIDATION_FAILED', { path: 'reason', zh: '转介理由须为 2–1000 个字' });
  const person = await loadVisibleSubject(trx, actor, 'person', input.personId);
  if (person.county !== input.county) throw new AppError('PERSON_NOT_FOUND', { path: 'personId' });
  const today = opts.today ?? todayInChina();
  const row = await referralRepository.insert(trx, {
    county: person.county,
    person_id: person.id,
    division: person.division,
    kind: input.kind,
    reason,
    application_id: input.applicationId ?? null,
    referred_on: today,
    referred_by: actor.accountId,
    referred_by_username: actor.username,
    referred_by_role: actor.role,
    referred_by_division: actor.division,
    waiting_since: today,
    due_on: answerDue(today, opts.answerDays ?? referralAnswerDays()),
  });
  if (!row) throw new AppError('REFERRAL_ALREADY_OPEN', { path: 'kind' });
  await notify(trx, {
    recipients: [liaisonOf(row.county)],
    topic: 'referral.created',
    subject: { type: 'referral', id: row.id },
    zh: `新的转介（${kindZh[row.kind]}）：人员 ${row.person_id}，请在 ${row.due_on ?? '规定期限'} 前答复。`,
    en: `New referral (${kindEn[row.kind]}) for person ${row.person_id}; answer due ${row.due_on ?? 'in time'}.`,
  });
  await recordAudit(trx, actor, {
    action: 'referral.create',
    entityType: 'referral',
    entityId: row.id,
    details: {
      personId: row.person_id,
      kind: row.kind,
      applicationId: row.application_id,
      dueOn: row.due_on,
    },
  });
  return mapReferral(row, [], today);
}

/** 转介民政 over HTTP: `referToCivilAffairs` in a transaction of its own. */
export async function createReferral(
  ctx: Ctx,
  actor: Actor,
  input: CreateReferral,
  opts: ReferralOptions = {},
): Promise<ReferralView> {
  requirePermission(actor, 'referrals.create');
  return ctx.db.transaction().execute(async (trx) => {
    const person = await loadVisibleSubject(trx, actor, 'person', input.personId);
    return referToCivilAffairs(trx, actor, { ...input, county: person.county }, opts);
  });
}

/**
 * Civil affairs answers: accepted or declined close the referral; needs-more-information sends it back
 * to the referring staff (with a note saying what is missing) and keeps it open. The referring staff
 * are notified.
 */
export async function answerReferral(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: AnswerReferral,
  opts: ReferralOptions = {},
): Promise<ReferralView> {
  requirePermission(actor, 'referrals.answer');
  if (input.outcome !== 'accepted' && !input.note?.trim())
    throw new AppError('VALIDATION_FAILED', { path: 'note', zh: '不予受理或要求补充材料时须说明理由' });
  const today = opts.today ?? todayInChina();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await referralRepository.find(trx, id, actor.division, true);
    if (!current) throw new AppError('REFERRAL_NOT_FOUND');
    if (current.closed_on !== null) throw new AppError('REFERRAL_CLOSED');
    const closes = input.outcome !== 'needsMoreInformation';
    const row = await referralRepository.update(trx, current, {
      status: input.outcome,
      closed_on: closes ? today : null,
    });
    const note = input.note ?? null;
    await referralRepository.addEvent(trx, row, {
      kind: input.outcome,
      note,
      on: today,
      byAccount: actor.accountId,
      byUsername: actor.username,
    });
    const outcomeZh = { accepted: '已受理', declined: '不予受理', needsMoreInformation: '需补充材料' }[
      input.outcome
    ];
    await notify(trx, {
      recipients: referrerOf(row),
      topic: 'referral.answered',
      subject: { type: 'referral', id: row.id },
      zh: `民政部门答复转介（${kindZh[row.kind]}，人员 ${row.person_id}）：${outcomeZh}${note ? `。${note}` : ''}`,
      en: `Civil affairs answered the referral (${kindEn[row.kind]}, person ${row.person_id}): ${input.outcome}.`,
    });
    await recordAudit(trx, actor, {
      action: 'referral.answer',
      entityType: 'referral',
      entityId: row.id,
      details: { outcome: input.outcome, on: today },
    });
    return mapReferral(row, await referralRepository.events(trx, [row]), today);
  });
}

/** The referring side supplies what civil affairs asked for: awaiting civil affairs again, with a new due day. */
export async function supplyReferralInformation(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: SupplyInformation,
  opts: ReferralOptions = {},
): Promise<ReferralView> {
  requirePermission(actor, 'referrals.create');
  const today = opts.today ?? todayInChina();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await referralRepository.find(trx, id, actor.division, true);
    if (!current) throw new AppError('REFERRAL_NOT_FOUND');
    if (current.closed_on !== null) throw new AppError('REFERRAL_CLOSED');
    if (current.status !== 'needsMoreInformation') throw new AppError('REFERRAL_NOT_AWAITING_INFORMATION');
    const row = await referralRepository.update(trx, current, {
      status: 'open',
      waiting_since: today,
      due_on: answerDue(today, opts.answerDays ?? referralAnswerDays()),
    });
    await referralRepository.addEvent(trx, row, {
      kind: 'informationSupplied',
      note: input.note,
      on: today,
      byAccount: actor.accountId,
      byUsername: actor.username,
    });
    await notify(trx, {
      recipients: [liaisonOf(row.county)],
      topic: 'referral.informationSupplied',
      subject: { type: 'referral', id: row.id },
      zh: `转介（${kindZh[row.kind]}，人员 ${row.person_id}）已补充材料，请在 ${row.due_on ?? '规定期限'} 前答复。`,
      en: `More information was supplied on referral ${row.id}; answer due ${row.due_on ?? 'in time'}.`,
    });
    await recordAudit(trx, actor, {
      action: 'referral.supplyInformation',
      entityType: 'referral',
      entityId: row.id,
      details: { on: today, dueOn: row.due_on },
    });
    return mapReferral(row, await referralRepository.events(trx, [row]), today);
  });
}

function requireReferralReader(actor: Actor): void {
  if (!can(actor, 'referrals.create') && !can(actor, 'referrals.answer')) throw new AppError('FORBIDDEN');
}

/**
 * Referrals within the actor's jurisdiction (the county, for the civil-affairs liaison), newest first;
 * those awaiting civil affairs past their due day are flagged overdue (`overdue=true`: only those).
 */
export async function listReferrals(
  ctx: Ctx,
  actor: Actor,
  q: ReferralQuery = {},
  opts: ReferralOptions = {},
): Promise<ReferralView[]> {
  requireReferralReader(actor);
  const today = opts.today ?? todayInChina();
  const rows = await referralRepository.list(ctx.db, {
    scope: actor.division,
    status: q.status,
    kind: q.kind,
    overdueOn: q.overdue ? today : undefined,
    personId: q.personId,
    beforeId: q.before,
    limit: Math.min(q.limit ?? 100, 500),
  });
  const byReferral = new Map<string, ReferralEventRow[]>();
  for (const e of await referralRepository.events(ctx.db, rows)) {
    const k = `${e.county}:${e.referral_id}`;
    byReferral.set(k, [...(byReferral.get(k) ?? []), e]);
  }
  return rows.map((r) => mapReferral(r, byReferral.get(`${r.county}:${r.id}`) ?? [], today));
}

/** One referral within the actor's jurisdiction, with its history. */
export async function getReferral(
  ctx: Ctx,
  actor: Actor,
  id: number,
  opts: ReferralOptions = {},
): Promise<ReferralView> {
  requireReferralReader(actor);
  const row = await referralRepository.find(ctx.db, id, actor.division);
  if (!row) throw new AppError('REFERRAL_NOT_FOUND');
  return mapReferral(row, await referralRepository.events(ctx.db, [row]), opts.today ?? todayInChina());
}
