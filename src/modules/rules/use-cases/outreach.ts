import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { todayInChina } from '../../../shared/dates/calendar-date.js';
import { auditedTransaction, can, covers, requirePermission, type Actor } from '../../access/index.js';
import { divisionName } from '../../divisions/index.js';
import { notifyMany, type NotificationInput } from '../../notifications/index.js';
import { personsByIds, type RegistryContext } from '../../registry/index.js';
import type { RulesService } from '../rules-service.js';
import { outreachRepository } from '../infra/outreach.repository.js';
import { runStatus } from './findings.js';

/** What the 政策找人 use cases need: the database, the registry's cipher, the rules in force. */
export interface OutreachContext extends RegistryContext {
  rules: RulesService;
}

export const OutreachQuerySchema = z.strictObject({
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  programme: z.string().max(60).optional(),
  status: z.enum(['open', 'notified', 'dismissed', 'applied']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export type OutreachQuery = z.infer<typeof OutreachQuerySchema>;

const DivisionSchema = z.object({ code: z.string(), name: z.string().nullable() });

export const OutreachItemSchema = z.object({
  subjectType: z.enum(['person', 'enterprise']),
  subjectId: z.number(),
  programme: z.string(),
  programmeName: z.string(),
  name: z.string().nullable().describe('the person as staff see them (null without registry.read)'),
  township: DivisionSchema,
  division: DivisionSchema,
  amount: z.number(),
  asOf: z.string(),
  status: z.string(),
  firstFoundAt: z.string(),
  notifiedAt: z.string().nullable(),
  notifiedBy: z.string().nullable(),
});
export type OutreachItem = z.infer<typeof OutreachItemSchema>;

const KeySchema = z.strictObject({
  subjectType: z.enum(['person', 'enterprise']),
  subjectId: z.number().int().positive(),
  programme: z.string().min(1).max(60),
});
export const NotifyFindingsSchema = z.strictObject({
  findings: z.array(KeySchema).min(1).max(200),
});
export type NotifyFindings = z.infer<typeof NotifyFindingsSchema>;

export const NotifyResultSchema = z.object({
  notified: z.array(OutreachItemSchema),
  alreadyNotified: z
    .array(OutreachItemSchema)
    .describe('notified before (or worked otherwise): nothing sent'),
});

export const LatestScanSchema = z.object({
  runId: z.number(),
  scope: z.string(),
  date: z.string(),
  pack: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  subjects: z.number(),
  findings: z.number(),
  startedBy: z.string(),
});

type Row = Awaited<ReturnType<typeof outreachRepository.list>>[number];

function programmeOf(ctx: OutreachContext, id: string): { name: string; nameEn: string } {
  const p = ctx.rules.engineFor(todayInChina()).pack.programmeById.get(id)?.source;
  return { name: p?.name ?? id, nameEn: p?.nameEn ?? id };
}

async function present(ctx: OutreachContext, actor: Actor, rows: readonly Row[]): Promise<OutreachItem[]> {
  const persons = can(actor, 'registry.read')
    ? await personsByIds(
        ctx,
        actor,
        rows.filter((r) => r.subject_type === 'person').map((r) => Number(r.subject_id)),
      )
    : new Map();
  const names = new Map<string, string>();
  return rows.map((r) => {
    let programmeName = names.get(r.programme);
    if (!programmeName) names.set(r.programme, (programmeName = programmeOf(ctx, r.programme).name));
    return {
      subjectType: r.subject_type as 'person' | 'enterprise',
      subjectId: Number(r.subject_id),
      programme: r.programme,
      programmeName,
      name: r.subject_type === 'person' ? (persons.get(Number(r.subject_id))?.name ?? null) : null,
      township: { code: r.township, name: divisionName(r.township) },
      division: { code: r.division, name: divisionName(r.division) },
      amount: Number(r.amount),
      asOf: r.as_of,
      status: r.status,
      firstFoundAt: r.first_found_at.toISOString(),
      notifiedAt: r.notified_at?.toISOString() ?? null,
      notifiedBy: r.notified_by,
    };
  });
}

/** 政策找人 list within the actor's jurisdiction: who may qualify, by programme and place, and who was told. */
export async function listOutreach(ctx: OutreachContext, actor: Actor, q: OutreachQuery) {
  requirePermission(actor, 'rules.scan');
  if (q.township && !covers(actor, q.township))
    throw new AppError('DIVISION_OUT_OF_SCOPE', { path: 'township' });
  const rows = await outreachRepository.list(ctx.db, {
    scope: actor.division,
    township: q.township,
    programme: q.programme,
    status: q.status,
    limit: q.limit ?? 100,
    offset: q.offset ?? 0,
  });
  return present(ctx, actor, rows);
}

/**
 * Tell people on the list that they may qualify, through the notifications module (in-app, and SMS when
 * a gateway is set): one message per finding, marked notified with who and when, audited, in one
 * transaction. Only findings within the actor's jurisdiction (others are "not found", and nothing is
 * sent); a finding already notified is left as it is and reported, so notifying twice sends nothing.
 */
export async function notifyFindings(ctx: OutreachContext, actor: Actor, input: NotifyFindings) {
  requirePermission(actor, 'rules.scan');
  const keyOf = (k: { subjectType: string; subjectId: number; programme: string }) =>
    `${k.subjectType}:${k.subjectId}:${k.programme}`;
  const wanted = new Map(input.findings.map((k) => [keyOf(k), k]));
  const { notified, already } = await auditedTransaction(ctx.db, actor, async (trx, audit) => {
    const rows = await outreachRepository.findForUpdate(trx, actor.division, [...wanted.values()]);
    const found = new Map(
      rows.map((r) => [
        keyOf({ subjectType: r.subject_type, subjectId: Number(r.subject_id), programme: r.programme }),
        r,
      ]),
    );
    const missing = [...wanted.keys()].filter((k) => !found.has(k));
    if (missing.length)
      throw new AppError('NOT_FOUND', {
        path: 'findings',
        zh: `名单中找不到 ${missing.length} 条记录（可能已不在名单上，或不在您的管辖范围内），未发送任何通知`,
        en: `${missing.length} finding(s) not found within your jurisdiction; nothing was sent`,
      });
    const notified: Row[] = [];
    const already: Row[] = [];
    const messages: NotificationInput[] = [];
    for (const r of found.values()) {
      const marked =
        r.status === 'open' ? await outreachRepository.markNotified(trx, r, actor.username) : undefined;
      if (!marked) {
        already.push(r);
        continue;
      }
      notified.push({
        ...r,
        status: 'notified',
        notified_at: marked.notified_at,
        notified_by: actor.username,
      });
      const { name, nameEn } = programmeOf(ctx, r.programme);
      const subjectId = Number(r.subject_id);
      messages.push({
        recipients: [{ kind: r.subject_type as 'person' | 'enterprise', county: r.county, id: subjectId }],
        topic: 'outreach.mayQualify',
        subject: { type: 'outreach', id: subjectId },
        zh: `政策找人：根据登记信息，您可能符合「${name}」的条件。可登录本系统或到常住地乡镇（街道）劳动保障服务机构咨询申请。`,
        en: `You may qualify for "${nameEn}" according to the registry. Apply online or ask at your township's labour service office.`,
      });
      audit({
        action: 'finding.notify',
        entityType: r.subject_type,
        entityId: subjectId,
        details: { programme: r.programme, township: r.township },
      });
    }
    await notifyMany(trx, messages);
    return { notified, already };
  });
  return {
    notified: await present(ctx, actor, notified),
    alreadyNotified: await present(ctx, actor, already),
  };
}

/** The latest 政策找人 scan run within the actor's jurisdiction (none yet: null). */
export async function latestScan(ctx: OutreachContext, actor: Actor) {
  requirePermission(actor, 'rules.scan');
  const r = await outreachRepository.latestRun(ctx.db, actor.division);
  if (!r) return null;
  return {
    runId: Number(r.id),
    scope: r.scope,
    date: r.as_of,
    pack: r.pack,
    status: runStatus(r),
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    subjects: r.subjects,
    findings: r.findings,
    startedBy: r.started_by,
  };
}
