import { Alert, AutoComplete, Button, Input, Tag } from 'antd';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../lib/api';
import { api, useApi } from '../../lib/api';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import { chinaTime } from './format';
import { labelNow, useLabels } from '../../lib/labels';
import { known } from './parts';
import type { AuditPage, AuditRecord, AuditVerification } from './types';
import './messages';
import './admin.css';
import { asApiError } from '../../lib/form';

const PAGE = 20;
/** Actions the viewer names in words (others show their code); the filter offers them. */
const ACTIONS = [
  'login',
  'login.failed',
  'login.locked',
  'logout',
  'account.create',
  'account.disable',
  'account.enable',
  'account.unlock',
  'account.resetPassword',
  'person.create',
  'person.reveal',
  'fact.set',
  'rules.pack.load',
  'rules.pack.activate',
  'rules.scan',
  'rules.simulate',
  'enterprise.create',
  'household.create',
  'complaint.send',
  'complaint.answer',
  'funds.budget.set',
  'paymentBatch.create',
];
const ENTITY_TYPES = [
  'account',
  'person',
  'enterprise',
  'application',
  'packVersion',
  'complaint',
  'paymentBatch',
];

interface Filters {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { actor: '', action: '', entityType: '', entityId: '', from: '', to: '' };

function query(f: Filters, before: number | undefined): string {
  const q = new URLSearchParams({ limit: String(PAGE) });
  for (const [k, v] of Object.entries(f)) if (v.trim()) q.set(k, v.trim());
  if (before) q.set('before', String(before));
  return `/audit/records?${q.toString()}`;
}

function Field({
  label,
  error,
  children,
}: {
  label: string;
  error: ApiError | undefined;
  children: (id: string, invalid: boolean) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="admin-field">
      <label htmlFor={id}>{label}</label>
      {children(id, !!error)}
      {error && (
        <div className="field-error" role="alert">
          {error.message}
        </div>
      )}
    </div>
  );
}

/** A value of an audit record's details in words (no JSON in front of people). */
function detailText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(detailText).join('、');
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${labelNow('fact', k) || k}：${detailText(x)}`)
    .join('；');
}

function Details({ value }: { value: unknown }) {
  const { t } = usePrefs();
  useLabels();
  if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0))
    return <p className="admin-muted">{t('admin.audit.noDetails')}</p>;
  if (typeof value === 'object' && !Array.isArray(value)) {
    return (
      <dl className="admin-dl admin-details">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <div key={k} className="admin-dl-row">
            <dt>{known(t, `admin.detail.${k}`, labelNow('fact', k) || k)}</dt>
            <dd>{detailText(v)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <p>{detailText(value)}</p>;
}

function Record({ r }: { r: AuditRecord }) {
  const label = useLabels();
  const { t } = usePrefs();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <li className="card admin-record" data-seq={r.seq} data-action={r.action}>
      <div className="admin-record-head">
        <strong>{label('auditAction', r.action) || known(t, `admin.action.${r.action}`, r.action)}</strong>
        <span className="admin-muted">{chinaTime(r.at)}</span>
        <span className="admin-muted">#{r.seq}</span>
      </div>
      <dl className="admin-dl">
        <dt>{t('admin.audit.by')}</dt>
        <dd>
          {r.actor.username} · {known(t, `role.${r.actor.role}`, r.actor.role)}
        </dd>
        <dt>{t('admin.audit.subject')}</dt>
        <dd>
          {r.entityType
            ? `${known(t, `admin.entity.${r.entityType}`, r.entityType)} ${r.entityId ?? ''}`
            : t('admin.audit.none')}
        </dd>
        <dt>{t('admin.audit.channel')}</dt>
        <dd>
          {known(t, `admin.channel.${r.channel}`, r.channel)}
          {r.ip ? ` · ${r.ip}` : ''}
        </dd>
      </dl>
      <Button size="small" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? t('admin.audit.hideDetails') : t('admin.audit.showDetails')}
      </Button>
      <div id={id} hidden={!open}>
        {open && <Details value={r.details} />}
      </div>
    </li>
  );
}

function Verify() {
  const { t } = usePrefs();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerification>();
  const [error, setError] = useState<ApiError>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api<AuditVerification>('/audit/verify', { method: 'POST' }));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="admin-verify" aria-live="polite">
      <Button onClick={() => void run()} loading={busy}>
        {t('admin.audit.verify')}
      </Button>
      {error && <ErrorNotice error={error} />}
      {result &&
        (result.problems.length === 0 ? (
          <Alert
            type="success"
            showIcon
            className="admin-verify-result"
            title={t('admin.audit.verifyOk', { records: result.records, chains: result.chains })}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            className="admin-verify-result"
            title={t('admin.audit.verifyBad', { count: result.problems.length, records: result.records })}
            description={
              <ul>
                {result.problems.map((p) => (
                  <li key={`${p.chain}-${p.seq}-${p.problem}`}>{p.messageZh}</li>
                ))}
              </ul>
            }
          />
        ))}
    </div>
  );
}

/** 审计日志: the audit trail, newest first, filtered and paged; a record's details; verify the chain. */
export default function Audit() {
  const label = useLabels();
  const { t } = usePrefs();
  useTitle(t('admin.audit.title'));
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  // Pages: the `before` cursor of each page shown so far (undefined: the newest).
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const loaded = useApi<AuditPage>(query(filters, cursors[cursors.length - 1]));
  const fieldError = (name: string) => (loaded.error?.path === name ? loaded.error : undefined);
  const set = (k: keyof Filters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
    setCursors([undefined]);
  };
  const page = loaded.data;
  const otherError =
    loaded.error &&
    !['actor', 'action', 'entityType', 'entityId', 'from', 'to'].includes(loaded.error.path ?? '');
  return (
    <section className="admin-page">
      <h1>{t('admin.audit.title')}</h1>
      <Verify />
      <form className="admin-filters" aria-label={t('admin.audit.filters')} onSubmit={submit} noValidate>
        <Field label={t('admin.audit.actor')} error={fieldError('actor')}>
          {(id, bad) => (
            <Input
              id={id}
              value={draft.actor}
              onChange={(e) => set('actor')(e.target.value)}
              status={bad ? 'error' : undefined}
            />
          )}
        </Field>
        <Field label={t('admin.audit.action')} error={fieldError('action')}>
          {(id) => (
            <AutoComplete
              id={id}
              value={draft.action}
              onChange={set('action')}
              options={ACTIONS.map((a) => ({
                value: a,
                label: label('auditAction', a) || known(t, `admin.action.${a}`, a),
              }))}
              filterOption={(input, o) => !!o && String(o.label).toLowerCase().includes(input.toLowerCase())}
              allowClear
            />
          )}
        </Field>
        <Field label={t('admin.audit.subjectType')} error={fieldError('entityType')}>
          {(id) => (
            <AutoComplete
              id={id}
              value={draft.entityType}
              onChange={set('entityType')}
              options={ENTITY_TYPES.map((a) => ({
                value: a,
                label: `${known(t, `admin.entity.${a}`, a)} (${a})`,
              }))}
              allowClear
            />
          )}
        </Field>
        <Field label={t('admin.audit.subjectId')} error={fieldError('entityId')}>
          {(id, bad) => (
            <Input
              id={id}
              value={draft.entityId}
              onChange={(e) => set('entityId')(e.target.value)}
              status={bad ? 'error' : undefined}
            />
          )}
        </Field>
        <Field label={t('admin.audit.from')} error={fieldError('from')}>
          {(id, bad) => (
            <Input
              id={id}
              type="date"
              value={draft.from}
              onChange={(e) => set('from')(e.target.value)}
              status={bad ? 'error' : undefined}
            />
          )}
        </Field>
        <Field label={t('admin.audit.to')} error={fieldError('to')}>
          {(id, bad) => (
            <Input
              id={id}
              type="date"
              value={draft.to}
              onChange={(e) => set('to')(e.target.value)}
              status={bad ? 'error' : undefined}
            />
          )}
        </Field>
        <div className="admin-actions admin-filter-actions">
          <Button type="primary" htmlType="submit">
            {t('admin.audit.search')}
          </Button>
          <Button
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
              setCursors([undefined]);
            }}
          >
            {t('admin.audit.clear')}
          </Button>
        </div>
      </form>
      {loaded.error && otherError ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : loaded.error ? null : !page || loaded.loading ? (
        <Loading />
      ) : page.records.length === 0 ? (
        <EmptyNotice text={t('admin.audit.empty')} />
      ) : (
        <>
          <p role="status">
            {t('admin.audit.pageInfo', { page: cursors.length, count: page.records.length })}
            {cursors.length > 1 && <Tag className="admin-tag-gap">{t('admin.audit.older')}</Tag>}
          </p>
          <ul className="admin-records">
            {page.records.map((r) => (
              <Record key={`${r.chain}-${r.seq}`} r={r} />
            ))}
          </ul>
          <nav className="admin-actions" aria-label={t('admin.audit.pages')}>
            <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              {t('admin.audit.newer')}
            </Button>
            <Button
              disabled={page.next === null}
              onClick={() => setCursors((c) => [...c, page.next ?? undefined])}
            >
              {t('admin.audit.nextPage')}
            </Button>
          </nav>
        </>
      )}
    </section>
  );
}
