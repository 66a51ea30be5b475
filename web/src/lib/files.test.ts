import { describe, expect, it } from 'vitest';
import { attachmentName } from './files';

describe('attachmentName', () => {
  it('prefers the UTF-8 name', () => {
    expect(
      attachmentName(
        `attachment; filename="referrals.xlsx"; filename*=UTF-8''${encodeURIComponent('转介民政人员名单.xlsx')}`,
        'x',
      ),
    ).toBe('转介民政人员名单.xlsx');
  });
  it('takes the plain name, else the fallback', () => {
    expect(attachmentName('attachment; filename="roster-3.csv"', 'x')).toBe('roster-3.csv');
    expect(attachmentName('', 'roster.xlsx')).toBe('roster.xlsx');
  });
});
