import { childrenOf, historyOf } from '../../divisions/index.js';

const SUFFIXES = ['满族蒙古族乡', '蒙古族乡', '满族乡', '街道办事处', '街道', '镇', '乡'];

function key(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}
function stem(s: string): string {
  for (const x of SUFFIXES) if (s.endsWith(x) && s.length > x.length + 1) return s.slice(0, -x.length);
  return s;
}

/**
 * 乡镇（街道） by name → its 9-digit code, for the townships of a county (current ones and those that
 * were on `asOf`). A name is found with or without its 镇/乡/街道; a 9-digit code is accepted as is.
 */
export function townshipResolver(county: string, asOf: string): (text: string) => string | null {
  const byName = new Map<string, string>();
  const codes = new Set<string>();
  for (const d of [...childrenOf(county, asOf), ...childrenOf(county)]) {
    for (const rec of historyOf(d.code)) {
      codes.add(d.code);
      const k = key(rec.name);
      if (!byName.has(k)) byName.set(k, d.code);
      const s = stem(k);
      if (!byName.has(s)) byName.set(s, d.code);
    }
  }
  return (text: string) => {
    const k = key(text);
    if (!k) return null;
    if (/^[0-9]{9}$/.test(k)) return codes.has(k) ? k : null;
    return byName.get(k) ?? byName.get(stem(k)) ?? null;
  };
}
