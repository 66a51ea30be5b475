import { Alert, Button, Checkbox } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { formatDateTime } from '../../lib/dates';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading, Show, yuan } from '../../lib/status';
import type { DivisionItem } from '../../lib/types';
import type { MessageKey } from '../../i18n';
import type { FindingCount, LatestScan, OutreachItem } from './types';
import { asApiError, useAction } from '../../lib/form';
import { useProgrammeNames } from './ui';
import './messages';
import './desk.css';

const STATUS: Record<OutreachItem['status'], MessageKey> = {
  open: 'desk.outreach.status.open',
  notified: 'desk.outreach.status.notified',
  dismissed: 'desk.outreach.status.dismissed',
  applied: 'desk.outreach.status.applied',
};
const keyOf = (f: Pick<OutreachItem, 'subjectType' | 'subjectId' | 'programme'>) =>
  `${f.subjectType}:${f.subjectId}:${f.programme}`;

/** An instant in Beijing time (both languages read the same digits). */
function when(iso: string, _lang: string): string {
  return formatDateTime(iso);
}

/** The latest scan, and running a new one (it runs in the background; its end is followed here). */
function ScanPanel({ onDone }: { onDone: () => void }) {
  const { t, lang } = usePrefs();
  const latest = useApi<LatestScan | null>('/rules/scans/latest');
  const reloadLatest = latest.reload;
  const [runId, setRunId] = useState<number>();
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    if (runId === undefined) return;
    let stop = false;
    const poll = async () => {
      while (!stop) {
        await new Promise((r) => setTimeout(r, 1500));
        if (stop) return;
        try {
          const s = await api<{ status: string; error: string | null }>(`/rules/scans/${runId}`);
          if (s.status !== 'running') {
            setRunId(undefined);
            reloadLatest();
            onDone();
            return;
          }
        } catch (e) {
          setRunId(undefined);
          setError(asApiError(e));
          return;
        }
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [runId, reloadLatest, onDone, setError]);

  // A scan already running (started elsewhere) is followed too.
  const runningId = latest.data?.status === 'running' ? latest.data.runId : undefined;
  useEffect(() => {
    if (runningId !== undefined) setRunId(runningId);
  }, [runningId]);

  const start = async () => {
    const r = await run(() => api<{ runId: number }>('/rules/scans', { method: 'POST', body: {} }));
    if (r) setRunId(r.runId);
  };
  return (
    <section className="section" aria-labelledby="outreach-scan-title" data-testid="scan">
      <h2 id="outreach-scan-title">{t('desk.outreach.scan')}</h2>
      <Show loaded={latest}>
        {(s) =>
          s === null ? (
            <p>{t('desk.outreach.scanNone')}</p>
          ) : (
            <p>
              {t('desk.outreach.scanLine', {
                date: s.date,
                at: when(s.startedAt, lang),
                by: s.startedBy,
                subjects: s.subjects,
                findings: s.findings,
              })}{' '}
              {s.status === 'failed' && <span className="desk-overdue">{t('desk.outreach.scanFailed')}</span>}
              {s.status === 'running' && <span>{t('desk.outreach.scanRunning')}</span>}
            </p>
          )
        }
      </Show>
      <Button onClick={() => void start()} loading={busy || runId !== undefined}>
        {runId !== undefined ? t('desk.outreach.scanRunning') : t('desk.outreach.scanRun')}
      </Button>
      {error && <ErrorNotice error={error} />}
    </section>
  );
}

/** 政策找人: the list of people who may qualify and have not applied, by programme and place; notify. */
export default function Outreach() {
  const { t, lang } = usePrefs();
  useTitle(t('desk.outreach.title'));
  const { me } = useAuth();
  const [programme, setProgramme] = useState('');
  const [township, setTownship] = useState('');
  const [status, setStatus] = useState<'' | OutreachItem['status']>('open');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [updated, setUpdated] = useState<Record<string, OutreachItem>>({});
  const [notice, setNotice] = useState<string>();
  const summary = useApi<FindingCount[]>('/rules/findings/summary');
  const townships = useApi<DivisionItem[]>(
    me.division.length === 6 ? `/divisions?parent=${me.division}` : null,
  );
  const query = new URLSearchParams({ limit: '200' });
  if (programme) query.set('programme', programme);
  if (township) query.set('township', township);
  if (status) query.set('status', status);
  const list = useApi<OutreachItem[]>(`/rules/outreach?${query.toString()}`);
  const { busy, error, run } = useAction();
  const reloadList = list.reload;
  const reloadSummary = summary.reload;
  const refresh = useMemo(
    () => () => {
      reloadList();
      reloadSummary();
    },
    [reloadList, reloadSummary],
  );

  const programmes = useMemo(() => {
    const m = new Map<string, { open: number; notified: number }>();
    for (const c of summary.data ?? []) {
      const e = m.get(c.programme) ?? { open: 0, notified: 0 };
      if (c.status === 'open') e.open += c.count;
      if (c.status === 'notified') e.notified += c.count;
      m.set(c.programme, e);
    }
    return m;
  }, [summary.data]);
  const items = list.data?.map((f) => updated[keyOf(f)] ?? f);
  const programmeNames = useProgrammeNames();
  const nameOf = (id: string) => {
    const p = programmeNames.get(id);
    return p ? (lang === 'en' ? p.nameEn : p.name) : id;
  };
  const openKeys = (items ?? []).filter((f) => f.status === 'open').map(keyOf);

  const notify = async (keys: string[]) => {
    const findings = keys.map((k) => {
      const [subjectType, subjectId, ...rest] = k.split(':');
      return { subjectType, subjectId: Number(subjectId), programme: rest.join(':') };
    });
    const r = await run(() =>
      api<{ notified: OutreachItem[]; alreadyNotified: OutreachItem[] }>('/rules/outreach/notify', {
        method: 'POST',
        body: { findings },
      }),
    );
    if (!r) return;
    setUpdated((u) => {
      const next = { ...u };
      for (const f of [...r.notified, ...r.alreadyNotified]) next[keyOf(f)] = f;
      return next;
    });
    setSelected(new Set());
    setNotice(
      t('desk.outreach.notifiedCount', { count: r.notified.length }) +
        (r.alreadyNotified.length
          ? t('desk.outreach.alreadyCount', { count: r.alreadyNotified.length })
          : ''),
    );
    reloadSummary();
  };
  const toggle = (k: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(k);
      else n.delete(k);
      return n;
    });

  return (
    <section className="desk">
      <h1>{t('desk.outreach.title')}</h1>
      <p className="lead">{t('desk.outreach.lead')}</p>
      <ScanPanel onDone={refresh} />
      <form
        className="desk-filters"
        aria-label={t('desk.outreach.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label className="desk-filter">
          <span>{t('desk.outreach.programme')}</span>
          <select className="native-select" value={programme} onChange={(e) => setProgramme(e.target.value)}>
            <option value="">{t('desk.outreach.all')}</option>
            {[...programmes.entries()].map(([id, c]) => (
              <option key={id} value={id}>
                {nameOf(id) + t('desk.outreach.programmeCounts', { open: c.open, notified: c.notified })}
              </option>
            ))}
          </select>
        </label>
        {townships.data && (
          <label className="desk-filter">
            <span>{t('desk.outreach.township')}</span>
            <select className="native-select" value={township} onChange={(e) => setTownship(e.target.value)}>
              <option value="">{t('desk.outreach.all')}</option>
              {townships.data.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="desk-filter">
          <span>{t('desk.outreach.statusLabel')}</span>
          <select
            className="native-select"
            value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}
          >
            <option value="">{t('desk.outreach.all')}</option>
            <option value="open">{t('desk.outreach.status.open')}</option>
            <option value="notified">{t('desk.outreach.status.notified')}</option>
          </select>
        </label>
        <Button onClick={refresh}>{t('desk.outreach.refresh')}</Button>
      </form>
      {notice && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={notice}
          closable
          onClose={() => setNotice(undefined)}
        />
      )}
      {error && <ErrorNotice error={error} />}
      {list.error ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : !items || list.loading ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyNotice text={t('desk.outreach.empty')} />
      ) : (
        <>
          <div className="desk-row desk-select-all">
            <p role="status">{t('desk.outreach.count', { count: items.length })}</p>
            {openKeys.length > 0 && (
              <Checkbox
                checked={openKeys.every((k) => selected.has(k))}
                indeterminate={selected.size > 0 && !openKeys.every((k) => selected.has(k))}
                onChange={(e) => setSelected(e.target.checked ? new Set(openKeys) : new Set())}
              >
                {t('desk.outreach.selectAll')}
              </Checkbox>
            )}
            <Button
              type="primary"
              disabled={selected.size === 0}
              loading={busy}
              onClick={() => void notify([...selected])}
            >
              {t('desk.outreach.notifySelected', { count: selected.size })}
            </Button>
          </div>
          <ul className="desk-list" data-testid="outreach-list">
            {items.map((f) => {
              const k = keyOf(f);
              return (
                <li key={k} className="card" data-finding={k}>
                  <div className="desk-row">
                    {f.status === 'open' && (
                      <Checkbox
                        checked={selected.has(k)}
                        onChange={(e) => toggle(k, e.target.checked)}
                        aria-label={t('desk.outreach.select', { name: f.name ?? String(f.subjectId) })}
                      />
                    )}
                    {f.subjectType === 'person' ? (
                      <Link to={`/office/persons/${f.subjectId}`}>
                        <strong>{f.name ?? t('desk.outreach.person', { id: f.subjectId })}</strong>
                      </Link>
                    ) : (
                      <strong>{t('desk.outreach.enterprise', { id: f.subjectId })}</strong>
                    )}
                    <span>{lang === 'en' ? nameOf(f.programme) : f.programmeName}</span>
                    <span className="meta">
                      {[f.township.name, f.division.code !== f.township.code ? f.division.name : null]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                    {f.amount > 0 && (
                      <span className="amount">
                        {t('desk.persons.amount', { amount: yuan(f.amount, lang) })}
                      </span>
                    )}
                  </div>
                  <div className="desk-row">
                    <span
                      className={f.status === 'notified' ? 'desk-met' : undefined}
                      data-testid="finding-status"
                    >
                      {f.status === 'notified' && f.notifiedAt
                        ? t('desk.outreach.notifiedBy', {
                            by: f.notifiedBy ?? '',
                            at: when(f.notifiedAt, lang),
                          })
                        : t(STATUS[f.status])}
                    </span>
                    <span className="meta">{t('desk.outreach.asOf', { date: f.asOf })}</span>
                    {f.status === 'open' && (
                      <Button size="small" loading={busy} onClick={() => void notify([k])}>
                        {t('desk.outreach.notify')}
                      </Button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
