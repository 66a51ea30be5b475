/**
 * Text to GB18030 bytes, for CSV files opened by Excel on Chinese Windows. Node decodes GB18030
 * (`TextDecoder`) but does not encode it: the table is built once, lazily, by decoding every two-byte
 * and every BMP four-byte sequence; characters beyond the BMP follow GB18030's linear four-byte range.
 */
let table: Map<number, number[]> | null = null;

function buildTable(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  const dec = new TextDecoder('gb18030');
  const put = (bytes: number[]) => {
    const s = dec.decode(Uint8Array.from(bytes));
    if (s.length !== 1 || s === '\ufffd') return;
    const cp = s.charCodeAt(0);
    if (cp >= 0x80 && !map.has(cp)) map.set(cp, bytes);
  };
  for (let b1 = 0x81; b1 <= 0xfe; b1++) for (let b2 = 0x40; b2 <= 0xfe; b2++) if (b2 !== 0x7f) put([b1, b2]);
  for (let b1 = 0x81; b1 <= 0x84; b1++)
    for (let b2 = 0x30; b2 <= 0x39; b2++)
      for (let b3 = 0x81; b3 <= 0xfe; b3++) for (let b4 = 0x30; b4 <= 0x39; b4++) put([b1, b2, b3, b4]);
  return map;
}

/** The GB18030 bytes of a string (every Unicode character has some; a lone surrogate becomes `?`). */
export function encodeGb18030(text: string): Buffer {
  table ??= buildTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x10000) {
      let i = cp - 0x10000;
      const b4 = (i % 10) + 0x30;
      i = Math.floor(i / 10);
      const b3 = (i % 126) + 0x81;
      i = Math.floor(i / 126);
      const b2 = (i % 10) + 0x30;
      const b1 = Math.floor(i / 10) + 0x90;
      out.push(b1, b2, b3, b4);
    } else {
      const bytes = table.get(cp);
      if (bytes) out.push(...bytes);
      else out.push(0x3f);
    }
  }
  return Buffer.from(out);
}
