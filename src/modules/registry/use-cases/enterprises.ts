import { AppError } from '../../../platform/errors/index.js';
import { covers, recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { requireLocalDivision, requireUscc } from '../domain/checks.js';
import { normalizeBankAccount, normalizePhone } from '../domain/contact.js';
import { mapEnterprise, type EnterpriseView } from '../domain/enterprise-view.js';
import { isIndustryCode } from '../domain/industry.js';
import type { EnterpriseSearch, RegisterEnterprise } from '../domain/schemas.js';
import { enterpriseRepository } from '../infra/enterprise.repository.js';
import type { RegistryContext } from '../registry-context.js';
import { loadVisibleEnterprise } from './load-subject.js';

/** Register an enterprise (市场主体) by its unified social credit code (GB 32100). */
export async function registerEnterprise(
  ctx: RegistryContext,
  actor: Actor,
  input: RegisterEnterprise,
): Promise<EnterpriseView> {
  requirePermission(actor, 'registry.write');
  const uscc = requireUscc(input.uscc, 'uscc');
  requireLocalDivision(actor, input.division, 'division');
  if (input.industry !== undefined && !isIndustryCode(input.industry)) {
    throw new AppError('VALIDATION_FAILED', {
      path: 'industry',
      zh: '行业代码不符合 GB/T 4754-2017（如 C1310）',
      en: 'Industry code is not a GB/T 4754-2017 code (e.g. C1310)',
    });
  }
  const phone = input.contactPhone ? normalizePhone(input.contactPhone, 'contactPhone') : null;
  const acct = input.bankAccount ? normalizeBankAccount(input.bankAccount, 'bankAccount') : null;
  const { cipher } = ctx;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await enterpriseRepository.insert(trx, {
      county: input.division.slice(0, 6),
      name: input.name,
      uscc,
      size: input.size ?? null,
      industry: input.industry ?? null,
      division: input.division,
      township: input.division.slice(0, 9),
      legal_representative: input.legalRepresentative ?? null,
      contact_name: input.contactName ?? null,
      contact_phone_hash: phone ? cipher.hash('phone', phone) : null,
      contact_phone_enc: phone ? cipher.encrypt(phone) : null,
      bank_name: input.bankName ?? null,
      bank_account_enc: acct ? cipher.encrypt(acct) : null,
    });
    if (!row) throw new AppError('ENTERPRISE_EXISTS', { path: 'uscc' });
    await recordAudit(trx, actor, {
      action: 'enterprise.create',
      entityType: 'enterprise',
      entityId: row.id,
      details: { uscc, division: row.division },
    });
    return mapEnterprise(cipher, row);
  });
}

export async function getEnterprise(ctx: RegistryContext, actor: Actor, id: number): Promise<EnterpriseView> {
  return mapEnterprise(ctx.cipher, await loadVisibleEnterprise(ctx.db, actor, id));
}

/** Find enterprises within the actor's jurisdiction by credit code, or by name prefix within a division. */
export async function searchEnterprises(
  ctx: RegistryContext,
  actor: Actor,
  q: EnterpriseSearch,
): Promise<EnterpriseView[]> {
  requirePermission(actor, 'registry.read');
  const scope = q.division ?? actor.division;
  if (!covers(actor, scope)) return [];
  let rows;
  if (q.uscc) {
    const row = await enterpriseRepository.findByUscc(ctx.db, requireUscc(q.uscc, 'uscc'), scope);
    rows = row ? [row] : [];
  } else if (q.name && scope.length >= 6) {
    rows = await enterpriseRepository.searchByName(ctx.db, q.name, scope, q.limit ?? 50);
  } else {
    throw new AppError('SEARCH_CRITERIA_REQUIRED', { zh: '请提供统一社会信用代码，或企业名称及行政区划' });
  }
  return rows.map((r) => mapEnterprise(ctx.cipher, r));
}
