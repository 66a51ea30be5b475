import { describe, expect, it } from 'vitest';
import { attachment } from '../http/exports.routes.js';
import { difficultyCategories } from './exports.js';

describe('difficultyCategories', () => {
  const on = '2019-06-30';
  it('names the age categories from the day of identification (women 40, men 50, inclusive)', () => {
    expect(difficultyCategories({ sex: 'female', ageBasis: '1979-06-30' }, {}, on)).toBe('女性满40周岁');
    expect(difficultyCategories({ sex: 'female', ageBasis: '1979-07-01' }, {}, on)).toBe('');
    expect(difficultyCategories({ sex: 'male', ageBasis: '1969-06-30' }, {}, on)).toBe('男性满50周岁');
    expect(difficultyCategories({ sex: 'male', ageBasis: '1975-01-01' }, {}, on)).toBe('');
  });

  it('adds the facts held, and a year without work counted in whole months', () => {
    const young = { sex: 'male' as const, ageBasis: '1990-01-01' };
    expect(
      difficultyCategories(
        young,
        { disabled: true, lowIncomeFamily: true, registeredPoor: false, zeroEmploymentFamily: true },
        on,
      ),
    ).toBe('残疾人、低保家庭成员、零就业家庭成员');
    expect(difficultyCategories(young, { contractEndedOn: '2018-06-30' }, on)).toBe('连续失业一年以上');
    expect(difficultyCategories(young, { contractEndedOn: '2018-07-01' }, on)).toBe('');
  });
});

describe('attachment', () => {
  it('gives an ASCII name and the UTF-8 one', () => {
    expect(attachment('referrals-211382-2019-06-30.csv', '转介民政名单-2019-06-30.csv')).toBe(
      `attachment; filename="referrals-211382-2019-06-30.csv"; filename*=UTF-8''${encodeURIComponent('转介民政名单-2019-06-30.csv')}`,
    );
    expect(attachment('a"b\\c名.csv', 'x')).toBe(`attachment; filename="a_b_c_.csv"; filename*=UTF-8''x`);
  });
});
