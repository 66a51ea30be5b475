/**
 * Rows of `COPY … TO … (FORMAT text)`: one line per row, fields split by tabs, `\N` for NULL, and
 * backslash escapes (\\ \t \n \r \b \f \v) inside fields. Splitting is enough because tabs and
 * newlines inside values are always escaped.
 */
const ESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' };

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => ESCAPES[c] ?? c);
}

export function* copyTextRows(text: string): Generator<(string | null)[]> {
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    if (end > start) {
      const fields: (string | null)[] = text.slice(start, end).split('\t');
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i]!;
        if (f === '\\N') fields[i] = null;
        else if (f.includes('\\')) fields[i] = unescape(f);
      }
      yield fields;
    }
    start = end + 1;
  }
}
