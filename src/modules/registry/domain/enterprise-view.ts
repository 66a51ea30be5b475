import { maskBankAccount, maskPhone, type PersonalDataCipher } from '../../../platform/crypto/index.js';
import type { EnterpriseRow } from '../infra/enterprise.repository.js';
import { z } from 'zod';
import { DivisionRefSchema, ref } from './views.js';

export const EnterpriseViewSchema = z.object({
  id: z.number(),
  county: z.string(),
  name: z.string(),
  uscc: z.string(),
  size: z.string().nullable(),
  industry: z.string().nullable(),
  division: DivisionRefSchema,
  township: DivisionRefSchema,
  legalRepresentative: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable().describe('masked'),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable().describe('masked'),
  version: z.number(),
  createdAt: z.string(),
});
export type EnterpriseView = z.infer<typeof EnterpriseViewSchema>;

/** An enterprise; its credit code is public, its contact phone and bank account are masked. */
export function mapEnterprise(cipher: PersonalDataCipher, r: EnterpriseRow): EnterpriseView {
  return {
    id: r.id,
    county: r.county,
    name: r.name,
    uscc: r.uscc,
    size: r.size,
    industry: r.industry,
    division: ref(r.division),
    township: ref(r.township),
    legalRepresentative: r.legal_representative,
    contactName: r.contact_name,
    contactPhone: r.contact_phone_enc ? maskPhone(cipher.decrypt(r.contact_phone_enc)) : null,
    bankName: r.bank_name,
    bankAccount: r.bank_account_enc ? maskBankAccount(cipher.decrypt(r.bank_account_enc)) : null,
    version: r.row_version,
    createdAt: r.created_at.toISOString(),
  };
}
