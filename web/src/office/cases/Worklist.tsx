import { Alert, Button, Checkbox, Input, Select, Table, Tabs } from 'antd';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { urgency } from '../../lib/dates';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading, yuan } from '../../lib/status';
import { programmeName, type PolicyList } from '../../lib/types';
import { DeadlineTag, DivisionName, statusLabel, StatusTag, useNarrow } from './parts';
import type { WorkItemView } from '../../lib/applications';
import { STATUSES } from './types';

const PAGE = 20;

type View = 'mine' | 'all';

/** The programmes to filter by (the policy in force, both audiences). */
function useProgrammes() {
  const { lang } = usePrefs();
  const loaded = useApi<PolicyList>('/public/programmes');
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const p of [...(loaded.data?.person ?? []), ...(loaded.data?.enterprise ?? [])])
      if (!seen.has(p.id)) seen.set(p.id, programmeName(p, lang));
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [loaded.data, lang]);
}

/** Open an application by its number (the API answers 找不到该申请 when it is not within reach). */
function OpenByNumber() {
  const { t } = usePrefs();
  const navigate = useNavigate();
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = value.trim();
    if (!/^\d{1,15}$/.test(n)) {
      setError(t('cases.goto.invalid'));
      return;
    }
    void navigate(n);
  };
  return (
    <form className="cases-goto" onSubmit={submit} noValidate role="search">
      <label htmlFor={id}>{t('cases.goto')}</label>
      <Input
        id={id}
        inputMode="numeric"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setError(undefined);
        }}
        status={error ? 'error' : undefined}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        className="cases-goto-input"
      />
      <Button htmlType="submit">{t('cases.goto.open')}</Button>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** Page cursors: the worklist pages on from the last row's due date and id, the list from the last id. */
type Cursor = { afterDue: string; afterId: number } | { beforeId: number } | null;

function pathOf(view: View, programme: string, status: string, cursor: Cursor): string {
  const q = new URLSearchParams({ limit: String(PAGE + 1) });
  if (programme) q.set('programmeId', programme);
  if (view === 'all' && status) q.set('status', status);
  if (cursor && 'afterDue' in cursor) {
    q.set('afterDue', cursor.afterDue);
    q.set('afterId', String(cursor.afterId));
  }
  if (cursor && 'beforeId' in cursor) q.set('beforeId', String(cursor.beforeId));
  return view === 'mine' ? `/applications/worklist?${q.toString()}` : `/applications?${q.toString()}`;
}

