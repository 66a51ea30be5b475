import { z } from 'zod';
import { maskBankAccount, maskPhone } from '../../../platform/crypto/index.js';
import { ageOn, todayInChina } from '../../../shared/dates/calendar-date.js';
import { maskIdNumber } from '../../../shared/identity/index.js';
import { divisionName } from '../../divisions/index.js';

export const DivisionRefSchema = z.object({ code: z.string(), name: z.string().nullable() });
export type DivisionRef = z.infer<typeof DivisionRefSchema>;

/** A person as the API shows it. Masked unless fields were revealed (with a recorded reason). */
export const PersonViewSchema = z.object({
  id: z.number(),
  county: z.string(),
  name: z.string(),
  idNumber: z.string().describe('masked: first 6 and last 4 (e.g. 211382********0085) unless revealed'),
  idKind: z.string(),
  sex: z.string(),
  birthDate: z
    .string()
    .nullable()
    .describe('only when revealed: with the masked ID number it would give away the whole number'),
  birthYear: z.number(),
  age: z.number(),
  phone: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
  residenceDivision: DivisionRefSchema,
  township: DivisionRefSchema,
  hukouDivision: DivisionRefSchema.nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revealed: z.array(z.string()),
});
export type PersonView = z.infer<typeof PersonViewSchema>;

export interface PersonPlain {
  id: number;
  county: string;
  name: string;
  idNumber: string;
  idKind: string;
  sex: string;
  birthDate: string;
  phone: string | null;
  bankName: string | null;
  bankAccount: string | null;
  residenceDivision: string;
  township: string;
  hukouDivision: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const ref = (code: string): DivisionRef => ({ code, name: divisionName(code) });

export type RevealField = 'idNumber' | 'phone' | 'bankAccount' | 'birthDate';

export function mapPerson(p: PersonPlain, revealed: readonly RevealField[] = []): PersonView {
  const show = (f: RevealField) => revealed.includes(f);
  return {
    id: p.id,
    county: p.county,
    name: p.name,
    idNumber: show('idNumber') ? p.idNumber : maskIdNumber(p.idNumber),
    idKind: p.idKind,
    sex: p.sex,
    birthDate: show('birthDate') ? p.birthDate : null,
    birthYear: Number(p.birthDate.slice(0, 4)),
    age: ageOn(p.birthDate, todayInChina()),
    phone: p.phone === null ? null : show('phone') ? p.phone : maskPhone(p.phone),
    bankName: p.bankName,
    bankAccount:
      p.bankAccount === null ? null : show('bankAccount') ? p.bankAccount : maskBankAccount(p.bankAccount),
    residenceDivision: ref(p.residenceDivision),
    township: ref(p.township),
    hukouDivision: p.hukouDivision ? ref(p.hukouDivision) : null,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    revealed: [...revealed],
  };
}
