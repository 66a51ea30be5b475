import { sql } from 'kysely';
import { AppError } from '../../../platform/errors/index.js';
import { todayInChina } from '../../../shared/dates/calendar-date.js';
import { can, requirePermission, type Actor } from '../../access/index.js';
import { mapReferral, type ReferralView } from '../domain/referral.js';
import { likePrefix } from '../infra/like-prefix.js';
import { referralRepository, type ReferralRow } from '../infra/referral.repository.js';
import type { ReferralKind, ReferralStatus } from '../infra/tables.js';
import type { ServicesContext } from '../services-context.js';

type Ctx = Pick<ServicesContext, 'db'>;

export interface ReferralExportFilter {
  status?: ReferralStatus | 'unanswered' | 'closed' | undefined;
  kind?: ReferralKind | undefined;
  /** 转介日期 from … to … (inclusive). */
  from?: string | undefined;
  to?: string | undefined;
  today?: string | undefined;
}

/**
 * Every referral to civil affairs within the actor's jurisdiction matching the filter, oldest first,
 * with its history: the list sent to civil affairs (exchange module's export). Read in pages of 2,000.
 */
export async function referralsForExport(
  ctx: Ctx,
  actor: Actor,
  f: ReferralExportFilter = {},
): Promise<ReferralView[]> {
  if (!can(actor, 'referrals.create') && !can(actor, 'referrals.answer')) throw new AppError('FORBIDDEN');
  const today = f.today ?? todayInChina();
  const rows: ReferralRow[] = [];
  let after = 0;
  for (;;) {
    let q = sql`SELECT * FROM referrals WHERE division LIKE ${likePrefix(actor.division)} AND id > ${after}`;
    if (actor.division.length >= 6) q = sql`${q} AND county = ${actor.division.slice(0, 6)}`;
    if (f.status === 'unanswered') q = sql`${q} AND closed_on IS NULL`;
    else if (f.status === 'closed') q = sql`${q} AND closed_on IS NOT NULL`;
    else if (f.status) q = sql`${q} AND status = ${f.status}`;
    if (f.kind) q = sql`${q} AND kind = ${f.kind}`;
    if (f.from) q = sql`${q} AND referred_on >= ${f.from}`;
    if (f.to) q = sql`${q} AND referred_on <= ${f.to}`;
    const page = (await sql<ReferralRow>`${q} ORDER BY id LIMIT 2000`.execute(ctx.db)).rows;
    rows.push(...page);
    if (page.length < 2000) break;
    after = Number(page.at(-1)!.id);
  }
  rows.sort((a, b) => a.referred_on.localeCompare(b.referred_on) || Number(a.id) - Number(b.id));
  const events = new Map<string, Awaited<ReturnType<typeof referralRepository.events>>>();
  for (let i = 0; i < rows.length; i += 1000)
    for (const e of await referralRepository.events(ctx.db, rows.slice(i, i + 1000))) {
      const k = `${e.county}:${e.referral_id}`;
      events.set(k, [...(events.get(k) ?? []), e]);
    }
  return rows.map((r) => mapReferral(r, events.get(`${r.county}:${r.id}`) ?? [], today));
}

/** A 失业登记 open on a day. */
export interface OpenRegistration {
  id: number;
  county: string;
  personId: number;
  certificateNumber: string;
  division: string;
  registeredOn: string;
  channel: string;
}

/**
 * 失业登记 open on a day (registered on or before it, not ended by it) within the actor's jurisdiction,
 * oldest first: the registered unemployed, for an export.
 */
export async function registrationsOpenOn(ctx: Ctx, actor: Actor, asOf: string): Promise<OpenRegistration[]> {
  requirePermission(actor, 'registry.read');
  const county = actor.division.length >= 6 ? sql`AND county = ${actor.division.slice(0, 6)}` : sql``;
  const r = await sql<{
    id: number;
    county: string;
    person_id: number;
    certificate_number: string;
    division: string;
    registered_on: string;
    channel: string;
  }>`
    SELECT id, county, person_id, certificate_number, division, registered_on, channel
      FROM unemployment_registrations
     WHERE division LIKE ${likePrefix(actor.division)} ${county}
       AND registered_on <= ${asOf} AND (ended_on IS NULL OR ended_on > ${asOf})
     ORDER BY registered_on, id`.execute(ctx.db);
  return r.rows.map((x) => ({
    id: Number(x.id),
    county: x.county,
    personId: Number(x.person_id),
    certificateNumber: x.certificate_number,
    division: x.division,
    registeredOn: String(x.registered_on),
    channel: x.channel,
  }));
}
