import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  convert15To18,
  idCheckChar,
  isValidIdNumber,
  makeIdNumber,
  maskIdNumber,
  normalizeIdNumber,
  parseIdNumber,
} from './id-number.js';
import type { IdNumberKind, ParsedIdNumber, Sex } from './id-number.js';

const TODAY = '2025-06-30';

/** Straightforward reference implementation of GB 11643 MOD 11-2, with the weight table spelled out. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const MAP = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return MAP[sum % 11] ?? '?';
}

/** Appends the check character to a 17-digit body, without validating the body's content. */
function withCheck(body17: string): string {
  return body17 + idCheckChar(body17);
}

function parsedOrThrow(input: string, today: string = TODAY): ParsedIdNumber {
  const r = parseIdNumber(input, today);
  if (!r.ok) throw new Error(`expected ${input} to parse, got ${r.error.reason}: ${r.error.messageEn}`);
  return r.value;
}

function reasonOf(input: string, today: string = TODAY): string {
  const r = parseIdNumber(input, today);
  return r.ok ? 'ok' : r.error.reason;
}

describe('idCheckChar', () => {
  it('matches the examples printed in GB 11643-1999', () => {
    // The standard's own examples: Beijing Chaoyang 1949-12-31 female, Shantou 1880-01-01 male.
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('agrees with a reference implementation using the explicit weight table', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 17, maxLength: 17 }),
        (s) => {
          expect(idCheckChar(s)).toBe(referenceCheckChar(s));
        },
      ),
    );
  });

  it('rejects anything but 17 ASCII digits', () => {
    expect(() => idCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idCheckChar('110105194912310021')).toThrow(RangeError);
    expect(() => idCheckChar('1101051949123100X')).toThrow(RangeError);
    expect(() => idCheckChar('１１０１０５１９４９１２３１００２')).toThrow(RangeError);
  });
});

describe('normalizeIdNumber', () => {
  it('converts full-width digits and letters, removes whitespace and hyphens, upper-cases x', () => {
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('110105\u300019491231\t002X\n')).toBe('11010519491231002X');
    expect(normalizeIdNumber('110105-19491231-002X')).toBe('11010519491231002X');
    expect(normalizeIdNumber('110105－19491231\u00a0002X\u200b')).toBe('11010519491231002X');
  });

  it('returns canonical input unchanged and does not convert 15 to 18 digits', () => {
    expect(normalizeIdNumber('11010519491231002X')).toBe('11010519491231002X');
    expect(normalizeIdNumber('110105491231002')).toBe('110105491231002');
    expect(normalizeIdNumber('')).toBe('');
  });

  it('keeps unexpected characters so that validation can reject them', () => {
    expect(normalizeIdNumber('11010519491231002?')).toBe('11010519491231002?');
    expect(normalizeIdNumber('1101051949123100２x')).toBe('11010519491231002X');
  });
});

describe('convert15To18', () => {
  it('inserts 19 and appends the check character', () => {
    expect(convert15To18('110105491231002')).toBe('11010519491231002X');
    expect(convert15To18('440308990110151')).toBe(withCheck('44030819990110151'));
    expect(convert15To18('１１０１０５ ４９１２３１ ００２')).toBe('11010519491231002X');
  });

  it('rejects anything but 15 digits', () => {
    expect(() => convert15To18('11010549123100')).toThrow(RangeError);
    expect(() => convert15To18('11010519491231002X')).toThrow(RangeError);
    expect(() => convert15To18('11010549123100X')).toThrow(RangeError);
  });
});

