import { sql } from 'kysely';
import { z } from 'zod';
import { HOME_COUNTY } from '../../../platform/config/config.js';
import { AppError, parseInput } from '../../../platform/errors/index.js';
import { todayInChina } from '../../../shared/dates/calendar-date.js';
import { auditedTransaction, covers, requirePermission, type Actor } from '../../access/index.js';
import { applicationsForCrossCheck, type ApplicationForCrossCheck } from '../../applications/index.js';
import { divisionName } from '../../divisions/index.js';
import { applicationsWithMoneyToPay, placeHold, releaseHold } from '../../funds/index.js';
import {
  enterpriseNames,
  factsInForce,
  maskName,
  personIdentities,
  type FactInForce,
} from '../../registry/index.js';
import { nameKey } from '../domain/names.js';
import type { ExchangeContext } from '../exchange-context.js';

/** The conflicts the cross-checks look for (issue 6, item 5), with what a reviewer reads. */
export const FLAG_KINDS = {
  'insured-while-unemployed': {
    zh: '登记失业但以职工身份参保缴费',
    en: 'Registered unemployed but paying contributions as an employee',
  },
  'allowance-while-insurance-eligible': {
    zh: '领取临时生活补助但符合失业保险金条件',
    en: 'Temporary living allowance while eligible for unemployment-insurance benefit',
  },
  'deceased-with-open-case': {
    zh: '已死亡但有在办申请或未支付款项',
    en: 'Deceased, with an open application or an unpaid approved item',
  },
  'duplicate-person': {
    zh: '同一人以两条记录申请',
    en: 'The same person applying under two records',
  },
  'enterprise-not-registered': {
    zh: '申请稳岗返还的企业不在市场主体名录',
    en: 'An enterprise claiming the job-retention refund is not in the market-entity register',
  },
} as const;
export type FlagKind = keyof typeof FLAG_KINDS;
const FlagKindSchema = z.enum(Object.keys(FLAG_KINDS) as [FlagKind, ...FlagKind[]]);

const EvidenceSchema = z.object({
  source: z.enum(['list', 'registry', 'application', 'funds']),
  ref: z.string(),
  zh: z.string(),
  en: z.string(),
});
type Evidence = z.infer<typeof EvidenceSchema>;

export const FlagViewSchema = z.object({
  id: z.number(),
  kind: FlagKindSchema,
  state: z.enum(['open', 'cleared', 'upheld']),
  raisedAt: z.string(),
  subject: z.object({
    type: z.enum(['person', 'enterprise']),
    id: z.number(),
    name: z.string().describe('masked for a person'),
    division: z.string(),
    divisionName: z.string(),
  }),
  applicationId: z.number().nullable(),
  programmeId: z.string().nullable(),
  held: z.boolean().describe('whether the application’s payment is held until the flag is decided'),
  evidence: z.array(EvidenceSchema),
  decision: z
    .object({ outcome: z.enum(['cleared', 'upheld']), note: z.string(), by: z.string(), at: z.string() })
    .nullable(),
});
export type FlagView = z.infer<typeof FlagViewSchema>;

