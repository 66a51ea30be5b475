import { describe, expect, it } from 'vitest';
import { checkCharacter, idNumberFacts, idNumberProblem, phoneLooksRight } from './idNumber';

const TODAY = '2026-11-30';
/** A right number for a day and sequence (the check character computed). */
const make = (birth: string, seq = '123') => {
  const first = `211382${birth.replaceAll('-', '')}${seq}`;
  return first + checkCharacter(first);
};

describe('the desk’s ID number check', () => {
  it('accepts a right number, in lower or upper case X', () => {
    expect(idNumberProblem(make('1975-04-04'), TODAY)).toBeNull();
    expect(idNumberProblem('11010519491231002X', TODAY)).toBeNull();
    expect(idNumberProblem('11010519491231002x', TODAY)).toBeNull();
  });

  it('names what is wrong: empty, format, check character, birth date, future', () => {
    expect(idNumberProblem('  ', TODAY)).toBe('empty');
    expect(idNumberProblem('21138219750404', TODAY)).toBe('format');
    const right = make('1975-04-04');
    const wrongCheck = right.slice(0, 17) + (right.endsWith('0') ? '1' : '0');
    expect(idNumberProblem(wrongCheck, TODAY)).toBe('checksum');
    expect(idNumberProblem(make('1975-02-30'), TODAY)).toBe('birthDate');
    expect(idNumberProblem(make('1899-12-31'), TODAY)).toBe('birthDate');
    expect(idNumberProblem(make('2027-01-01'), TODAY)).toBe('future');
  });

  it('lets a 15-digit legacy number through when its date is real', () => {
    expect(idNumberProblem('211382750404123', TODAY)).toBeNull();
    expect(idNumberProblem('211382750230123', TODAY)).toBe('birthDate');
  });

  it('reads birth date and sex', () => {
    expect(idNumberFacts(make('1975-04-04', '124'))).toEqual({ birthDate: '1975-04-04', sex: 'female' });
    expect(idNumberFacts(make('1975-04-04', '131'))).toEqual({ birthDate: '1975-04-04', sex: 'male' });
    expect(idNumberFacts('bad')).toBeNull();
  });

  it('checks phones loosely', () => {
    expect(phoneLooksRight('')).toBe(true);
    expect(phoneLooksRight('138 0000 1234')).toBe(true);
    expect(phoneLooksRight('0421-6812345')).toBe(true);
    expect(phoneLooksRight('12345')).toBe(false);
  });
});
