import type { MessageKey, Translate } from '../i18n';
import type { FactField } from './types';

/** A catalogue key built from data (a fact path, a status): the key itself when the catalogue lacks it. */
function lookup(t: Translate, key: string): string | undefined {
  const text = t(key as MessageKey);
  return text === key ? undefined : text;
}

export function factLabel(t: Translate, path: string): string {
  return lookup(t, `self.fact.${path}`) ?? path;
}

export function optionLabel(t: Translate, value: string | number): string {
  if (typeof value === 'string') {
    const edu = lookup(t, `edu.${value}`);
    if (edu) return edu;
  }
  return lookup(t, `self.opt.${value}`) ?? String(value);
}

export function sourceLabel(t: Translate, kind: string): string {
  return lookup(t, `self.src.${kind}`) ?? kind;
}

export function eventLabel(t: Translate, action: string): string {
  return lookup(t, `self.ev.${action}`) ?? action;
}

export function roleLabel(t: Translate, role: string): string {
  return lookup(t, `self.role.${role}`) ?? role;
}

/** A fact's value in words: yes/no, the option's name, nested facts one per line. */
export function valueText(t: Translate, value: unknown, field?: Pick<FactField, 'type' | 'max'>): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('self.yes') : t('self.no');
  if (typeof value === 'number')
    return field && field.type === 'number' && field.max === 1
      ? `${Math.round(value * 10000) / 100}%`
      : value.toLocaleString('zh-CN');
  if (typeof value === 'string') return optionLabel(t, value);
  if (Array.isArray(value)) return String(value.length);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${valueText(t, v)}`)
    .join('；');
}

export function relationLabel(t: Translate, relation: string): string {
  return lookup(t, `self.rel.${relation}`) ?? relation;
}
