import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  USCC_CHARSET,
  isValidUscc,
  makeUscc,
  normalizeUscc,
  orgCodeCheckChar,
  parseUscc,
  usccCheckChar,
} from './uscc.js';

// Reference implementations with the weight tables spelled out (GB 32100-2015 / GB 11714-1997).
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function referenceUsccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
function referenceOrgCheck(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CHARS.indexOf(first8.charAt(i)) * (ORG_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function reasonOf(input: string, opts?: { checkOrgCode?: boolean }): string {
  const r = parseUscc(input, opts);
  return r.ok ? 'ok' : r.error.reason;
}

/**
 * Codes printed on the public business licences / disclosures of well-known
 * companies (Huawei Technologies, Shenzhen Tencent Computer Systems, Alibaba
 * (China), Xiaomi Technology) plus two codes quoted in public discussions. Used
 * here only as checksum fixtures: every one of them passes both the position-18
 * check and the embedded GB 11714 organisation-code check, which a code picked
 * at random would do with probability 1/341.
 */
const PUBLISHED_CODES = [
  '914403001922038216',
  '91440300708461136T',
  '91330100716105852F',
  '91110108551385082Q',
  '91110000100006485K',
  '12440600MB2C07549J', // category 1/2: public institution, "MB…" org-code segment
];

describe('check characters', () => {
  it('usccCheckChar agrees with the reference for published codes', () => {
    for (const code of PUBLISHED_CODES) {
      expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
      expect(referenceUsccCheck(code.slice(0, 17))).toBe(code.charAt(17));
    }
  });

  it('orgCodeCheckChar agrees with the embedded organisation codes', () => {
    for (const code of PUBLISHED_CODES) {
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code.charAt(16));
    }
  });

  it('orgCodeCheckChar maps 10 to X and 11 to 0', () => {
    expect(orgCodeCheckChar('00000006')).toBe('X');
    expect(orgCodeCheckChar('00000000')).toBe('0');
    expect(orgCodeCheckChar('00000019')).toBe('0');
    // Letters use GB 11714 values A=10 … Z=35, including letters absent from the USCC charset.
    expect(orgCodeCheckChar('ABCDEFGH')).toBe(referenceOrgCheck('ABCDEFGH'));
    expect(orgCodeCheckChar('IOSVZ123')).toBe(referenceOrgCheck('IOSVZ123'));
  });

  it('agree with the reference implementations on random input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...USCC_CHARSET), minLength: 17, maxLength: 17 }),
        (s) => {
          expect(usccCheckChar(s)).toBe(referenceUsccCheck(s));
        },
      ),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ORG_CHARS), minLength: 8, maxLength: 8 }), (s) => {
        expect(orgCodeCheckChar(s)).toBe(referenceOrgCheck(s));
      }),
    );
  });

  it('reject malformed input', () => {
    expect(() => usccCheckChar('9144030019220382')).toThrow(RangeError);
    expect(() => usccCheckChar('9144030019220382I')).toThrow(RangeError);
    expect(() => usccCheckChar('9144030019220382o')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('1922038')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('1922038a')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('1922038-')).toThrow(RangeError);
  });
});

describe('normalizeUscc', () => {
  it('trims, converts full-width characters, upper-cases and drops separators', () => {
    expect(normalizeUscc('  91440300708461136t ')).toBe('91440300708461136T');
    expect(normalizeUscc('９１４４０３００７０８４６１１３６Ｔ')).toBe('91440300708461136T');
    expect(normalizeUscc('９１４４０３００７０８４６１１３６ｔ')).toBe('91440300708461136T');
    expect(normalizeUscc('914403 00708461136T\u3000')).toBe('91440300708461136T');
  });
});

