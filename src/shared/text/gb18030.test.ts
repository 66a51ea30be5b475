import { describe, expect, it } from 'vitest';
import { encodeGb18030 } from './gb18030.js';

const decode = (b: Uint8Array) => new TextDecoder('gb18030').decode(b);

describe('encodeGb18030', () => {
  it('writes GBK characters in two bytes and ASCII in one', () => {
    expect([...encodeGb18030('a姓名,1')]).toEqual([0x61, 0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0x31]);
  });

  it('round-trips Chinese text, the middle dot, the euro sign and characters beyond the BMP', () => {
    const s = '乌云·其木格,刘丽华\r\n公民身份号码 €  𠀀𪚥 ㄅ';
    expect(decode(encodeGb18030(s))).toBe(s);
  });

  it('round-trips every character of the BMP outside the surrogates and private use', () => {
    const wrong: number[] = [];
    for (const [from, to] of [
      [0x80, 0xd800],
      [0xf900, 0xfffd],
    ] as const)
      for (let cp = from; cp < to; cp++) {
        const s = String.fromCharCode(cp);
        if (decode(encodeGb18030(s)) !== s) wrong.push(cp);
      }
    expect(wrong).toEqual([]);
  });
});