describe('parseIdNumber — examples', () => {
  it('parses the GB 11643 example number', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: {
        normalized: '11010519491231002X',
        kind: 'mainland',
        regionCode: '110105',
        birthDate: '1949-12-31',
        sex: 'female',
        convertedFrom15: false,
      },
    });
  });

  it('parses a male number from Lingyuan (211382)', () => {
    const id = makeIdNumber('211382', '1988-07-15', 123, 'male');
    expect(id).toBe(withCheck('21138219880715123'));
    const v = parsedOrThrow(id);
    expect(v).toMatchObject({ kind: 'mainland', regionCode: '211382', birthDate: '1988-07-15', sex: 'male' });
  });

  it('accepts lower-case x, full-width characters, spaces and hyphens', () => {
    for (const input of [
      '11010519491231002x',
      '１１０１０５１９４９１２３１００２Ｘ',
      '１１０１０５１９４９１２３１００２ｘ',
      ' 110105 1949 1231 002X ',
      '110105\u30001949\u30001231\u3000002X',
      '110105-19491231-002X',
    ]) {
      expect(parsedOrThrow(input).normalized).toBe('11010519491231002X');
    }
  });

  it('upgrades legacy 15-digit numbers', () => {
    const v = parsedOrThrow('110105491231002');
    expect(v).toEqual({
      normalized: '11010519491231002X',
      kind: 'mainland',
      regionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
      convertedFrom15: true,
    });
    expect(parsedOrThrow('211382880715123').sex).toBe('male');
  });

  it('parses Hong Kong / Macao / Taiwan residence permit numbers (81/82/83 prefixes)', () => {
    // Sample numbers published with the residence-permit specimens (Beijing public security bureau).
    expect(parsedOrThrow('810000199408230021')).toMatchObject({
      kind: 'hongKong',
      regionCode: '810000',
      birthDate: '1994-08-23',
      sex: 'female',
    });
    expect(parsedOrThrow('830000199201300022')).toMatchObject({
      kind: 'taiwan',
      regionCode: '830000',
      birthDate: '1992-01-30',
      sex: 'female',
    });
    expect(parsedOrThrow(makeIdNumber('820000', '1970-01-01', 5, 'male'))).toMatchObject({
      kind: 'macao',
      regionCode: '820000',
      birthDate: '1970-01-01',
      sex: 'male',
    });
  });

  it('requires the full 810000 / 820000 / 830000 prefix for residence permits', () => {
    expect(reasonOf(makeIdNumber('810100', '1994-08-23', 2, 'female'))).toBe('region');
    expect(reasonOf(makeIdNumber('830001', '1994-08-23', 2, 'female'))).toBe('region');
    expect(reasonOf(makeIdNumber('840000', '1994-08-23', 2, 'female'))).toBe('region');
    expect(reasonOf(makeIdNumber('800000', '1994-08-23', 2, 'female'))).toBe('region');
  });

  it('parses the 2023 foreign permanent resident ID format (leading 9)', () => {
    // 9 + accepting province 11 (Beijing) + nationality 840 + birth date + sequence + check.
    const id = makeIdNumber('911840', '1985-03-02', 11, 'male');
    expect(parseIdNumber(id, TODAY)).toEqual({
      ok: true,
      value: {
        normalized: id,
        kind: 'foreign',
        regionCode: '110000',
        birthDate: '1985-03-02',
        sex: 'male',
        convertedFrom15: false,
        nationalityCode: '840',
      },
    });
    // Digits 2-6 are reported but not validated.
    expect(parsedOrThrow(makeIdNumber('999999', '2001-02-03', 4, 'female'))).toMatchObject({
      kind: 'foreign',
      regionCode: '990000',
      nationalityCode: '999',
      sex: 'female',
    });
    // The check character and birth date are validated like a citizen number.
    expect(reasonOf(id.slice(0, 17) + (id[17] === '0' ? '1' : '0'))).toBe('checksum');
    expect(reasonOf(withCheck('91184019850230011'))).toBe('birthDate');
  });

  it('rejects invalid region codes', () => {
    expect(reasonOf(makeIdNumber('000000', '1990-01-01', 10, 'female'))).toBe('region');
    expect(reasonOf(makeIdNumber('001234', '1990-01-01', 10, 'female'))).toBe('region');
    for (const prefix of ['10', '16', '20', '24', '30', '38', '40', '47', '55', '60', '66', '71', '70']) {
      expect(reasonOf(makeIdNumber(prefix + '0101', '1990-01-01', 10, 'female'))).toBe('region');
    }
    for (const prefix of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65']) {
      expect(reasonOf(makeIdNumber(prefix + '0101', '1990-01-01', 10, 'female'))).toBe('ok');
    }
    // Legacy 15-digit numbers only exist for mainland provinces.
    expect(reasonOf('810000940823002')).toBe('region');
    expect(reasonOf('911840850302011')).toBe('region');
    expect(reasonOf('000000900101002')).toBe('region');
  });

  it('handles February 29 on leap and non-leap years', () => {
    expect(parsedOrThrow(withCheck('11010520000229001')).birthDate).toBe('2000-02-29'); // divisible by 400
    expect(parsedOrThrow(withCheck('11010519960229001')).birthDate).toBe('1996-02-29');
    expect(parsedOrThrow(withCheck('11010520240229001')).birthDate).toBe('2024-02-29');
    expect(reasonOf(withCheck('11010519000229001'))).toBe('birthDate'); // 1900 is not a leap year
    expect(reasonOf(withCheck('11010520230229001'))).toBe('birthDate');
    expect(reasonOf(withCheck('11010520210229001'))).toBe('birthDate');
    expect(reasonOf('110105000229001')).toBe('birthDate'); // 15-digit → 1900-02-29
    expect(parsedOrThrow('110105960229001').birthDate).toBe('1996-02-29');
  });

  it('rejects impossible dates', () => {
    for (const date of ['19900001', '19901301', '19900100', '19900132', '19900431', '19901131', '19909999']) {
      expect(reasonOf(withCheck('110105' + date + '001'))).toBe('birthDate');
    }
    expect(parsedOrThrow(withCheck('11010519901231001')).birthDate).toBe('1990-12-31');
  });

  it('rejects future birth dates relative to `today` and dates before 1900', () => {
    const onToday = withCheck('11010520250630001');
    const tomorrow = withCheck('11010520250701001');
    expect(reasonOf(onToday, '2025-06-30')).toBe('ok');
    expect(reasonOf(tomorrow, '2025-06-30')).toBe('birthDate');
    expect(reasonOf(tomorrow, '2025-07-01')).toBe('ok');
    const r = parseIdNumber(tomorrow, '2025-06-30');
    expect(r.ok ? null : r.error.messageZh).toBe('公民身份号码中的出生日期晚于当前日期');

    expect(reasonOf(withCheck('11010519000101001'))).toBe('ok');
    expect(reasonOf(withCheck('11010518991231001'))).toBe('birthDate');
    // The standard's own 1880 example has a correct check character but is out of range here.
    expect(reasonOf('440524188001010014')).toBe('birthDate');
  });

  it('defaults `today` to the current date', () => {
    expect(parseIdNumber(withCheck('11010529990101001')).ok).toBe(false);
    expect(parseIdNumber('11010519491231002X').ok).toBe(true);
  });

  it('throws on a malformed `today`', () => {
    expect(() => parseIdNumber('11010519491231002X', '2025-6-30')).toThrow(RangeError);
    expect(() => parseIdNumber('11010519491231002X', '2025-02-30')).toThrow(RangeError);
    expect(() => parseIdNumber('11010519491231002X', '20250630')).toThrow(RangeError);
  });

  it('reports empty input', () => {
    for (const input of ['', '   ', '\u3000', ' - ']) {
      const r = parseIdNumber(input, TODAY);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.reason).toBe('empty');
        expect(r.error.messageZh).toBe('公民身份号码不能为空');
      }
    }
    expect(reasonOf(null as unknown as string)).toBe('empty');
    expect(reasonOf(undefined as unknown as string)).toBe('empty');
    expect(reasonOf(110105 as unknown as string)).toBe('format');
  });

  it('reports format errors with a Chinese message', () => {
    const r = parseIdNumber('1101051949123100', TODAY);
    expect(r).toEqual({
      ok: false,
      error: {
        reason: 'format',
        messageZh: '公民身份号码格式不正确，应为18位（或15位旧号码）',
        messageEn: expect.any(String),
      },
    });
    for (const input of [
      '1101051949123100', // 16
      '110105194912310021X', // 19
      '11010519491231002Y',
      '1101051949123100X2', // X not last
      'X1010519491231002X',
      '11010549123100X', // 15 with X
      '11010519491231002?',
      '１１０１０５１９４９１２３１００２Ｙ',
    ]) {
      expect(reasonOf(input)).toBe('format');
    }
  });

  it('reports a wrong check character', () => {
    const r = parseIdNumber('110105194912310021', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.reason).toBe('checksum');
      expect(r.error.messageZh).toBe('公民身份号码校验位错误');
    }
    expect(reasonOf('11010519491231003X')).toBe('checksum');
  });

  it('returns immutable shared error objects', () => {
    const a = parseIdNumber('', TODAY);
    const b = parseIdNumber(' ', TODAY);
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe('isValidIdNumber', () => {
  it('mirrors parseIdNumber', () => {
    expect(isValidIdNumber('11010519491231002X', TODAY)).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105194912310021', TODAY)).toBe(false);
    expect(isValidIdNumber('', TODAY)).toBe(false);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskIdNumber(' １１０１０５１９４９１２３１００２ｘ ')).toBe('110105********002X');
  });

  it('masks short inputs completely', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('12345678901')).toBe('123456*8901');
  });
});