describe('parseUscc — examples', () => {
  it('parses published codes', () => {
    for (const code of PUBLISHED_CODES) expect(reasonOf(code)).toBe('ok');
    expect(parseUscc('91440300708461136T')).toEqual({
      ok: true,
      value: {
        normalized: '91440300708461136T',
        registrationAuthority: '9',
        category: '1',
        regionCode: '440300',
        orgCode: '708461136',
      },
    });
  });

  it('accepts lower case, full-width characters and spaces', () => {
    expect(parseUscc('９１３３０１００７１６１０５８５２ｆ')).toMatchObject({
      ok: true,
      value: { normalized: '91330100716105852F' },
    });
    expect(reasonOf(' 9111 0108 5513 8508 2q ')).toBe('ok');
  });

  it('reports empty input', () => {
    const r = parseUscc('  ');
    expect(r).toEqual({
      ok: false,
      error: { reason: 'empty', messageZh: '统一社会信用代码不能为空', messageEn: expect.any(String) },
    });
    expect(reasonOf(null as unknown as string)).toBe('empty');
    expect(reasonOf(42 as unknown as string)).toBe('format');
  });

  it('reports format errors', () => {
    for (const input of [
      '9144030070846113T', // 17
      '91440300708461136TT', // 19
      '91440300708461I36T', // I is not in the charset
      '91440300708461O36T',
      '91440300708461Z36T',
      '91440300708461S36T',
      '91440300708461V36T',
      '9144030070846113?T',
      'B1440300708461136T', // authority B is not defined
      '01440300708461136T', // authority 0 is not defined
      '914403A0708461136T', // region must be digits
    ]) {
      expect(reasonOf(input)).toBe('format');
    }
    const r = parseUscc('B1440300708461136T');
    expect(r.ok ? null : r.error.messageZh).toBe('统一社会信用代码第1位（登记管理部门代码）无效');
  });

  it('reports a wrong check character', () => {
    const r = parseUscc('91440300708461136U');
    expect(r.ok ? null : r.error).toEqual({
      reason: 'checksum',
      messageZh: '统一社会信用代码校验位错误',
      messageEn: expect.any(String),
    });
    // Reported as a real code issued in Xiamen before 2016 that violates the
    // position-18 rule (hutool issue #4119); it is rejected as 'checksum'.
    expect(reasonOf('91350203M0001QKT19')).toBe('checksum');
  });

  it('validates the embedded organisation code unless disabled', () => {
    // Valid position-18 check but a wrong GB 11714 check character at position 17.
    const body = '91211382' + '12345678' + '0';
    expect(orgCodeCheckChar('12345678')).not.toBe('0');
    const code = body + usccCheckChar(body);
    expect(reasonOf(code)).toBe('orgCodeChecksum');
    const r = parseUscc(code);
    expect(r.ok ? null : r.error.messageZh).toBe('统一社会信用代码中的组织机构代码校验位错误');
    expect(reasonOf(code, { checkOrgCode: false })).toBe('ok');
    expect(reasonOf(code, { checkOrgCode: true })).toBe('orgCodeChecksum');
    expect(isValidUscc(code)).toBe(false);
    expect(isValidUscc(code, { checkOrgCode: false })).toBe(true);
    // A letter other than X can never be a GB 11714 check character.
    const body2 = '91211382' + '12345678' + 'A';
    expect(reasonOf(body2 + usccCheckChar(body2))).toBe('orgCodeChecksum');
  });
});

