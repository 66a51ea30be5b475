import { Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { NavLink } from 'react-router';
import type { MessageKey } from '../../i18n';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import type { PolicyList } from '../../lib/types';
import { usePrefs } from '../../lib/prefs';

/** A key of this part's catalogue built from an API code (list kinds, reasons, flag kinds, states). */
export const k = (prefix: string, code: string) => `exchange.${prefix}.${code}` as MessageKey;

/** A label from the catalogue, or the code itself when the catalogue has none (a reason added later). */
export function useLabel() {
  const { t } = usePrefs();
  return (prefix: string, code: string) => {
    const key = k(prefix, code);
    const text = t(key);
    return text === key ? code : text;
  };
}

/** The reasons of a decision or a candidate as tags, each named in words. */
export function Reasons({ reasons }: { reasons: readonly string[] }) {
  const label = useLabel();
  if (!reasons.length) return null;
  return (
    <span className="exchange-reasons">
      {reasons.map((r) => (
        <Tag
          key={r}
          color={/differs|invalid|not-found|missing|too-many|dismissed/.test(r) ? 'orange' : 'blue'}
        >
          {label('reason', r)}
        </Tag>
      ))}
    </span>
  );
}

/** A date-time from the API as local `YYYY-MM-DD HH:mm`. */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The part's own sub-menu: imports, flags, and exports for those who may read the registry. */
export function SubNav() {
  const { t } = usePrefs();
  const { me } = useAuth();
  return (
    <nav className="exchange-subnav" aria-label={t('exchange.subnav')}>
      <NavLink to="/office/exchange" end>
        {t('exchange.imports.title')}
      </NavLink>
      <NavLink to="/office/exchange/flags">{t('exchange.flags.title')}</NavLink>
      {me.permissions.includes('registry.read') && (
        <NavLink to="/office/exchange/exports">{t('exchange.exports.title')}</NavLink>
      )}
    </nav>
  );
}

let programmes: Promise<PolicyList> | undefined;

/** A programme's name by id, from the public programme list (asked once); the id until it comes. */
export function useProgrammeName(): (id: string) => string {
  const { lang } = usePrefs();
  const [list, setList] = useState<PolicyList>();
  useEffect(() => {
    let live = true;
    programmes ??= api<PolicyList>('/public/programmes');
    programmes.then(
      (d) => live && setList(d),
      () => {
        programmes = undefined;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return (id) => {
    const p = list && [...list.person, ...list.enterprise].find((x) => x.id === id);
    return p ? (lang === 'en' ? p.nameEn : p.name) : id;
  };
}

/** One filter of a list page: a labelled choice (the page goes back to its first page when it changes). */
export function FilterSelect<V extends string>({
  label,
  value,
  options,
  onChange,
  minWidth,
}: {
  label: string;
  value: V;
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  minWidth: string;
}) {
  return (
    <label>
      <span>{label}</span>
      <Select
        aria-label={label}
        value={value}
        onChange={onChange}
        style={{ minWidth, maxWidth: '100%' }}
        popupMatchSelectWidth={false}
        options={options}
      />
    </label>
  );
}
