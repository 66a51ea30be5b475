/** Plain helpers of the admin pages (no React): values, times, password rule. */

/** A parameter value as people read it: amounts by key listed, lists joined, fractions kept. */
export function formatValue(value: unknown, unit: string | null, lang: string): string {
  const locale = lang === 'en' ? 'en-US' : 'zh-CN';
  const num = (n: number) => n.toLocaleString(locale, { maximumFractionDigits: 4 });
  const withUnit = (s: string) => (unit ? `${s} ${unit}` : s);
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return withUnit(num(value));
  if (typeof value === 'string') return withUnit(value);
  if (Array.isArray(value)) return value.map(String).join(lang === 'en' ? ', ' : '、');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${typeof v === 'number' ? withUnit(num(v)) : String(v)}`)
      .join(lang === 'en' ? '; ' : '；');
  }
  return String(value as string);
}

/** An instant from the API (ISO) in China time, `YYYY-MM-DD HH:mm`. */
export function chinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** The API's password rule (checkPasswordStrength): 10–200 characters with a letter and a digit. */
export function passwordOk(password: string): boolean {
  return password.length >= 10 && password.length <= 200 && /[A-Za-z]/.test(password) && /\d/.test(password);
}

/** The division a role is bound to must be of its level: 6 digits county, 9 township, 12 village. */
export function levelOfCode(code: string): 'county' | 'township' | 'village' | null {
  return code.length === 6
    ? 'county'
    : code.length === 9
      ? 'township'
      : code.length === 12
        ? 'village'
        : null;
}