describe('makeIdNumber', () => {
  it('forces the parity of the sequence to match the sex', () => {
    const seqOf = (id: string) => id.slice(14, 17);
    expect(seqOf(makeIdNumber('110105', '1990-01-01', 0, 'male'))).toBe('001');
    expect(seqOf(makeIdNumber('110105', '1990-01-01', 0, 'female'))).toBe('000');
    expect(seqOf(makeIdNumber('110105', '1990-01-01', 1, 'female'))).toBe('000');
    expect(seqOf(makeIdNumber('110105', '1990-01-01', 998, 'male'))).toBe('999');
    expect(seqOf(makeIdNumber('110105', '1990-01-01', 999, 'male'))).toBe('999');
    expect(seqOf(makeIdNumber('110105', '1990-01-01', 999, 'female'))).toBe('998');
    expect(seqOf(makeIdNumber('110105', '1990-01-01', 42, 'female'))).toBe('042');
    expect(seqOf(makeIdNumber('110105', '1990-01-01', 42, 'male'))).toBe('043');
  });

  it('reproduces the GB 11643 example', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2, 'female')).toBe('11010519491231002X');
  });

  it('rejects malformed arguments', () => {
    expect(() => makeIdNumber('11010', '1990-01-01', 1, 'male')).toThrow(RangeError);
    expect(() => makeIdNumber('11010A', '1990-01-01', 1, 'male')).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1990-02-30', 1, 'male')).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '19900101', 1, 'male')).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1990-01-01', -1, 'male')).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1990-01-01', 1000, 'male')).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1990-01-01', 1.5, 'male')).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1990-01-01', 1, 'x' as Sex)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------

