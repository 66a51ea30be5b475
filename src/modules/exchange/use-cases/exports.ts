import crypto from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import { ageOn, CalendarDateSchema, isCalendarDate, todayFor } from '../../../shared/dates/calendar-date.js';
import { encodeGb18030 } from '../../../shared/text/gb18030.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { divisionName } from '../../divisions/index.js';
import {
  personFactsOn,
  personsForExport,
  personsWithFact,
  placeName,
  type ExportPerson,
} from '../../registry/index.js';
import {
  ReferralKindSchema,
  referralsForExport,
  registrationsOpenOn,
  type OpenRegistration,
} from '../../services/index.js';
import type { ExchangeContext } from '../exchange-context.js';

/** The lists sent to other departments (issue 6, item 6). */
export const EXPORT_KINDS = {
  referrals: { zh: '转介民政人员名单', file: '转介民政名单', to: '民政部门' },
  'registered-unemployed': { zh: '登记失业人员名单', file: '登记失业人员名单', to: '有关部门' },
  'difficulty-identified': { zh: '就业困难人员名单', file: '就业困难人员名单', to: '有关部门' },
} as const;
export type ExportKind = keyof typeof EXPORT_KINDS;
export const ExportKindSchema = z.enum(Object.keys(EXPORT_KINDS) as [ExportKind, ...ExportKind[]]);

export const ExportQuerySchema = z.strictObject({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  /** CSV only: UTF-8 with a byte-order mark (default), or GB18030 for old Excel on Chinese Windows. */
  encoding: z.enum(['utf-8', 'gb18030']).default('utf-8'),
  full: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('完整显示公民身份号码、出生日期和联系电话（须有 registry.reveal 权限并填写事由，记入审计）'),
  reason: z.string().max(200).optional().describe('事由（完整导出时必填，至少 2 个字）'),
  /** The day the list is as of (default today): who is registered / identified that day. */
  asOf: CalendarDateSchema.optional(),
  /** referrals only: status (unanswered = open or awaiting information; closed = accepted or declined). */
  status: z.enum(['open', 'needsMoreInformation', 'accepted', 'declined', 'unanswered', 'closed']).optional(),
  /** referrals only: 低保 or 临时救助. */
  referralKind: ReferralKindSchema.optional(),
  /** referrals only: referred on or after / on or before. */
  from: CalendarDateSchema.optional(),
  to: CalendarDateSchema.optional(),
});
/** What an export is asked for, as parsed (`ExportQuerySchema`); every field may be left out. */
export type ExportQuery = Partial<z.output<typeof ExportQuerySchema>>;

export interface ExportFile {
  kind: ExportKind;
  format: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'gb18030' | null;
  /** ASCII name, e.g. `registered-unemployed-211382-2026-11-30.xlsx`. */
  filename: string;
  /** Chinese name, e.g. `登记失业人员名单-2026-11-30.xlsx`. */
  filenameZh: string;
  contentType: string;
  content: Buffer;
  rows: number;
  full: boolean;
  asOf: string;
  sha256: string;
}

interface Column {
  header: string;
  width: number;
}
type Row = string[];

const PERSON_COLUMNS: Column[] = [
  { header: '序号', width: 6 },
  { header: '姓名', width: 12 },
  { header: '公民身份号码', width: 22 },
  { header: '性别', width: 6 },
  { header: '出生日期', width: 12 },
  { header: '常住地', width: 24 },
  { header: '联系电话', width: 14 },
];
const SEX = { male: '男', female: '女' } as const;
const REFERRAL_KIND = { minimumLiving: '最低生活保障（低保）', temporaryAssistance: '临时救助' } as const;
const REFERRAL_STATUS = {
  open: '待民政答复',
  needsMoreInformation: '需补充材料',
  accepted: '已受理',
  declined: '不予受理',
} as const;
const CHANNEL = { online: '网上办理', desk: '窗口办理' } as Record<string, string>;
const ANSWER = {
  accepted: '已受理',
  declined: '不予受理',
  needsMoreInformation: '需补充材料',
  informationSupplied: '已补充材料',
} as const;

/** 就业困难人员 categories of the pack (employment-difficulty-identification), as the registry's facts show them. */
const DIFFICULTY_FACTS = [
  'disabled',
  'lowIncomeFamily',
  'registeredPoor',
  'zeroEmploymentFamily',
  'contractEndedOn',
];
/** The 就业困难人员 categories a person falls in on a day, by the registry's facts (e.g. `男性满50周岁、残疾人`). */
export function difficultyCategories(
  p: Pick<ExportPerson, 'sex' | 'ageBasis'>,
  facts: Record<string, unknown>,
  on: string,
): string {
  const out: string[] = [];
  const age = ageOn(p.ageBasis, on);
  if (p.sex === 'female' && age >= 40) out.push('女性满40周岁');
  if (p.sex === 'male' && age >= 50) out.push('男性满50周岁');
  if (facts.disabled === true) out.push('残疾人');
  if (facts.lowIncomeFamily === true) out.push('低保家庭成员');
  if (facts.registeredPoor === true) out.push('建档立卡贫困劳动力');
  if (facts.zeroEmploymentFamily === true) out.push('零就业家庭成员');
  if (typeof facts.contractEndedOn === 'string' && monthsBetween(facts.contractEndedOn, on) >= 12)
    out.push('连续失业一年以上');
  return out.join('、');
}
function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

