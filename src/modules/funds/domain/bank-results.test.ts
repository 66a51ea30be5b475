import { describe, expect, it } from 'vitest';
import { parseBankResults } from './bank-results.js';

describe("the bank's returned file", () => {
  it('reads paid and failed items with their reasons, in Chinese or English headers', () => {
    const text = '\ufeff序号,明细编号,姓名,结果,原因\n1,101,张三,成功,\n2,102,李四,失败,账户已销户\n';
    expect(parseBankResults(text)).toEqual({
      results: [
        { itemId: 101, outcome: 'paid' },
        { itemId: 102, outcome: 'failed', reason: '账户已销户' },
      ],
      problems: [],
    });
    expect(parseBankResults('itemId,result,reason\n7,failed,closed\n').results).toEqual([
      { itemId: 7, outcome: 'failed', reason: 'closed' },
    ]);
  });

  it('names each bad line', () => {
    const r = parseBankResults('明细编号,结果,原因\nabc,成功,\n5,失败,\n6,也许,\n6,成功,\n');
    expect(r.results).toEqual([]);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    expect(r.problems[1]!.message).toContain('原因');
  });

  it('needs the item and result columns', () => {
    expect(parseBankResults('a,b\n1,2\n').problems).toEqual([
      { line: 1, message: '表头须包含“明细编号”和“结果”两列' },
    ]);
  });
});
