import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { MessageKey, Translate } from '../../i18n';
import { api } from '../../lib/api';
import { formatPercent, urgency } from '../../lib/dates';
import { labelNow } from '../../lib/labels';
import { usePrefs } from '../../lib/prefs';
import type { ApplicationStatus, StepView } from '../../lib/applications';

/** Preset hues whose text the shared styles darken to WCAG AA contrast. */
const STATUS_COLOUR: Record<ApplicationStatus, string | undefined> = {
  draft: undefined,
  inReview: 'blue',
  returned: 'orange',
  rejected: 'red',
  withdrawn: undefined,
  approved: 'green',
};

export function statusLabel(t: (k: MessageKey) => string, status: string): string {
  const key = `cases.status.${status}` as MessageKey;
  const text = t(key);
  return text === key ? status : text;
}

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = usePrefs();
  return (
    <Tag color={STATUS_COLOUR[status]} className="case-status" data-status={status}>
      {statusLabel(t, status)}
    </Tag>
  );
}

/**
 * A step's deadline: overdue red (the server's judgement, or past today), within three days orange,
 * otherwise plain.
 */
export function DeadlineTag({ step }: { step: StepView }) {
  const { t } = usePrefs();
  const u = step.overdue ? 'overdue' : urgency(step.dueOn);
  if (u === 'overdue')
    return (
      <Tag color="red" className="due due-overdue">
        {t('cases.due.overdue', { date: step.dueOn })}
      </Tag>
    );
  if (u === 'soon')
    return (
      <Tag color="orange" className="due due-soon">
        {t('cases.due.soon', { date: step.dueOn })}
      </Tag>
    );
  return <Tag className="due">{t('cases.due.on', { date: step.dueOn })}</Tag>;
}

/** A role's name in the reader's language (the office catalogue has them). */
export function roleName(t: (k: MessageKey) => string, role: string): string {
  const known = labelNow('role', role);
  if (known && known !== role) return known;
  const key = `role.${role}` as MessageKey;
  const text = t(key);
  return text === key ? role : text;
}

const divisionNames = new Map<string, Promise<string | null>>();

/** The name of a division (`GET /divisions/:code`, public reference data), asked once per code. */
export function useDivisionName(code: string | null | undefined): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (!code) return;
    let live = true;
    let p = divisionNames.get(code);
    if (!p) {
      p = api<{ name: string; parent: string | null }>(`/divisions/${code}`).then(
        (d) => d.name,
        () => null,
      );
      divisionNames.set(code, p);
    }
    void p.then((n) => {
      if (live) setName(n);
    });
    return () => {
      live = false;
    };
  }, [code]);
  return name;
}

export function DivisionName({ code }: { code: string }) {
  const name = useDivisionName(code);
  return <span title={code}>{name ?? code}</span>;
}

/** Whether the screen is narrow (a phone): lists show as cards there. */
export function useNarrow(query = '(max-width: 640px)'): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setNarrow(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [query]);
  return narrow;
}

/** A fact's value in words: yes/no, objects as "key: value" pairs, nothing as a dash. */
export function factValue(t: Translate, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value === true) return t('cases.yes');
  if (value === false) return t('cases.no');
  if (value === 'female' || value === 'male') return t(`cases.value.${value}`);
  if (typeof value === 'string') {
    const named = labelNow('education', value) || labelNow('option', value);
    return named && named !== value ? named : value;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value.length === 0 ? '—' : value.map((v) => factValue(t, v)).join(t('cases.join.items'));
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) =>
        t('cases.join.pair', {
          name: factName(t, k),
          value: typeof v === 'number' && /Rate$/.test(k) ? formatPercent(v) : factValue(t, v),
        }),
      )
      .join(t('cases.join.pairs'));
  return JSON.stringify(value);
}

/** A fact's name in words: the label catalogue's (lib/labels), else this part's own. */
export function factName(t: (k: MessageKey) => string, name: string): string {
  const known = labelNow('fact', name);
  if (known && known !== name) return known;
  const key = `cases.fact.${name}` as MessageKey;
  const text = t(key);
  return text === key ? name : text;
}

/** Where a fact came from, in words. */
export function sourceKind(t: (k: MessageKey) => string, kind: string): string {
  const known = labelNow('factSource', kind);
  if (known && known !== kind) return known;
  const key = `cases.source.${kind}` as MessageKey;
  const text = t(key);
  return text === key ? kind : text;
}

/** What a difference between the frozen and the final decision is about, in words. */
export function differenceName(t: (k: MessageKey) => string, what: string): string {
  if (what === 'eligible') return t('cases.diff.eligible');
  if (what === 'amount') return t('cases.diff.amount');
  if (what === 'pack') return t('cases.diff.pack');
  if (what.startsWith('component:')) return `${t('cases.diff.component')} ${what.slice(10)}`;
  if (what.startsWith('fact:')) return `${t('cases.diff.fact')} ${factName(t, what.slice(5))}`;
  return what;
}

/** Who pays a part of the amount, in words. */
export function payerName(t: (k: MessageKey) => string, payer: string): string {
  const key = `cases.payer.${payer}` as MessageKey;
  const text = t(key);
  return text === key ? payer : text;
}