const personCells = (seq: number, p: ExportPerson): Row => [
  String(seq),
  p.name,
  p.idNumber,
  SEX[p.sex],
  p.birthDate,
  p.residenceName,
  p.phone,
];

function refuseFilters(kind: ExportKind, q: z.output<typeof ExportQuerySchema>): void {
  if (kind === 'referrals') return;
  for (const f of ['status', 'referralKind', 'from', 'to'] as const)
    if (q[f] !== undefined)
      throw new AppError('VALIDATION_FAILED', {
        path: f,
        zh: '该筛选条件只适用于转介民政名单',
        en: `${f} applies to the referrals export only`,
      });
}

/**
 * A list for another department (转介民政 referrals, the registered unemployed, the 就业困难人员) as
 * .xlsx or CSV, only of persons within the actor's jurisdiction. ID numbers, birth dates and phones are
 * masked unless the actor holds `registry.reveal`, asks for them in full and gives a reason. The file is
 * built whole, then the export is audited with its filters, row count, masking, reason and SHA-256.
 */
export async function exportList(
  ctx: ExchangeContext,
  actor: Actor,
  kind: ExportKind,
  query: ExportQuery = {},
): Promise<ExportFile> {
  requirePermission(actor, 'exchange.read');
  requirePermission(actor, 'registry.read');
  const q: z.output<typeof ExportQuerySchema> = {
    ...query,
    format: query.format ?? 'xlsx',
    encoding: query.encoding ?? 'utf-8',
    full: query.full === true,
  };
  for (const f of ['asOf', 'from', 'to'] as const)
    if (q[f] !== undefined && !isCalendarDate(q[f])) throw new AppError('INVALID_DATE', { path: f });
  if (!(kind in EXPORT_KINDS)) throw new AppError('VALIDATION_FAILED', { path: 'kind' });
  refuseFilters(kind, q);
  if (q.from && q.to && q.from > q.to)
    throw new AppError('INVALID_PERIOD', { path: 'to', zh: '截止日期不能早于起始日期' });
  const full = q.full;
  const reason = q.reason?.trim() ?? '';
  if (full) {
    requirePermission(actor, 'registry.reveal');
    if (reason.length < 2) throw new AppError('REASON_REQUIRED', { path: 'reason' });
  }
  const asOf = q.asOf ?? todayFor(ctx);
  const { columns, rows } = await buildRows(ctx, actor, kind, q, asOf, full);

  const meta = EXPORT_KINDS[kind];
  const scopeName = actor.division ? (placeName(actor.division) ?? actor.division) : '全市';
  const title = `${meta.zh}（${scopeName}，截至 ${asOf}，${full ? '完整信息' : '已脱敏'}，导出人 ${actor.username}）`;
  let content: Buffer;
  if (q.format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Jiuye 凌源市公共就业服务信息系统';
    wb.created = new Date(0);
    wb.modified = new Date(0);
    const ws = wb.addWorksheet(meta.zh, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = columns.map((c) => ({ width: c.width }));
    ws.addRow([title]);
    ws.mergeCells(1, 1, 1, columns.length);
    ws.getRow(1).font = { bold: true, size: 13 };
    const header = ws.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    // Every cell is text: an ID number must not become a floating-point number in Excel.
    for (let c = 1; c <= columns.length; c++) ws.getColumn(c).numFmt = '@';
    for (const r of rows) ws.addRow(r);
    content = Buffer.from(await wb.xlsx.writeBuffer());
  } else {
    const text = stringify([columns.map((c) => c.header), ...rows], { record_delimiter: 'windows' });
    content =
      q.encoding === 'gb18030'
        ? encodeGb18030(text)
        : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  }
  const sha256 = crypto.createHash('sha256').update(content).digest('hex');
  const filters: Record<string, string> = {};
  for (const f of ['status', 'referralKind', 'from', 'to'] as const) if (q[f]) filters[f] = q[f];
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'exchange.export',
      entityType: 'exchangeExport',
      entityId: kind,
      details: {
        kind,
        format: q.format,
        ...(q.format === 'csv' ? { encoding: q.encoding } : {}),
        asOf,
        scope: actor.division,
        filters,
        rows: rows.length,
        full,
        ...(full ? { reason } : {}),
        sha256,
      },
    }),
  );
  const scope = actor.division || 'all';
  return {
    kind,
    format: q.format,
    encoding: q.format === 'csv' ? q.encoding : null,
    filename: `${kind}-${scope}-${asOf}.${q.format}`,
    filenameZh: `${meta.file}-${asOf}.${q.format}`,
    contentType:
      q.format === 'xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : `text/csv; charset=${q.encoding === 'gb18030' ? 'gb18030' : 'utf-8'}`,
    content,
    rows: rows.length,
    full,
    asOf,
    sha256,
  };
}