const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65,
];
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

interface RegionCase {
  region6: string;
  kind: IdNumberKind;
  expectedRegion: string;
}

const regionArb: fc.Arbitrary<RegionCase> = fc.oneof(
  fc.tuple(fc.constantFrom(...PROVINCES), digits(4)).map(([p, rest]): RegionCase => ({
    region6: `${p}${rest}`,
    kind: 'mainland',
    expectedRegion: `${p}${rest}`,
  })),
  fc.constantFrom<RegionCase>(
    { region6: '810000', kind: 'hongKong', expectedRegion: '810000' },
    { region6: '820000', kind: 'macao', expectedRegion: '820000' },
    { region6: '830000', kind: 'taiwan', expectedRegion: '830000' },
  ),
  digits(5).map((rest): RegionCase => ({
    region6: `9${rest}`,
    kind: 'foreign',
    expectedRegion: `${rest.slice(0, 2)}0000`,
  })),
);

const MIN_DATE = Date.UTC(1900, 0, 1);
const MAX_DATE = Date.UTC(2025, 5, 30);
const birthDateArb = fc
  .integer({ min: MIN_DATE / 86_400_000, max: MAX_DATE / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
const sexArb = fc.constantFrom<Sex>('male', 'female');

describe('property: generated numbers', () => {
  it('parse back to the same kind, region, birth date and sex', () => {
    fc.assert(
      fc.property(
        regionArb,
        birthDateArb,
        fc.integer({ min: 0, max: 999 }),
        sexArb,
        (region, birth, seq, sex) => {
          const id = makeIdNumber(region.region6, birth, seq, sex);
          expect(id).toHaveLength(18);
          const v = parsedOrThrow(id);
          expect(v.normalized).toBe(id);
          expect(v.kind).toBe(region.kind);
          expect(v.regionCode).toBe(region.expectedRegion);
          expect(v.birthDate).toBe(birth);
          expect(v.sex).toBe(sex);
          expect(v.convertedFrom15).toBe(false);
          expect(idCheckChar(id.slice(0, 17))).toBe(referenceCheckChar(id.slice(0, 17)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('become invalid after any single-character substitution (MOD 11-2 detects all of them)', () => {
    fc.assert(
      fc.property(
        regionArb,
        birthDateArb,
        fc.integer({ min: 0, max: 999 }),
        sexArb,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789X'),
        (region, birth, seq, sex, pos, ch) => {
          const id = makeIdNumber(region.region6, birth, seq, sex);
          fc.pre(id[pos] !== ch);
          const mutated = id.slice(0, pos) + ch + id.slice(pos + 1);
          const r = parseIdNumber(mutated, TODAY);
          expect(r.ok).toBe(false);
          // An X inside the body is a format error; everything else is caught by the check character.
          if (!r.ok) expect(r.error.reason).toBe(ch === 'X' && pos < 17 ? 'format' : 'checksum');
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('round-trip 18 → 15 → 18 for 1900s mainland births', () => {
    const birth1900s = birthDateArb.filter((d) => d < '2000');
    fc.assert(
      fc.property(
        fc.tuple(fc.constantFrom(...PROVINCES), digits(4)),
        birth1900s,
        fc.integer({ min: 0, max: 999 }),
        sexArb,
        ([p, rest], birth, seq, sex) => {
          const id18 = makeIdNumber(`${p}${rest}`, birth, seq, sex);
          const id15 = id18.slice(0, 6) + id18.slice(8, 17);
          expect(convert15To18(id15)).toBe(id18);
          const v = parsedOrThrow(id15);
          expect(v.normalized).toBe(id18);
          expect(v.convertedFrom15).toBe(true);
          expect(v.birthDate).toBe(birth);
          expect(v.sex).toBe(sex);
        },
      ),
    );
  });

  it('survive full-width conversion, lower-case x and interspersed whitespace / hyphens', () => {
    const noise = fc.constantFrom('', '', '', ' ', '\u3000', '-', '\t', '\u00a0', '－');
    fc.assert(
      fc.property(
        regionArb,
        birthDateArb,
        fc.integer({ min: 0, max: 999 }),
        sexArb,
        fc.array(fc.tuple(fc.boolean(), fc.boolean(), noise), { minLength: 18, maxLength: 18 }),
        (region, birth, seq, sex, perChar) => {
          const id = makeIdNumber(region.region6, birth, seq, sex);
          let messy = '';
          for (let i = 0; i < 18; i++) {
            const [fullWidth, lower, sep] = perChar[i] ?? [false, false, ''];
            let ch = id.charAt(i);
            if (lower) ch = ch.toLowerCase();
            if (fullWidth) ch = String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
            messy += sep + ch;
          }
          expect(normalizeIdNumber(messy)).toBe(id);
          expect(parsedOrThrow(messy).normalized).toBe(id);
        },
      ),
    );
  });

  it('normalizeIdNumber is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normalizeIdNumber(s);
        expect(normalizeIdNumber(once)).toBe(once);
      }),
    );
  });

  it('maskIdNumber never reveals the birth date of an 18-character number', () => {
    fc.assert(
      fc.property(
        regionArb,
        birthDateArb,
        fc.integer({ min: 0, max: 999 }),
        sexArb,
        (region, birth, seq, sex) => {
          const id = makeIdNumber(region.region6, birth, seq, sex);
          const masked = maskIdNumber(id);
          expect(masked).toBe(id.slice(0, 6) + '********' + id.slice(14));
        },
      ),
    );
  });
});