/** 待办: the cases at the user's steps, nearest deadline first; and every case within the jurisdiction. */
export function Worklist() {
  const { t, lang } = usePrefs();
  useTitle(t('cases.title'));
  const { me } = useAuth();
  const canReview = me.permissions.includes('applications.review');
  const [params, setParams] = useSearchParams();
  const view: View = canReview && params.get('view') !== 'all' ? 'mine' : 'all';
  const programme = params.get('programme') ?? '';
  const status = params.get('status') ?? '';
  const [urgentOnly, setUrgentOnly] = useState(false);
  const [cursors, setCursors] = useState<Cursor[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const programmes = useProgrammes();
  const narrow = useNarrow();
  const loaded = useApi<WorkItemView[]>(pathOf(view, programme, status, cursor));

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
    setCursors([null]);
  };

  const rows = loaded.data?.slice(0, PAGE);
  const hasNext = (loaded.data?.length ?? 0) > PAGE;
  const shown =
    rows && urgentOnly
      ? rows.filter((r) => r.step && (r.step.overdue || urgency(r.step.dueOn) !== 'later'))
      : rows;
  const nextPage = () => {
    const last = rows?.[rows.length - 1];
    if (!last) return;
    setCursors((c) => [
      ...c,
      view === 'mine' && last.step ? { afterDue: last.step.dueOn, afterId: last.id } : { beforeId: last.id },
    ]);
  };

  const columns = [
    {
      title: t('cases.col.id'),
      key: 'id',
      render: (_: unknown, r: WorkItemView) => (
        <Link to={String(r.id)} className="case-link" aria-label={t('cases.open', { id: r.id })}>
          {t('cases.number', { id: r.id })}
        </Link>
      ),
    },
    {
      title: t('cases.col.programme'),
      key: 'programme',
      render: (_: unknown, r: WorkItemView) => programmeName(r.programme, lang),
    },
    {
      title: t('cases.col.place'),
      key: 'place',
      render: (_: unknown, r: WorkItemView) => <DivisionName code={r.division} />,
    },
    {
      title: t('cases.col.status'),
      key: 'status',
      render: (_: unknown, r: WorkItemView) => <StatusTag status={r.status} />,
    },
    {
      title: t('cases.col.step'),
      key: 'step',
      render: (_: unknown, r: WorkItemView) => (r.step ? (lang === 'en' ? r.step.nameEn : r.step.name) : '—'),
    },
    {
      title: t('cases.col.due'),
      key: 'due',
      className: 'nowrap',
      render: (_: unknown, r: WorkItemView) => (r.step ? <DeadlineTag step={r.step} /> : '—'),
    },
    {
      title: t('cases.col.amount'),
      key: 'amount',
      className: 'nowrap',
      render: (_: unknown, r: WorkItemView) =>
        r.amount === null ? '—' : t('cases.yuan', { amount: yuan(r.amount, lang) }),
    },
    {
      title: t('cases.col.applied'),
      key: 'applied',
      className: 'nowrap',
      render: (_: unknown, r: WorkItemView) => r.appliedOn,
    },
  ];

  return (
    <section className="cases">
      <div className="cases-top">
        <h1>{t('cases.title')}</h1>
        <OpenByNumber />
      </div>
      {canReview ? (
        <Tabs
          activeKey={view}
          onChange={(k) => set({ view: k === 'all' ? 'all' : '', status: '' })}
          items={[
            { key: 'mine', label: t('cases.view.mine') },
            { key: 'all', label: t('cases.view.all') },
          ]}
        />
      ) : (
        <Alert type="info" showIcon title={t('cases.readOnly')} />
      )}
      <form className="cases-filters" aria-label={t('cases.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('cases.filter.programme')}</span>
          <Select
            aria-label={t('cases.filter.programme')}
            value={programme}
            onChange={(v: string) => set({ programme: v })}
            className="cases-select"
            options={[{ value: '', label: t('cases.filter.all') }, ...programmes]}
          />
        </label>
        {view === 'all' ? (
          <label>
            <span>{t('cases.filter.status')}</span>
            <Select
              aria-label={t('cases.filter.status')}
              value={status}
              onChange={(v: string) => set({ status: v })}
              className="cases-select-short"
              options={[
                { value: '', label: t('cases.filter.all') },
                ...STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) })),
              ]}
            />
          </label>
        ) : (
          <Checkbox checked={urgentOnly} onChange={(e) => setUrgentOnly(e.target.checked)}>
            {t('cases.filter.urgent')}
          </Checkbox>
        )}
        <Button onClick={loaded.reload}>{t('cases.refresh')}</Button>
      </form>
      <p className="cases-hint">{view === 'mine' ? t('cases.hint.mine') : t('cases.hint.all')}</p>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !shown || loaded.loading ? (
        <Loading />
      ) : shown.length === 0 && cursors.length === 1 ? (
        <EmptyNotice text={view === 'mine' ? t('cases.empty.mine') : t('cases.empty.all')} />
      ) : (
        <>
          <p role="status">{t('cases.page', { page: cursors.length, count: shown.length })}</p>
          {narrow ? (
            <ul className="cases-cards">
              {shown.map((r) => (
                <li
                  key={r.id}
                  data-id={r.id}
                  className={`card case-card ${r.step ? `urgency-${r.step.overdue ? 'overdue' : urgency(r.step.dueOn)}` : ''}`}
                >
                  <div className="case-card-head">
                    <Link to={String(r.id)} className="case-link" aria-label={t('cases.open', { id: r.id })}>
                      {t('cases.number', { id: r.id })}
                    </Link>
                    <StatusTag status={r.status} />
                  </div>
                  <div>{programmeName(r.programme, lang)}</div>
                  <div className="case-muted">
                    <DivisionName code={r.division} /> · {r.appliedOn}
                    {r.amount !== null && <> · {t('cases.yuan', { amount: yuan(r.amount, lang) })}</>}
                  </div>
                  {r.step && (
                    <div className="case-card-step">
                      <span>{lang === 'en' ? r.step.nameEn : r.step.name}</span>
                      <DeadlineTag step={r.step} />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <div className="table-wrap">
              <Table<WorkItemView>
                className="cases-table"
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={shown}
                pagination={false}
                scroll={{ x: true }}
                onRow={(r) => ({ 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
                rowClassName={(r) =>
                  r.step ? `urgency-${r.step.overdue ? 'overdue' : urgency(r.step.dueOn)}` : ''
                }
              />
            </div>
          )}
          <nav className="cases-pager" aria-label={t('cases.pager')}>
            <Button disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              {t('cases.prev')}
            </Button>
            <Button disabled={!hasNext} onClick={nextPage}>
              {t('cases.next')}
            </Button>
          </nav>
        </>
      )}
    </section>
  );
}
