import { AppError } from '../../../platform/errors/index.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { normalizeBankAccount, normalizePhone } from '../domain/contact.js';
import { requireHukouDivision, requireLocalDivision } from '../domain/checks.js';
import type { UpdatePerson } from '../domain/schemas.js';
import { mapPerson, type PersonView } from '../domain/views.js';
import { decryptPerson, personRepository, type PersonRow } from '../infra/person.repository.js';
import type { RegistryContext } from '../registry-context.js';
import { loadVisiblePerson } from './get-person.js';

/** Change a person's contact, residence or bank details; `version` guards against lost updates. */
export async function updatePerson(
  ctx: RegistryContext,
  actor: Actor,
  id: number,
  input: UpdatePerson,
): Promise<PersonView> {
  requirePermission(actor, 'registry.write');
  const { cipher } = ctx;
  const set: Partial<PersonRow> = {};
  const changed: string[] = [];
  if (input.name !== undefined) {
    set.name = input.name;
    changed.push('name');
  }
  if (input.phone !== undefined) {
    const phone = input.phone === null ? null : normalizePhone(input.phone, 'phone');
    set.phone_enc = phone ? cipher.encrypt(phone) : null;
    set.phone_hash = phone ? cipher.hash('phone', phone) : null;
    changed.push('phone');
  }
  if (input.bankAccount !== undefined) {
    const acct = input.bankAccount === null ? null : normalizeBankAccount(input.bankAccount, 'bankAccount');
    set.bank_account_enc = acct ? cipher.encrypt(acct) : null;
    changed.push('bankAccount');
  }
  if (input.bankName !== undefined) {
    set.bank_name = input.bankName;
    changed.push('bankName');
  }
  if (input.hukouDivision !== undefined) {
    if (input.hukouDivision) requireHukouDivision(input.hukouDivision, 'hukouDivision');
    set.hukou_division = input.hukouDivision;
    changed.push('hukouDivision');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const current = await loadVisiblePerson(trx, actor, id, true);
    if (input.residenceDivision !== undefined && input.residenceDivision !== current.residence_division) {
      requireLocalDivision(actor, input.residenceDivision, 'residenceDivision');
      if (input.residenceDivision.slice(0, 6) !== current.county) {
        throw new AppError('VALIDATION_FAILED', {
          path: 'residenceDivision',
          zh: '迁往其他县（市）的人员须由迁入地重新登记',
          en: 'A move to another county is registered there',
        });
      }
      set.residence_division = input.residenceDivision;
      set.township = input.residenceDivision.slice(0, 9);
      changed.push('residenceDivision');
    }
    const row = await personRepository.update(trx, current.county, id, input.version, set);
    if (!row) throw new AppError('CONFLICT', { path: 'version' });
    await recordAudit(trx, actor, {
      action: 'person.update',
      entityType: 'person',
      entityId: id,
      details: {
        fields: changed,
        ...(set.residence_division ? { from: current.residence_division, to: set.residence_division } : {}),
      },
    });
    return mapPerson(decryptPerson(cipher, row));
  });
}
