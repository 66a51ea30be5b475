import { AppError } from '../../../platform/errors/index.js';
import { todayInChina } from '../../../shared/dates/calendar-date.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { normalizeBankAccount, normalizePhone } from '../domain/contact.js';
import { requireHukouDivision, requireIdNumber, requireLocalDivision } from '../domain/checks.js';
import type { RegisterPerson } from '../domain/schemas.js';
import { mapPerson, type PersonView } from '../domain/views.js';
import { insertFactRows } from '../infra/fact.repository.js';
import { decryptPerson, personRepository } from '../infra/person.repository.js';
import type { RegistryContext } from '../registry-context.js';

/**
 * Register a person in the real-name registry (at a desk, or by import). The ID number is checked
 * (GB 11643), birth date and sex are derived from it, and it is stored only encrypted.
 */
export async function registerPerson(
  ctx: RegistryContext,
  actor: Actor,
  input: RegisterPerson,
): Promise<PersonView> {
  requirePermission(actor, 'registry.write');
  const id = requireIdNumber(input.idNumber, 'idNumber');
  requireLocalDivision(actor, input.residenceDivision, 'residenceDivision');
  if (input.hukouDivision) requireHukouDivision(input.hukouDivision, 'hukouDivision');
  const phone = input.phone ? normalizePhone(input.phone, 'phone') : null;
  const bankAccount = input.bankAccount ? normalizeBankAccount(input.bankAccount, 'bankAccount') : null;
  const { cipher } = ctx;
  const county = input.residenceDivision.slice(0, 6);
  const factsFrom = input.factsFrom ?? todayInChina();

  return ctx.db.transaction().execute(async (trx) => {
    const row = await personRepository.insert(trx, {
      county,
      name: input.name,
      id_kind: id.kind,
      id_number_hash: cipher.hash('idNumber', id.normalized),
      id_number_enc: cipher.encrypt(id.normalized),
      birth_date: id.birthDate,
      sex: id.sex,
      phone_hash: phone ? cipher.hash('phone', phone) : null,
      phone_enc: phone ? cipher.encrypt(phone) : null,
      bank_name: input.bankName ?? null,
      bank_account_enc: bankAccount ? cipher.encrypt(bankAccount) : null,
      residence_division: input.residenceDivision,
      township: input.residenceDivision.slice(0, 9),
      hukou_division: input.hukouDivision ?? null,
    });
    if (!row) throw new AppError('PERSON_EXISTS', { path: 'idNumber' });
    const initial: [string, unknown][] = [];
    if (input.education !== undefined) initial.push(['education', input.education]);
    if (input.disabled !== undefined) initial.push(['disabled', input.disabled]);
    await insertFactRows(
      trx,
      initial.map(([name, value]) => ({
        county,
        subject_type: 'person',
        subject_id: row.id,
        name,
        value: JSON.stringify(value),
        valid_from: factsFrom,
        valid_to: null,
        source_kind: actor.role === 'system' ? 'system' : 'staff',
        source_ref: null,
        recorded_by: actor.accountId,
        superseded_at: null,
      })),
    );
    await recordAudit(trx, actor, {
      action: 'person.create',
      entityType: 'person',
      entityId: row.id,
      details: { residenceDivision: row.residence_division, facts: initial.map(([n]) => n) },
    });
    return mapPerson(decryptPerson(cipher, row));
  });
}