async function buildRows(
  ctx: ExchangeContext,
  actor: Actor,
  kind: ExportKind,
  q: z.output<typeof ExportQuerySchema>,
  asOf: string,
  full: boolean,
): Promise<{ columns: Column[]; rows: Row[] }> {
  const rows: Row[] = [];
  if (kind === 'referrals') {
    const referrals = await referralsForExport(ctx, actor, {
      status: q.status,
      kind: q.referralKind,
      from: q.from,
      to: q.to,
      today: asOf,
    });
    const persons = await personsForExport(
      ctx,
      actor,
      referrals.map((r) => r.personId),
      { full },
    );
    for (const r of referrals) {
      const p = persons.get(r.personId);
      if (!p) continue;
      const last = r.history.at(-1);
      rows.push([
        ...personCells(rows.length + 1, p),
        String(r.id),
        REFERRAL_KIND[r.kind],
        r.referredOn,
        r.reason,
        `${divisionName(r.referredBy.division) ?? r.referredBy.division} ${r.referredBy.username}`,
        REFERRAL_STATUS[r.status],
        r.dueOn ?? '',
        r.overdue ? '是' : '否',
        last ? `${last.on} ${ANSWER[last.kind]}${last.note ? `：${last.note}` : ''}` : '',
        r.closedOn ?? '',
      ]);
    }
    return {
      columns: [
        ...PERSON_COLUMNS,
        { header: '转介编号', width: 10 },
        { header: '转介类别', width: 20 },
        { header: '转介日期', width: 12 },
        { header: '转介理由', width: 36 },
        { header: '转介单位及经办人', width: 26 },
        { header: '办理状态', width: 12 },
        { header: '答复期限', width: 12 },
        { header: '是否逾期', width: 8 },
        { header: '最近答复', width: 30 },
        { header: '办结日期', width: 12 },
      ],
      rows,
    };
  }
  if (kind === 'registered-unemployed') {
    const regs = await registrationsOpenOn(ctx, actor, asOf);
    const persons = await personsForExport(
      ctx,
      actor,
      regs.map((r) => r.personId),
      { full },
    );
    for (const r of regs) {
      const p = persons.get(r.personId);
      if (!p) continue;
      rows.push([
        ...personCells(rows.length + 1, p),
        r.certificateNumber,
        r.registeredOn,
        placeName(r.division),
        CHANNEL[r.channel] ?? r.channel,
      ]);
    }
    return {
      columns: [
        ...PERSON_COLUMNS,
        { header: '就业创业证编号', width: 20 },
        { header: '失业登记日期', width: 14 },
        { header: '登记地', width: 24 },
        { header: '登记方式', width: 10 },
      ],
      rows,
    };
  }
  // difficulty-identified: the registry's employmentDifficulty fact in force on the day.
  const identified = await personsWithFact(ctx, actor, { fact: 'employmentDifficulty', asOf });
  const ids = identified.map((i) => i.personId);
  const persons = await personsForExport(ctx, actor, ids, { full });
  const facts = await personFactsOn(ctx, actor, ids, asOf, DIFFICULTY_FACTS);
  const regs = new Map<number, OpenRegistration>();
  for (const r of await registrationsOpenOn(ctx, actor, asOf)) regs.set(r.personId, r);
  for (const i of identified) {
    const p = persons.get(i.personId);
    if (!p) continue;
    const reg = regs.get(i.personId);
    rows.push([
      ...personCells(rows.length + 1, p),
      i.validFrom,
      difficultyCategories(p, facts.get(i.personId) ?? {}, i.validFrom),
      i.sourceRef ?? '',
      reg?.certificateNumber ?? '',
      reg?.registeredOn ?? '',
    ]);
  }
  return {
    columns: [
      ...PERSON_COLUMNS,
      { header: '认定日期', width: 12 },
      { header: '认定类别（据登记信息）', width: 30 },
      { header: '认定依据', width: 26 },
      { header: '就业创业证编号', width: 20 },
      { header: '失业登记日期', width: 14 },
    ],
    rows,
  };
}
