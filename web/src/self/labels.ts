import type { MessageKey, Translate } from '../i18n';
import { labelNow, type LabelKind } from '../lib/labels';
import { formatDateTime } from '../lib/dates';
import type { FactField } from './types';

/** A catalogue key built from data (a fact path, a status): the key itself when the catalogue lacks it. */
function lookup(t: Translate, key: string): string | undefined {
  const text = t(key as MessageKey);
  return text === key ? undefined : text;
}

/** The catalogue's words for a code (lib/labels), or undefined when it has none. */
function catalogue(kind: LabelKind, code: string): string | undefined {
  const text = labelNow(kind, code);
  return text && text !== code ? text : undefined;
}

/** A fact as the wizard asks it (this part's question), else the catalogue's name. */
export function factLabel(t: Translate, path: string): string {
  return lookup(t, `self.fact.${path}`) ?? catalogue('fact', path) ?? path;
}

export function optionLabel(t: Translate, value: string | number): string {
  if (typeof value === 'string') {
    const edu = lookup(t, `edu.${value}`);
    if (edu) return edu;
  }
  return lookup(t, `self.opt.${value}`) ?? catalogue('option', String(value)) ?? String(value);
}

export function sourceLabel(t: Translate, kind: string): string {
  return catalogue('factSource', kind) ?? lookup(t, `self.src.${kind}`) ?? kind;
}

export function eventLabel(t: Translate, action: string): string {
  return catalogue('applicationEvent', action) ?? lookup(t, `self.ev.${action}`) ?? action;
}

export function roleLabel(t: Translate, role: string): string {
  return lookup(t, `self.role.${role}`) ?? catalogue('role', role) ?? role;
}

/** A fact's value in words: yes/no, the option's name, nested facts one per line. */
export function valueText(t: Translate, value: unknown, field?: Pick<FactField, 'type' | 'max'>): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('self.yes') : t('self.no');
  if (typeof value === 'number')
    return field && field.type === 'number' && field.max === 1
      ? `${Math.round(value * 10000) / 100}%`
      : value.toLocaleString('zh-CN');
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  if (typeof value === 'string') return optionLabel(t, value);
  if (Array.isArray(value)) return String(value.length);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${catalogue('fact', k) ?? lookup(t, `self.fact.${k}`) ?? k}：${valueText(t, v)}`)
    .join('；');
}

export function relationLabel(t: Translate, relation: string): string {
  return catalogue('relation', relation) ?? lookup(t, `self.rel.${relation}`) ?? relation;
}
