import { describe, expect, it } from 'vitest';
import { copyTextRows } from './copy-text.js';

describe('COPY text rows', () => {
  it('splits rows and fields, reads NULL and unescapes', () => {
    const text = '1\tabc\t\\N\n2\t{"a": "x\\\\"y"}\tline\\nbreak\n\n3\t\t\\\\\n';
    expect([...copyTextRows(text)]).toEqual([
      ['1', 'abc', null],
      ['2', '{"a": "x\\"y"}', 'line\nbreak'],
      ['3', '', '\\'],
    ]);
  });
});
