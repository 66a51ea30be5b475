import { describe, expect, it } from 'vitest';
import { exportUrl } from './exportUrl';

describe('exportUrl', () => {
  it('asks for a masked .xlsx by default', () => {
    expect(exportUrl('referrals', { format: 'xlsx', encoding: 'gb18030', full: false, reason: 'x' })).toBe(
      '/api/v1/exchange/exports/referrals?format=xlsx',
    );
  });
  it('carries the encoding for CSV, and full with its reason', () => {
    expect(
      exportUrl('registered-unemployed', {
        format: 'csv',
        encoding: 'gb18030',
        full: true,
        reason: '民政核对 低保',
      }),
    ).toBe(
      '/api/v1/exchange/exports/registered-unemployed?format=csv&encoding=gb18030&full=true&reason=%E6%B0%91%E6%94%BF%E6%A0%B8%E5%AF%B9+%E4%BD%8E%E4%BF%9D',
    );
  });
});
