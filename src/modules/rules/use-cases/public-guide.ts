import { z } from 'zod';
import { AppError } from '../../../platform/errors/index.js';
import type { RulesEngine } from '../domain/engine.js';
import { splitId } from '../domain/parameters.js';
import type { ProgrammeSource } from '../domain/pack-schema.js';

/**
 * The public face of the policy pack (五(四)): the policy list, each programme's service guide and the
 * list of what must be done on site — read from the pack in force, never written a second time.
 */
const TO_BE_SET = { zh: '待定', en: 'to be set' };

export const ProgrammeSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  audience: z.enum(['person', 'enterprise', 'both']),
  shownTo: z.array(z.enum(['person', 'enterprise'])).describe('政策清单中展示给哪类对象'),
  keywords: z.array(z.string()).describe('检索词'),
  conditions: z.array(z.string()),
  kind: z.enum(['subsidy', 'loan', 'calculator', 'service']),
  summary: z.string(),
  fund: z.string().nullable(),
  legalBasis: z.object({ document: z.string(), clause: z.string().nullable() }),
  onSite: z.boolean().describe('须到现场办理'),
  timeLimit: z.string(),
  applyOnline: z.boolean().describe('可网上申请'),
});
export type ProgrammeSummary = z.infer<typeof ProgrammeSummarySchema>;

export const PolicyListSchema = z.object({
  pack: z.string(),
  date: z.string(),
  person: z.array(ProgrammeSummarySchema).describe('个人'),
  enterprise: z.array(ProgrammeSummarySchema).describe('企业'),
});

export const GuideViewSchema = ProgrammeSummarySchema.extend({
  pack: z.string(),
  legalBasis: z.object({
    document: z.string(),
    clause: z.string().nullable(),
    text: z.string().nullable().describe('文件原文'),
  }),
  conditions: z.array(z.string()),
  materials: z.array(z.string()),
  procedure: z.array(z.string()),
  onSiteReason: z.string().nullable(),
  office: z.string(),
  phone: z.string().describe('咨询电话（文件未载明的显示“待定”）'),
  complaintLine: z.string().describe('投诉电话（文件未载明的显示“待定”）'),
  departments: z.array(z.string()),
  frequency: z.string().nullable(),
  decisions: z.array(z.string()).describe('文件未明确、由本系统按政策解读确定的事项'),
  components: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .describe('金额构成（决定中 components[].id 的名称，各版本合并，新版本的名称优先）'),
  steps: z.array(
    z.object({ name: z.string(), nameEn: z.string(), workingDays: z.number(), notice: z.boolean() }),
  ),
  standards: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        unit: z.string().nullable(),
        value: z.unknown(),
        from: z.string().nullable(),
        toBeSet: z.boolean(),
        assumed: z.boolean().describe('暂按假定值，待有关部门确认'),
        source: z.string(),
      }),
    )
    .describe('标准（所用参数的现行值及来源）'),
});
export type GuideView = z.infer<typeof GuideViewSchema>;

export const OnSiteItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  reason: z.string().nullable(),
  office: z.string(),
});

function summary(engine: RulesEngine, p: ProgrammeSource): ProgrammeSummary {
  return {
    id: p.id,
    name: p.name,
    nameEn: p.nameEn,
    audience: p.audience,
    shownTo: p.guide.shownTo ?? (p.audience === 'both' ? ['person', 'enterprise'] : [p.audience]),
    keywords: p.guide.keywords,
    conditions: p.guide.conditions,
    kind: p.kind,
    summary: p.guide.summary,
    fund: p.fund,
    legalBasis: { document: p.legalBasis.document, clause: p.legalBasis.clause ?? null },
    onSite: p.guide.onSite,
    timeLimit: p.guide.timeLimit,
    applyOnline: engine.processOf(p.id) !== undefined && !p.guide.onSite,
  };
}

/** 政策清单: every programme of the pack in force, by whom it is shown to (a programme for both is in both). */
export function policyList(engine: RulesEngine, date: string) {
  const all = engine.pack.programmes.map((p) => summary(engine, p.source));
  return {
    pack: engine.label,
    date,
    person: all.filter((p) => p.shownTo.includes('person')),
    enterprise: all.filter((p) => p.shownTo.includes('enterprise')),
  };
}

/** The parameters a programme's rules use, by the names its expressions give them. */
function parametersOf(engine: RulesEngine, p: ProgrammeSource): string[] {
  const text = JSON.stringify(p.versions);
  return engine.pack.parameters
    .filter((param) => {
      const [ns, name] = splitId(param.id);
      return text.includes(`params.${ns}.${name}`);
    })
    .map((param) => param.id);
}

/** The names of the amount's components across the programme's versions (the newest name wins). */
function componentsOf(p: ProgrammeSource): { id: string; name: string }[] {
  const names = new Map<string, string>();
  const oldestFirst = [...p.versions].sort((a, b) => String(a.from).localeCompare(String(b.from)));
  for (const v of oldestFirst) for (const c of v.components) names.set(c.id, c.name);
  return [...names].map(([id, name]) => ({ id, name }));
}

/** 办事指南 of one programme, with the standards (its parameters' values in force and their sources). */
export function serviceGuide(engine: RulesEngine, id: string, date: string): GuideView {
  const p = engine.pack.programmeById.get(id)?.source;
  if (!p) throw new AppError('NOT_FOUND', { path: 'id', zh: `没有这个政策项目：${id.slice(0, 80)}` });
  const steps = engine.processOf(id)?.steps ?? [];
  return {
    ...summary(engine, p),
    pack: engine.label,
    legalBasis: {
      document: p.legalBasis.document,
      clause: p.legalBasis.clause ?? null,
      text: p.legalBasis.text ?? null,
    },
    conditions: p.guide.conditions,
    materials: p.guide.materials,
    procedure: p.guide.procedure,
    onSiteReason: p.guide.onSiteReason ?? null,
    office: p.guide.office,
    phone: p.guide.phone ?? TO_BE_SET.zh,
    complaintLine: p.guide.complaintLine ?? TO_BE_SET.zh,
    departments: p.departments,
    frequency: p.frequency ?? null,
    decisions: p.guide.decisions,
    components: componentsOf(p),
    steps: steps.map((s) => ({
      name: s.name,
      nameEn: s.nameEn,
      workingDays: s.workingDays,
      notice: s.kind === 'notice',
    })),
    standards: parametersOf(engine, p).map((pid) => {
      const param = engine.pack.parameterById.get(pid)!;
      const current = [...param.values].reverse().find((v) => v.from <= date);
      const ref = current?.reference;
      return {
        id: pid,
        name: param.name,
        unit: param.unit ?? null,
        value: current ? current.value : null,
        from: current?.from ?? null,
        toBeSet: param.toBeSet,
        assumed: ref?.assumed ?? false,
        source: ref ? [ref.document, ref.clause].filter(Boolean).join(' ') : '',
      };
    }),
  };
}

/** 必须到现场办理事项目录: the programmes whose guide says they are done on site, and why. */
export function onSiteItems(engine: RulesEngine) {
  return engine.pack.programmes
    .map((p) => p.source)
    .filter((p) => p.guide.onSite)
    .map((p) => ({
      id: p.id,
      name: p.name,
      nameEn: p.nameEn,
      reason: p.guide.onSiteReason ?? null,
      office: p.guide.office,
    }));
}
