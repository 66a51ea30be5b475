import { describe, expect, it } from 'vitest';
import {
  checkAll,
  checkAnswer,
  fromDeclared,
  knownFrom,
  questionOfPath,
  questionsFor,
  toDeclared,
} from './facts';
import type { Decision } from '../lib/applications';
import type { FactField } from './types';

const internship: FactField[] = [
  { path: 'internship.intern.birthDate', type: 'date' },
  { path: 'internship.intern.idNumber', type: 'text' },
  { path: 'internship.months', type: 'integer', min: 0 },
  { path: 'internship.startedOn', type: 'date' },
  { path: 'internship.unitRetentionRate', type: 'number', min: 0, max: 1 },
];
const venue: FactField[] = [
  { path: 'business.registeredInLingyuan', type: 'boolean' },
  { path: 'business.rentPaidYearly', type: 'number', min: 0 },
  { path: 'education', type: 'enum', options: ['college', 'bachelor'] },
  { path: 'registeredPoor', type: 'boolean' },
];
const sources: Decision['sources'] = {
  education: { kind: 'staff', ref: null },
  registeredPoor: { kind: 'department', ref: '扶贫' },
  business: { kind: 'declared', ref: '申请人申报' },
  history: { kind: 'applications', ref: null },
};

describe('the apply form', () => {
  it('shows what the registry knows and asks the rest', () => {
    expect(knownFrom(sources, 'education')).toBe('staff');
    expect(knownFrom(sources, 'business.rentPaidYearly')).toBeUndefined();
    expect(questionsFor(venue, sources).map((q) => q.path)).toEqual([
      'business.registeredInLingyuan',
      'business.rentPaidYearly',
    ]);
  });

  it('does not ask a birth date beside the ID number it comes from', () => {
    expect(questionsFor(internship, {}).map((q) => q.path)).not.toContain('internship.intern.birthDate');
  });

  it('sends the answers nested, a share as a fraction, and reads them back', () => {
    const declared = toDeclared(internship, {
      'internship.months': 6,
      'internship.unitRetentionRate': 60,
      'internship.intern.idNumber': ' 211382200205010451 ',
      'internship.startedOn': '',
    });
    expect(declared).toEqual({
      internship: { months: 6, unitRetentionRate: 0.6, intern: { idNumber: '211382200205010451' } },
    });
    expect(fromDeclared(internship, declared)).toEqual({
      'internship.months': 6,
      'internship.unitRetentionRate': 60,
      'internship.intern.idNumber': '211382200205010451',
    });
  });

  it('checks each answer as the API would', () => {
    expect(checkAnswer(internship[2]!, undefined)).toEqual({ key: 'required' });
    expect(checkAnswer(internship[2]!, 2.5)).toEqual({ key: 'invalidNumber' });
    expect(checkAnswer(internship[2]!, -1)).toEqual({ key: 'tooSmall', min: 0 });
    expect(checkAnswer(internship[4]!, 120)).toEqual({ key: 'tooLarge', max: 100 });
    expect(checkAnswer(internship[3]!, '2026-02-30')).toEqual({ key: 'invalidDate' });
    expect(checkAnswer(internship[3]!, '2026-02-28')).toBeUndefined();
    expect(checkAnswer(venue[0]!, false)).toBeUndefined();
    expect(Object.keys(checkAll(venue, { 'business.registeredInLingyuan': true }))).toEqual([
      'business.rentPaidYearly',
      'education',
      'registeredPoor',
    ]);
  });

  it('puts an API field error beside its question', () => {
    expect(questionOfPath(internship, 'enterprise.internship.intern.idNumber')).toBe(
      'internship.intern.idNumber',
    );
    expect(questionOfPath(internship, 'declared.internship.months')).toBe('internship.months');
    expect(questionOfPath(internship, 'programmeId')).toBeUndefined();
  });
});