export const FlagQuerySchema = z.strictObject({
  state: z.enum(['open', 'decided']).optional(),
  kind: FlagKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type FlagQuery = z.input<typeof FlagQuerySchema>;

export const FlagDecisionSchema = z.strictObject({
  /** cleared: nothing wrong, the payment is released; upheld: it is so, the payment stays held for the case's own process. */
  outcome: z.enum(['cleared', 'upheld']),
  note: z.string().trim().min(2).max(500),
});
export type FlagDecision = z.infer<typeof FlagDecisionSchema>;

export interface CrossCheckResult {
  raised: number;
  byKind: Record<FlagKind, number>;
}

interface NewFlag {
  kind: FlagKind;
  key: string;
  subjectType: 'person' | 'enterprise';
  subjectId: number;
  division: string;
  application: ApplicationForCrossCheck | null;
  evidence: Evidence[];
}

const TEMPORARY_LIVING_ALLOWANCE = 'temporary-living-allowance';
const JOB_RETENTION_REFUND = 'job-retention-refund';
const countyOf = (actor: Actor) => (actor.division.length >= 6 ? actor.division.slice(0, 6) : HOME_COUNTY);

const factLine = (f: FactInForce, zh: string, en: string): Evidence => ({
  source: f.sourceKind === 'department' ? 'list' : 'registry',
  ref: f.sourceRef ?? `fact:${f.name}`,
  zh: `${zh}（自 ${f.validFrom} 起${f.sourceRef ? `，来源：${f.sourceRef}` : ''}）`,
  en: `${en} (since ${f.validFrom}${f.sourceRef ? `, source: ${f.sourceRef}` : ''})`,
});
const applicationLine = (a: ApplicationForCrossCheck, toPay: boolean): Evidence => ({
  source: 'application',
  ref: `application:${a.id}`,
  zh: `申请 #${a.id}（${a.programmeId}，${a.appliedOn} 申请，${a.status === 'approved' ? '已批准，尚有未支付款项' : '在办'}）`,
  en: `Application #${a.id} (${a.programmeId}, applied ${a.appliedOn}, ${a.status === 'approved' ? (toPay ? 'approved, money still to pay' : 'approved') : 'open'})`,
});

/** Open, or approved with money still to pay: the applications a flag can still stop. */
function stoppable(apps: ApplicationForCrossCheck[], toPay: Set<number>) {
  return apps.filter((a) => a.status !== 'approved' || toPay.has(a.id));
}

/** By subject, the facts in force. */
function bySubject(facts: FactInForce[]) {
  const m = new Map<number, Map<string, FactInForce>>();
  for (const f of facts) {
    let s = m.get(f.subjectId);
    if (!s) m.set(f.subjectId, (s = new Map()));
    s.set(f.name, f);
  }
  return m;
}

/** Find every kind of conflict within a county and scope, on a day. Reads only. */
async function findConflicts(
  ctx: ExchangeContext,
  county: string,
  scope: string,
  asOf: string,
): Promise<NewFlag[]> {
  const out: NewFlag[] = [];
  const q = { county, scope, asOf };

  // 1. Registered unemployed, and on social insurance's list as an employee paying contributions.
  const persons = bySubject(
    await factsInForce(ctx.db, {
      ...q,
      subjectType: 'person',
      names: [
        'registeredUnemployed',
        'insuredEmployee',
        'unemploymentInsuranceEligible',
        'insuredMonths',
        'deceased',
      ],
    }),
  );
  for (const [id, f] of persons) {
    const reg = f.get('registeredUnemployed');
    const ins = f.get('insuredEmployee');
    if (reg?.value === true && ins?.value === true)
      out.push({
        kind: 'insured-while-unemployed',
        key: `insured-while-unemployed:p${id}:${reg.validFrom}`,
        subjectType: 'person',
        subjectId: id,
        division: reg.division,
        application: null,
        evidence: [
          factLine(reg, '登记失业', 'Registered unemployed'),
          factLine(ins, '以职工身份参保缴费', 'Paying contributions as an employee'),
        ],
      });
  }

  const personApps = await applicationsForCrossCheck(ctx.db, { county, scope, subjectType: 'person' });
  const enterpriseApps = await applicationsForCrossCheck(ctx.db, {
    county,
    scope,
    subjectType: 'enterprise',
    programmes: [JOB_RETENTION_REFUND],
  });
  const toPay = await applicationsWithMoneyToPay(
    ctx.db,
    county,
    [...personApps, ...enterpriseApps].filter((a) => a.status === 'approved').map((a) => a.id),
  );
  const live = stoppable(personApps, toPay);

  for (const a of live) {
    const f = persons.get(a.subjectId);
    // 2. The temporary living allowance while eligible for 失业保险金 (which comes first).
    if (a.programmeId === TEMPORARY_LIVING_ALLOWANCE) {
      const eligible = f?.get('unemploymentInsuranceEligible');
      const months = f?.get('insuredMonths');
      const lines: Evidence[] = [];
      if (eligible?.value === true)
        lines.push(
          factLine(eligible, '符合失业保险金领取条件', 'Eligible for unemployment-insurance benefit'),
        );
      if (typeof months?.value === 'number' && months.value >= 12)
        lines.push(
          factLine(
            months,
            `失业保险累计缴费 ${months.value} 个月（满 1 年）`,
            `${months.value} months of unemployment-insurance contributions (a year or more)`,
          ),
        );
      if (lines.length)
        out.push({
          kind: 'allowance-while-insurance-eligible',
          key: `allowance-while-insurance-eligible:a${a.id}`,
          subjectType: 'person',
          subjectId: a.subjectId,
          division: a.division,
          application: a,
          evidence: [applicationLine(a, toPay.has(a.id)), ...lines],
        });
    }
    // 3. Deceased, with an application still open or money still to pay.
    const dead = f?.get('deceased');
    if (dead?.value === true)
      out.push({
        kind: 'deceased-with-open-case',
        key: `deceased-with-open-case:a${a.id}`,
        subjectType: 'person',
        subjectId: a.subjectId,
        division: a.division,
        application: a,
        evidence: [
          factLine(dead, '死亡名单显示已死亡', 'On the list of deaths'),
          applicationLine(a, toPay.has(a.id)),
        ],
      });
  }

  // 4. One human, two records: the same name (folded), birth date and sex, applying for the same programme.
  const who = await personIdentities(
    ctx.db,
    county,
    personApps.map((a) => a.subjectId),
  );
  const groups = new Map<string, ApplicationForCrossCheck[]>();
  for (const a of personApps) {
    const p = who.get(a.subjectId);
    if (!p) continue;
    const k = `${a.programmeId}\0${nameKey(p.name)}\0${p.birthDate}\0${p.sex}`;
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  const liveIds = new Set(live.map((a) => a.id));
  for (const apps of groups.values()) {
    if (new Set(apps.map((a) => a.subjectId)).size < 2) continue;
    for (const a of apps) {
      if (!liveIds.has(a.id)) continue;
      const others = apps.filter((o) => o.subjectId !== a.subjectId);
      out.push({
        kind: 'duplicate-person',
        key: `duplicate-person:a${a.id}`,
        subjectType: 'person',
        subjectId: a.subjectId,
        division: a.division,
        application: a,
        evidence: [
          applicationLine(a, toPay.has(a.id)),
          ...others.map((o) => ({
            source: 'registry' as const,
            ref: `person:${o.subjectId}`,
            zh: `另一条人员记录 #${o.subjectId}（姓名、出生日期、性别相同）的申请 #${o.id}（${o.programmeId}，${o.appliedOn}）`,
            en: `Another person record #${o.subjectId} (same name, birth date and sex) applied: #${o.id} (${o.programmeId}, ${o.appliedOn})`,
          })),
        ],
      });
    }
  }

  // 5. The job-retention refund for an enterprise the market-entity register does not list — only once
  //    a register has been loaded (its facts say who is in it).
  const register = (
    await sql<{ id: number; as_of: string }>`
      SELECT id, as_of FROM exchange_imports
       WHERE county = ${county} AND list_kind = 'enterprise-register' AND facts_applied_at IS NOT NULL
       ORDER BY as_of DESC, id DESC LIMIT 1`.execute(ctx.db)
  ).rows[0];
  if (register) {
    const registered = bySubject(
      await factsInForce(ctx.db, { ...q, subjectType: 'enterprise', names: ['marketEntityRegistered'] }),
    );
    for (const a of stoppable(enterpriseApps, toPay)) {
      if (registered.get(a.subjectId)?.get('marketEntityRegistered')?.value === true) continue;
      out.push({
        kind: 'enterprise-not-registered',
        key: `enterprise-not-registered:a${a.id}`,
        subjectType: 'enterprise',
        subjectId: a.subjectId,
        division: a.division,
        application: a,
        evidence: [
          applicationLine(a, toPay.has(a.id)),
          {
            source: 'list',
            ref: `exchange-import:${register.id}`,
            zh: `市场主体名录（${register.as_of}，导入#${register.id}）中没有该企业`,
            en: `Not in the market-entity register (${register.as_of}, import #${register.id})`,
          },
        ],
      });
    }
  }
  return out;
}

/**
 * Run the cross-checks over the actor's jurisdiction (issue 6, item 5) and raise a flag for each new
 * conflict, with its evidence. A flag on an application holds its payment (funds module) until a
 * reviewer decides; nothing is refused or recovered here. A conflict already flagged — open or decided —
 * is not raised again.
 */
export async function runCrossChecks(ctx: ExchangeContext, actor: Actor): Promise<CrossCheckResult> {
  requirePermission(actor, 'exchange.review');
  const county = countyOf(actor);
  const asOf = ctx.today?.() ?? todayInChina();
  const found = await findConflicts(ctx, county, actor.division, asOf);
  const byKind = Object.fromEntries(Object.keys(FLAG_KINDS).map((k) => [k, 0])) as Record<FlagKind, number>;
  let raised = 0;
  await auditedTransaction(ctx.db, actor, async (trx, audit) => {
    const ids: number[] = [];
    for (const f of found) {
      const r = await sql<{ id: number }>`
        INSERT INTO exchange_flags (county, kind, dedupe_key, subject_type, subject_id, division, application_id,
               programme_id, evidence, held, raised_by_username)
        VALUES (${county}, ${f.kind}, ${f.key}, ${f.subjectType}, ${f.subjectId}, ${f.division},
                ${f.application?.id ?? null}, ${f.application?.programmeId ?? null}, ${JSON.stringify(f.evidence)},
                ${f.application !== null}, ${actor.username})
        ON CONFLICT (county, dedupe_key) DO NOTHING
        RETURNING id`.execute(trx);
      const id = r.rows[0] ? Number(r.rows[0].id) : null;
      if (id === null) continue;
      ids.push(id);
      raised++;
      byKind[f.kind]++;
      if (f.application)
        await placeHold(trx, actor, {
          county,
          applicationId: f.application.id,
          ref: `exchange-flag:${id}`,
          reason: `交叉比对疑点待核实：${FLAG_KINDS[f.kind].zh}`,
        });
    }
    audit({
      action: 'exchange.crossCheck',
      entityType: 'exchangeFlag',
      entityId: actor.division || county,
      details: { scope: actor.division, asOf, found: found.length, raised, byKind, flags: ids },
    });
  });
  return { raised, byKind };
}

interface FlagRow {
  id: number;
  county: string;
  kind: FlagKind;
  subject_type: 'person' | 'enterprise';
  subject_id: number;
  division: string;
  application_id: number | null;
  programme_id: string | null;
  evidence: Evidence[];
  state: 'open' | 'cleared' | 'upheld';
  held: boolean;
  raised_at: Date;
  decided_by_username: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

async function views(ctx: ExchangeContext, rows: FlagRow[]): Promise<FlagView[]> {
  const county = rows[0]?.county ?? HOME_COUNTY;
  const persons = await personIdentities(
    ctx.db,
    county,
    rows.filter((r) => r.subject_type === 'person').map((r) => Number(r.subject_id)),
  );
  const enterprises = await enterpriseNames(
    ctx.db,
    county,
    rows.filter((r) => r.subject_type === 'enterprise').map((r) => Number(r.subject_id)),
  );
  return rows.map((r) => {
    const id = Number(r.subject_id);
    const name =
      r.subject_type === 'person' ? maskName(persons.get(id)?.name ?? '') : (enterprises.get(id)?.name ?? '');
    return {
      id: Number(r.id),
      kind: r.kind,
      state: r.state,
      raisedAt: new Date(r.raised_at).toISOString(),
      subject: {
        type: r.subject_type,
        id,
        name,
        division: r.division,
        divisionName: divisionName(r.division) ?? r.division,
      },
      applicationId: r.application_id === null ? null : Number(r.application_id),
      programmeId: r.programme_id,
      held: r.held && r.state !== 'cleared',
      evidence: r.evidence,
      decision:
        r.state === 'open'
          ? null
          : {
              outcome: r.state,
              note: r.decision_note ?? '',
              by: r.decided_by_username ?? '',
              at: new Date(r.decided_at!).toISOString(),
            },
    };
  });
}

/** Flags within the actor's jurisdiction, open ones first (then newest first). */
export async function listFlags(
  ctx: ExchangeContext,
  actor: Actor,
  query: FlagQuery,
): Promise<{ total: number; items: FlagView[] }> {
  requirePermission(actor, 'exchange.read');
  const q = parseInput(FlagQuerySchema, query);
  const where = sql`county = ${countyOf(actor)} AND division LIKE ${actor.division + '%'}
    ${q.state === 'open' ? sql`AND state = 'open'` : q.state === 'decided' ? sql`AND state <> 'open'` : sql``}
    ${q.kind ? sql`AND kind = ${q.kind}` : sql``}`;
  const total = Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM exchange_flags WHERE ${where}`.execute(ctx.db))
      .rows[0]!.n,
  );
  const rows = await sql<FlagRow>`
    SELECT * FROM exchange_flags WHERE ${where}
     ORDER BY (state = 'open') DESC, id DESC LIMIT ${q.limit} OFFSET ${q.offset}`.execute(ctx.db);
  return { total, items: await views(ctx, rows.rows) };
}

/**
 * A reviewer's decision on a flag: `cleared` (nothing wrong — the payment hold is released) or
 * `upheld` (it is so — the payment stays held, and the case is handled by its own process: withdrawn,
 * cancelled or recovered by the people who decide those). Within the reviewer's jurisdiction; audited.
 */
export async function decideFlag(
  ctx: ExchangeContext,
  actor: Actor,
  id: number,
  input: FlagDecision,
): Promise<FlagView> {
  requirePermission(actor, 'exchange.review');
  const d = parseInput(FlagDecisionSchema, input);
  const county = countyOf(actor);
  const row = await auditedTransaction(ctx.db, actor, async (trx, audit) => {
    const cur = (
      await sql<FlagRow>`SELECT * FROM exchange_flags WHERE county = ${county} AND id = ${id} FOR UPDATE`.execute(
        trx,
      )
    ).rows[0];
    if (!cur || !covers(actor, cur.division)) throw new AppError('NOT_FOUND');
    if (cur.state !== 'open')
      throw new AppError('VALIDATION_FAILED', {
        path: 'outcome',
        zh: '该疑点已处理，不能再次处理',
        en: 'This flag has already been decided',
      });
    const updated = (
      await sql<FlagRow>`
        UPDATE exchange_flags SET state = ${d.outcome}, decided_by = ${actor.accountId},
               decided_by_username = ${actor.username}, decided_at = now(), decision_note = ${d.note}
         WHERE county = ${county} AND id = ${id}
        RETURNING *`.execute(trx)
    ).rows[0]!;
    if (d.outcome === 'cleared' && cur.held)
      await releaseHold(trx, actor, { county, ref: `exchange-flag:${id}` });
    audit({
      action: `exchange.flag.${d.outcome}`,
      entityType: 'exchangeFlag',
      entityId: id,
      details: { kind: cur.kind, applicationId: cur.application_id, note: d.note },
    });
    return updated;
  });
  return (await views(ctx, [row]))[0]!;
}

/** One flag within the actor's jurisdiction ("not found" otherwise). */
export async function getFlag(ctx: ExchangeContext, actor: Actor, id: number): Promise<FlagView> {
  requirePermission(actor, 'exchange.read');
  const row = (
    await sql<FlagRow>`SELECT * FROM exchange_flags WHERE county = ${countyOf(actor)} AND id = ${id}`.execute(
      ctx.db,
    )
  ).rows[0];
  if (!row || !covers(actor, row.division)) throw new AppError('NOT_FOUND');
  return (await views(ctx, [row]))[0]!;
}