describe('makeUscc', () => {
  it('builds deterministic valid codes', () => {
    const a = makeUscc('211382', 1);
    expect(a).toBe(makeUscc('211382', 1));
    expect(a.slice(0, 17)).toBe('912113820000000' + '1' + orgCodeCheckChar('00000001'));
    expect(reasonOf(a)).toBe('ok');
    expect(makeUscc('211382', 6).charAt(16)).toBe('X');
    expect(makeUscc('211382', 0).charAt(16)).toBe('0');
    expect(makeUscc('211382', 99_999_999).slice(8, 16)).toBe('99999999');
  });

  it('honours authority and category', () => {
    const code = makeUscc('211382', 123, { authority: '5', category: '2' });
    expect(parseUscc(code)).toMatchObject({
      ok: true,
      value: {
        registrationAuthority: '5',
        category: '2',
        regionCode: '211382',
        orgCode: '00000123' + orgCodeCheckChar('00000123'),
      },
    });
    expect(reasonOf(makeUscc('211382', 5, { authority: 'Y', category: 'Y' }))).toBe('ok');
  });

  it('rejects malformed arguments', () => {
    expect(() => makeUscc('21138', 1)).toThrow(RangeError);
    expect(() => makeUscc('21138X', 1)).toThrow(RangeError);
    expect(() => makeUscc('211382', -1)).toThrow(RangeError);
    expect(() => makeUscc('211382', 100_000_000)).toThrow(RangeError);
    expect(() => makeUscc('211382', 1.5)).toThrow(RangeError);
    expect(() => makeUscc('211382', 1, { authority: 'B' })).toThrow(RangeError);
    expect(() => makeUscc('211382', 1, { authority: '99' })).toThrow(RangeError);
    expect(() => makeUscc('211382', 1, { category: 'I' })).toThrow(RangeError);
    expect(() => makeUscc('211382', 1, { category: '' })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------

const regionArb = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 });
const serialArb = fc.integer({ min: 0, max: 99_999_999 });
const authorityArb = fc.constantFrom(...'123456789ANY');
const categoryArb = fc.constantFrom(...USCC_CHARSET);

describe('property: generated codes', () => {
  it('parse back to their parts', () => {
    fc.assert(
      fc.property(regionArb, serialArb, authorityArb, categoryArb, (region, serial, authority, category) => {
        const code = makeUscc(region, serial, { authority, category });
        const r = parseUscc(code);
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.value.normalized).toBe(code);
          expect(r.value.registrationAuthority).toBe(authority);
          expect(r.value.category).toBe(category);
          expect(r.value.regionCode).toBe(region);
          expect(r.value.orgCode.slice(0, 8)).toBe(String(serial).padStart(8, '0'));
          expect(referenceOrgCheck(r.value.orgCode.slice(0, 8))).toBe(r.value.orgCode.charAt(8));
          expect(referenceUsccCheck(code.slice(0, 17))).toBe(code.charAt(17));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('are distinct for distinct serials', () => {
    fc.assert(
      fc.property(regionArb, serialArb, serialArb, (region, a, b) => {
        fc.pre(a !== b);
        expect(makeUscc(region, a)).not.toBe(makeUscc(region, b));
      }),
    );
  });

  it('become invalid after any single substitution with another charset character', () => {
    fc.assert(
      fc.property(
        regionArb,
        serialArb,
        authorityArb,
        categoryArb,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...USCC_CHARSET),
        fc.boolean(),
        (region, serial, authority, category, pos, ch, checkOrgCode) => {
          const code = makeUscc(region, serial, { authority, category });
          fc.pre(code[pos] !== ch);
          const mutated = code.slice(0, pos) + ch + code.slice(pos + 1);
          // MOD 31 with weights coprime to 31 detects every single substitution,
          // even with the organisation-code check disabled.
          expect(isValidUscc(mutated, { checkOrgCode })).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('survive lower case, full-width characters and whitespace', () => {
    fc.assert(
      fc.property(
        regionArb,
        serialArb,
        fc.array(fc.tuple(fc.boolean(), fc.boolean(), fc.constantFrom('', '', ' ', '\u3000')), {
          minLength: 18,
          maxLength: 18,
        }),
        (region, serial, perChar) => {
          const code = makeUscc(region, serial, { category: 'A' });
          let messy = '';
          for (let i = 0; i < 18; i++) {
            const [fullWidth, lower, sep] = perChar[i] ?? [false, false, ''];
            let ch = code.charAt(i);
            if (lower) ch = ch.toLowerCase();
            if (fullWidth) ch = String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
            messy += sep + ch;
          }
          expect(normalizeUscc(messy)).toBe(code);
          expect(isValidUscc(messy)).toBe(true);
        },
      ),
    );
  });
});
