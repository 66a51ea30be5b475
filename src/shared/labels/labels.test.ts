import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { RoleSchema, permissionsOf } from '../../modules/access/domain/roles.js';
import { EnterpriseCaseSchema, PersonCaseSchema } from '../../modules/rules/domain/case-vocabulary.js';
import { ReferralKindSchema, ReferralStatusSchema } from '../../modules/services/domain/referral.js';
import { ComplaintKindSchema, ComplaintStatusSchema } from '../../modules/complaints/domain/complaint.js';
import { FactSourceKindSchema, RelationSchema } from '../../modules/registry/domain/schemas.js';
import { LIST_KINDS } from '../../modules/exchange/domain/list-kinds.js';
import { ApplicationViewSchema } from '../../modules/applications/domain/view.js';
import { EDUCATION_LEVELS } from '../facts/education.js';
import { factSchemasBySubject } from '../facts/vocabulary.js';
import { catalogueWith, factList, hasLabel, LABELS, labelOf, type LabelKind } from './index.js';

/** Every dotted leaf path of a case schema (objects opened, arrays and optionals unwrapped). */
function paths(schema: z.ZodType, prefix = ''): string[] {
  const def = (
    schema as unknown as {
      def: { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> };
    }
  ).def;
  if (def.type === 'optional' || def.type === 'nullable') return paths(def.innerType!, prefix);
  if (def.type === 'array') return [prefix, ...paths(def.element!, prefix)].filter(Boolean);
  if (def.type === 'object' && def.shape) {
    const inner = Object.entries(def.shape).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k));
    return prefix ? [prefix, ...inner] : inner;
  }
  return [prefix];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** The action strings written in src: `action: 'x'` and `action: c ? 'x' : 'y'`. */
function actionLiterals(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(join(import.meta.dirname, '../..'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baction: ([^,\n}]+)/g))
      for (const s of m[1]!.replace(/[!=]==? '[^']*'/g, '').matchAll(/'([A-Za-z][\w.-]*)'/g))
        found.add(s[1]!);
  }
  return [...found];
}

function missing(kind: LabelKind, codes: readonly string[]): string[] {
  return codes.filter(
    (c) => !hasLabel(LABELS, kind, c) || labelOf(kind, c, 'en') === c || labelOf(kind, c) === c,
  );
}

describe('the label catalogue', () => {
  it('names every fact path of the rules contract and of the registry, in Chinese and English', () => {
    const all = [
      ...paths(PersonCaseSchema),
      ...paths(EnterpriseCaseSchema),
      ...Object.values(factSchemasBySubject).flatMap((s) => Object.keys(s)),
      // Added to the contract in December 2026 (the vocabulary may not carry them yet).
      'zeroEmploymentFamily',
      'deCapacityWorker',
      'ruralTransferLabour',
      'enrolledStudent',
      'incubator.recognised',
      'incubator.entities',
      'incubator.jobsCreated',
      'incubator.unemployedFoundersSupported',
      'incubator.freeSpaceYears',
      'history',
      'internship.intern.birthDate',
      'poorLabourers.0.person.registeredPoor',
    ];
    expect(all.length).toBeGreaterThan(100);
    expect(missing('fact', all)).toEqual([]);
  });

  it('names every audit action and application event written anywhere in src', () => {
    const literals = actionLiterals();
    expect(literals).toContain('person.reveal');
    const unnamed = literals.filter(
      (a) =>
        !['auditAction', 'applicationEvent', 'reviewAction'].some((k) => hasLabel(LABELS, k as LabelKind, a)),
    );
    expect(unnamed).toEqual([]);
    const dynamic = [
      ...['disable', 'enable', 'unlock'].map((a) => `account.${a}`),
      ...['cleared', 'upheld'].map((o) => `exchange.flag.${o}`),
      ...['person', 'enterprise'].map((t) => `${t}.readPayee`),
      ...Object.keys(LABELS.applicationEvent).map((e) => `application.${e}`),
    ];
    expect(missing('auditAction', dynamic)).toEqual([]);
  });

  it('names every status, role, permission and code the pages show', () => {
    expect(missing('applicationStatus', ApplicationViewSchema.shape.status.options)).toEqual([]);
    expect(missing('referralStatus', [...ReferralStatusSchema.options, 'unanswered', 'closed'])).toEqual([]);
    expect(missing('referralKind', ReferralKindSchema.options)).toEqual([]);
    expect(missing('complaintStatus', ComplaintStatusSchema.options)).toEqual([]);
    expect(missing('complaintKind', ComplaintKindSchema.options)).toEqual([]);
    expect(missing('role', RoleSchema.options)).toEqual([]);
    expect(
      missing(
        'permission',
        RoleSchema.options.flatMap((r) => permissionsOf(r)),
      ),
    ).toEqual([]);
    expect(missing('factSource', FactSourceKindSchema.options)).toEqual([]);
    expect(missing('relation', RelationSchema.options)).toEqual([]);
    expect(missing('education', EDUCATION_LEVELS)).toEqual([]);
    expect(missing('departmentList', Object.keys(LIST_KINDS))).toEqual([]);
    expect(missing('batchStatus', ['building', 'ready', 'sending', 'sent', 'done'])).toEqual([]);
    expect(missing('paymentStatus', ['claimed', 'paid', 'failed'])).toEqual([]);
    expect(missing('factSourceRef', ['persons', 'persons (from the ID number)'])).toEqual([]);
  });

  it('gives Chinese by default, English on request, and composes nested persons', () => {
    expect(labelOf('fact', 'talent.firstHomeInLingyuan')).toBe('在凌源首次购房自住');
    expect(labelOf('fact', 'talent.firstHomeInLingyuan', 'en')).toBe(
      'First home bought in Lingyuan, to live in',
    );
    expect(labelOf('fact', 'internship.intern.birthDate')).toBe('见习人员出生日期');
    expect(labelOf('fact', 'poorLabourers[2].person.birthDate', 'en')).toBe('Poor labourer: Date of birth');
    expect(labelOf('auditAction', 'application.submitted')).toBe('申请：提交申请');
    expect(factList(['birthDate', 'education'])).toBe('出生日期、最高学历');
    expect(labelOf('applicationStatus', 'no-such-code')).toBe('no-such-code');
  });

  it('takes parameter and programme names from the pack', () => {
    const c = catalogueWith(
      [{ id: 'wage.minimumMonthly', name: '当地月最低工资标准', nameEn: 'Minimum wage' }],
      [{ id: 'internship-subsidy', name: '就业见习补贴', nameEn: 'Internship subsidy' }],
    );
    expect(c.parameter['wage.minimumMonthly']).toEqual({ zh: '当地月最低工资标准', en: 'Minimum wage' });
    expect(labelOf('programme', 'internship-subsidy', 'zh-CN', c)).toBe('就业见习补贴');
  });
});
