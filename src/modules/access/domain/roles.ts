import { z } from 'zod';

/** The roles of Jiuye (DESIGN.md, "Who uses it"). */
export const RoleSchema = z.enum([
  'citizen',
  'enterprise',
  'villageClerk',
  'townshipOfficer',
  'cityOfficer',
  'cityApprover',
  'financeOfficer',
  'civilAffairsLiaison',
  'leader',
  'policyAdmin',
  'systemAdmin',
  'auditor',
]);
export type Role = z.infer<typeof RoleSchema>;

/** The level of the division tree a staff account of each role is bound to. */
export const roleLevel: Record<Role, 'county' | 'township' | 'village' | 'any'> = {
  citizen: 'any',
  enterprise: 'any',
  villageClerk: 'village',
  townshipOfficer: 'township',
  cityOfficer: 'county',
  cityApprover: 'county',
  financeOfficer: 'county',
  civilAffairsLiaison: 'county',
  leader: 'county',
  policyAdmin: 'county',
  systemAdmin: 'county',
  auditor: 'county',
};

export const roleNames: Record<Role, { zh: string; en: string }> = {
  citizen: { zh: '群众', en: 'Citizen' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  villageClerk: { zh: '村/社区协理员', en: 'Village/community clerk' },
  townshipOfficer: { zh: '乡镇（街道）经办人员', en: 'Township/street officer' },
  cityOfficer: { zh: '市人社局经办人员', en: 'City HRSS officer' },
  cityApprover: { zh: '市人社局审批人员', en: 'City HRSS approver' },
  financeOfficer: { zh: '财政局经办人员', en: 'Finance officer' },
  civilAffairsLiaison: { zh: '民政局联络员', en: 'Civil-affairs liaison' },
  leader: { zh: '就业工作领导小组（只读）', en: 'Leader (read only)' },
  policyAdmin: { zh: '政策管理员', en: 'Policy administrator' },
  systemAdmin: { zh: '系统管理员', en: 'System administrator' },
  auditor: { zh: '审计人员', en: 'Auditor' },
};

/** What a role may do. Checked in the use cases, so the HTTP API, the CLI and jobs all obey it. */
export type Permission =
  | 'registry.read'
  | 'registry.write'
  | 'registry.reveal'
  | 'audit.read'
  | 'accounts.manage'
  | 'rules.scan'
  | 'rules.simulate'
  | 'rules.manage'
  | 'applications.apply'
  | 'applications.read'
  | 'applications.review'
  | 'funds.read'
  | 'funds.manage'
  | 'payments.manage'
  | 'payments.reveal'
  | 'spotChecks.manage'
  | 'referrals.create'
  | 'referrals.answer'
  | 'complaints.read'
  | 'complaints.answer'
  | 'monitoring.read'
  | 'exchange.import'
  | 'exchange.read'
  | 'exchange.review';

const staffReaders: Role[] = [
  'villageClerk',
  'townshipOfficer',
  'cityOfficer',
  'cityApprover',
  'financeOfficer',
  'civilAffairsLiaison',
];

export const permissions: Record<Permission, readonly Role[]> = {
  'registry.read': staffReaders,
  'registry.write': ['villageClerk', 'townshipOfficer', 'cityOfficer'],
  'registry.reveal': staffReaders,
  'audit.read': ['auditor', 'systemAdmin'],
  'accounts.manage': ['systemAdmin'],
  /** Run 政策找人 and work its list. */
  'rules.scan': ['townshipOfficer', 'cityOfficer', 'cityApprover', 'policyAdmin'],
  /** What-if runs over the whole registry (aggregates only). */
  'rules.simulate': ['cityOfficer', 'cityApprover', 'policyAdmin', 'financeOfficer'],
  /** Load, check and activate policy pack versions. */
  'rules.manage': ['policyAdmin'],
  /** Apply on someone's behalf at a desk (citizens and enterprises apply for themselves). */
  'applications.apply': ['villageClerk', 'townshipOfficer', 'cityOfficer'],
  'applications.read': [...staffReaders, 'leader', 'auditor'],
  /** Act on a review step; which step is the role's is data (the programme's procedure). */
  'applications.review': ['villageClerk', 'townshipOfficer', 'cityOfficer', 'cityApprover'],
  'funds.read': ['cityOfficer', 'cityApprover', 'financeOfficer', 'leader', 'auditor'],
  /** Set funds' yearly budgets and how an exhausted budget behaves. */
  'funds.manage': ['financeOfficer'],
  /** Make payment batches, download rosters, record what the bank returned. */
  'payments.manage': ['cityApprover', 'financeOfficer'],
  /** Full ID numbers and bank accounts in a roster. */
  'payments.reveal': ['financeOfficer'],
  /** Draw 抽查 samples after payment, record findings and 追回. */
  'spotChecks.manage': ['cityOfficer', 'cityApprover'],
  /** Refer a case to civil affairs (低保, 临时救助). */
  'referrals.create': ['villageClerk', 'townshipOfficer', 'cityOfficer'],
  'referrals.answer': ['civilAffairsLiaison'],
  /** 投诉建议: read those within the jurisdiction; answer them. */
  'complaints.read': ['cityOfficer', 'cityApprover', 'leader', 'auditor', 'townshipOfficer'],
  'complaints.answer': ['cityOfficer', 'cityApprover'],
  /** Dashboards: applications, money against budget, registered unemployed, by place (aggregates only). */
  'monitoring.read': [
    'townshipOfficer',
    'cityOfficer',
    'cityApprover',
    'financeOfficer',
    'leader',
    'auditor',
  ],
  /** Load other departments' lists (低保, 特困, 建档立卡, 残疾人, 参保, 死亡, 市场主体) and match them. */
  'exchange.import': ['cityOfficer', 'civilAffairsLiaison'],
  /** See the lists loaded and how their rows matched (persons masked). */
  'exchange.read': ['townshipOfficer', 'cityOfficer', 'cityApprover', 'civilAffairsLiaison', 'auditor'],
  /** Confirm or dismiss a candidate match within the jurisdiction. */
  'exchange.review': ['townshipOfficer', 'cityOfficer', 'civilAffairsLiaison'],
};

/** Every permission a role holds (the web app shows its menu from these; the use cases still check). */
export function permissionsOf(role: Role | 'system'): Permission[] {
  return (Object.keys(permissions) as Permission[]).filter(
    (p) => role === 'system' || permissions[p].includes(role),
  );
}

export function isStaff(role: Role): boolean {
  return role !== 'citizen' && role !== 'enterprise';
}
