import { Alert, Button, Input, Modal, Tabs, Tag } from 'antd';
import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { api, ApiError, useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { today } from '../../lib/dates';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import { chinaTime, formatValue } from './format';
import { known, Source } from './parts';
import type { PackOverview, PackVersion, ParameterView, ProgrammeView } from '../../lib/rules';
import type { PackDiff } from './types';
import './messages';
import './admin.css';
import { asApiError } from '../../lib/form';

function ParameterHistory({ p }: { p: ParameterView }) {
  const { t, lang } = usePrefs();
  return (
    <div className="admin-history" data-parameter={p.id}>
      <p className="admin-muted">
        <code>{p.id}</code>
        {(p.min !== null || p.max !== null) &&
          ' · ' +
            t('admin.policy.limits', {
              min: p.min === null ? '—' : formatValue(p.min, p.unit, lang),
              max: p.max === null ? '—' : formatValue(p.max, p.unit, lang),
            })}
        {p.toBeSet && (
          <Tag color="orange" className="admin-tag-gap">
            {t('admin.policy.toBeSet')}
          </Tag>
        )}
      </p>
      {p.limitReference && (
        <div>
          <h4>{t('admin.policy.limitSource')}</h4>
          <Source r={p.limitReference} />
        </div>
      )}
      <h4>{t('admin.policy.history')}</h4>
      <ol className="admin-periods">
        {[...p.history].reverse().map((h) => (
          <li key={h.from} className="admin-period">
            <div className="admin-period-head">
              <strong className="admin-value">{formatValue(h.value, p.unit, lang)}</strong>
              <span>
                {h.to
                  ? t('admin.policy.period', { from: h.from, to: h.to })
                  : t('admin.policy.periodOpen', { from: h.from })}
              </span>
            </div>
            <Source r={h.reference} />
          </li>
        ))}
      </ol>
    </div>
  );
}

function ParameterRow({ p }: { p: ParameterView }) {
  const { t, lang } = usePrefs();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <li className="admin-param">
      <div className="admin-param-head">
        <span className="admin-param-name">{lang === 'en' && p.nameEn ? p.nameEn : p.name}</span>
        <span className="admin-value">{formatValue(p.current, p.unit, lang)}</span>
        <Button size="small" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {open ? t('admin.policy.hideHistory') : t('admin.policy.showHistory')}
        </Button>
      </div>
      <div id={id} hidden={!open}>
        {open && <ParameterHistory p={p} />}
      </div>
    </li>
  );
}

function Programme({ p, params }: { p: ProgrammeView; params: Map<string, ParameterView> }) {
  const { t, lang } = usePrefs();
  const used = p.parameters.map((id) => params.get(id)).filter((x): x is ParameterView => !!x);
  return (
    <li className="card admin-programme" data-programme={p.id}>
      <h3>{lang === 'en' ? p.nameEn : p.name}</h3>
      <p className="admin-muted">
        {known(t, `admin.audience.${p.audience}`, p.audience)} · {known(t, `admin.kind.${p.kind}`, p.kind)}
        {p.fund && ` · ${t('admin.policy.fund', { fund: p.fund })}`}
      </p>
      <h4>{t('admin.policy.legalBasis')}</h4>
      <Source r={p.legalBasis} />
      {p.versions.length > 1 && (
        <p className="admin-muted">
          {t('admin.policy.ruleVersions', {
            list: [...p.versions]
              .sort((a, b) => (a.from < b.from ? -1 : 1))
              .map((v) => (v.to ? `${v.from} – ${v.to}` : `${v.from} –`))
              .join('；'),
          })}
        </p>
      )}
      <h4>{t('admin.policy.parameters')}</h4>
      {used.length === 0 ? (
        <p className="admin-muted">{t('admin.policy.noParameters')}</p>
      ) : (
        <ul className="admin-params">
          {used.map((x) => (
            <ParameterRow key={x.id} p={x} />
          ))}
        </ul>
      )}
    </li>
  );
}

function DiffView({ diff }: { diff: PackDiff }) {
  const { t } = usePrefs();
  const change = (c: string) => known(t, `admin.diff.${c}`, c);
  const same = diff.parameters.length === 0 && diff.programmes.length === 0;
  return (
    <div className="admin-diff" aria-live="polite">
      <h4>{t('admin.diff.title', { from: diff.from, to: diff.to })}</h4>
      {same && <p>{t('admin.diff.none')}</p>}
      {diff.parameters.length > 0 && (
        <>
          <h5>{t('admin.diff.parameters')}</h5>
          <ul>
            {diff.parameters.map((d) => (
              <li key={d.id}>
                <Tag>{change(d.change)}</Tag> <code>{d.id}</code>
                {d.change === 'changed' && (
                  <pre className="admin-json">
                    {t('admin.diff.before')}: {JSON.stringify(d.before)}
                    {'\n'}
                    {t('admin.diff.after')}: {JSON.stringify(d.after)}
                  </pre>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.programmes.length > 0 && (
        <>
          <h5>{t('admin.diff.programmes')}</h5>
          <ul>
            {diff.programmes.map((d) => (
              <li key={d.id}>
                <Tag>{change(d.change)}</Tag> <code>{d.id}</code>
                {d.parts?.length ? ` (${d.parts.join(', ')})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="admin-muted">
        {t('admin.diff.cases', { before: diff.cases.before, after: diff.cases.after })}
      </p>
    </div>
  );
}

function ActivateDialog({ v, onClose, onDone }: { v: PackVersion; onClose: () => void; onDone: () => void }) {
  const { t } = usePrefs();
  const id = useId();
  const [from, setFrom] = useState(today());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`/rules/packs/${encodeURIComponent(v.version)}/activate`, { method: 'POST', body: { from } });
      onDone();
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('admin.activate.title', { label: v.label })}
      onCancel={onClose}
      onOk={() => void confirm()}
      okText={t('admin.activate.confirm')}
      cancelText={t('admin.cancel')}
      confirmLoading={busy}
    >
      <p>{t('admin.activate.explain')}</p>
      <label htmlFor={id} className="admin-label">
        {t('admin.activate.from')}
      </label>
      <Input
        id={id}
        type="date"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        status={error?.path === 'from' ? 'error' : undefined}
        aria-invalid={error?.path === 'from'}
      />
      {error && <ErrorNotice error={error} />}
    </Modal>
  );
}

function Versions({
  o,
  canManage,
  onChanged,
}: {
  o: PackOverview;
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t } = usePrefs();
  const [diffs, setDiffs] = useState<Record<string, PackDiff | ApiError | 'loading'>>({});
  const [activating, setActivating] = useState<PackVersion>();
  const [done, setDone] = useState<string>();
  const showDiff = async (v: PackVersion) => {
    setDiffs((d) => ({ ...d, [v.version]: 'loading' }));
    try {
      const diff = await api<PackDiff>(`/rules/packs/${encodeURIComponent(v.version)}/diff`);
      setDiffs((d) => ({ ...d, [v.version]: diff }));
    } catch (e) {
      setDiffs((d) => ({ ...d, [v.version]: asApiError(e) }));
    }
  };
  const status = (v: PackVersion) =>
    v.inForce ? (
      <Tag color="green">{t('admin.versions.inForce')}</Tag>
    ) : v.activeFrom ? (
      v.activeFrom > o.date ? (
        <Tag color="blue">{t('admin.versions.scheduled', { from: v.activeFrom })}</Tag>
      ) : (
        <Tag>{t('admin.versions.superseded')}</Tag>
      )
    ) : (
      <Tag color="gold">{t('admin.versions.loaded')}</Tag>
    );
  return (
    <section aria-labelledby="admin-versions-h">
      <h2 id="admin-versions-h">{t('admin.versions.title')}</h2>
      {done && <Alert type="success" showIcon title={done} closable onClose={() => setDone(undefined)} />}
      {!canManage && <Alert type="info" showIcon title={t('admin.policy.readOnly')} />}
      <p>
        {o.activeFrom
          ? t('admin.versions.activeSince', { label: o.active, from: o.activeFrom })
          : t('admin.versions.bundledActive', { label: o.active })}
      </p>
      {o.versions.length === 0 ? (
        <EmptyNotice text={t('admin.versions.empty')} />
      ) : (
        <ul className="admin-versions">
          {[...o.versions].reverse().map((v) => {
            const d = diffs[v.version];
            return (
              <li key={v.id} className="card" data-version={v.version}>
                <div className="admin-version-head">
                  <strong>{v.label}</strong> {status(v)}
                </div>
                <dl className="admin-dl">
                  <dt>{t('admin.versions.loadedAt')}</dt>
                  <dd>
                    {chinaTime(v.loadedAt)} · {v.loadedBy} · {t('admin.versions.checked')}
                  </dd>
                  <dt>{t('admin.versions.activeFrom')}</dt>
                  <dd>
                    {v.activeFrom
                      ? t('admin.versions.activatedBy', {
                          from: v.activeFrom,
                          at: v.activatedAt ? chinaTime(v.activatedAt) : '—',
                          by: v.activatedBy ?? '—',
                        })
                      : t('admin.versions.notActivated')}
                  </dd>
                  <dt>{t('admin.versions.checksum')}</dt>
                  <dd>
                    <code className="admin-break">{v.checksum.slice(0, 16)}…</code>
                  </dd>
                </dl>
                {canManage && (
                  <div className="admin-actions">
                    <Button onClick={() => void showDiff(v)} loading={d === 'loading'}>
                      {t('admin.versions.diff')}
                    </Button>
                    {!v.inForce && (
                      <Button type="primary" onClick={() => setActivating(v)}>
                        {t('admin.versions.activate')}
                      </Button>
                    )}
                  </div>
                )}
                {d instanceof ApiError && <ErrorNotice error={d} />}
                {d && d !== 'loading' && !(d instanceof ApiError) && <DiffView diff={d} />}
              </li>
            );
          })}
        </ul>
      )}
      {activating && (
        <ActivateDialog
          v={activating}
          onClose={() => setActivating(undefined)}
          onDone={() => {
            setDone(t('admin.activate.done', { label: activating.label }));
            setActivating(undefined);
            onChanged();
          }}
        />
      )}
      {canManage && <LoadPack onLoaded={onChanged} />}
    </section>
  );
}

/** Load a new version from a JSON file of the pack's sources (POST /rules/packs). */
function LoadPack({ onLoaded }: { onLoaded: () => void }) {
  const { t } = usePrefs();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [result, setResult] = useState<{ version: { version: string; pack: string }; diff: PackDiff }>();
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(undefined);
    setResult(undefined);
    let sources: unknown;
    try {
      const parsed = JSON.parse(await file.text()) as { sources?: unknown };
      sources = parsed && typeof parsed === 'object' && 'sources' in parsed ? parsed.sources : parsed;
    } catch {
      setError(new ApiError(400, 'MALFORMED_JSON', t('admin.load.notJson')));
      return;
    }
    setBusy(true);
    try {
      setResult(await api('/rules/packs', { method: 'POST', body: { sources } }));
      onLoaded();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card admin-load">
      <h3>{t('admin.load.title')}</h3>
      <p className="admin-muted">{t('admin.load.explain')}</p>
      <label htmlFor={id} className="admin-label">
        {t('admin.load.file')}
      </label>
      <input
        id={id}
        type="file"
        accept=".json,application/json"
        onChange={(e) => void onFile(e)}
        disabled={busy}
      />
      {busy && <Loading />}
      {error && <ErrorNotice error={error} />}
      {result && (
        <>
          <Alert
            type="success"
            showIcon
            title={t('admin.load.done', { label: `${result.version.pack}@${result.version.version}` })}
          />
          <DiffView diff={result.diff} />
        </>
      )}
    </div>
  );
}

function AllParameters({ list }: { list: ParameterView[] }) {
  const { t, lang } = usePrefs();
  const [q, setQ] = useState('');
  const id = useId();
  const shown = list.filter(
    (p) => !q || p.id.includes(q) || p.name.includes(q) || p.nameEn?.toLowerCase().includes(q.toLowerCase()),
  );
  return (
    <section aria-labelledby="admin-params-h">
      <h2 id="admin-params-h">{t('admin.policy.allParameters')}</h2>
      <label htmlFor={id} className="admin-label">
        {t('admin.policy.search')}
      </label>
      <Input id={id} value={q} onChange={(e) => setQ(e.target.value)} allowClear className="admin-search" />
      {shown.length === 0 ? (
        <EmptyNotice text={t('admin.policy.noMatch')} />
      ) : (
        <ul className="admin-params card">
          {shown.map((p) => (
            <ParameterRow key={p.id} p={p} />
          ))}
        </ul>
      )}
      <p className="admin-muted">{t('admin.policy.count', { count: shown.length, lang })}</p>
    </section>
  );
}

/** 政策参数: the pack in force, its programmes and parameters with history and sources; versions. */
export default function Policy() {
  const { t } = usePrefs();
  useTitle(t('admin.policy.title'));
  const { me } = useAuth();
  const canManage = me.permissions.includes('rules.manage');
  const loaded = useApi<PackOverview>('/rules/pack-overview');
  const o = loaded.data;
  const params = useMemo(() => new Map(o?.parameters.map((p) => [p.id, p])), [o]);
  return (
    <section className="admin-page">
      <h1>{t('admin.policy.title')}</h1>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !o ? (
        <Loading />
      ) : (
        <>
          <div className="card admin-pack">
            <p>
              <strong>{o.name}</strong> <Tag color="green">{o.active}</Tag>
            </p>
            <p className="admin-muted">
              {o.activeFrom
                ? t('admin.versions.activeSince', { label: o.active, from: o.activeFrom })
                : t('admin.versions.bundledActive', { label: o.active })}
            </p>
            <Source r={o.source} />
          </div>
          <Tabs
            items={[
              {
                key: 'programmes',
                label: t('admin.policy.programmes'),
                children:
                  o.programmes.length === 0 ? (
                    <EmptyNotice />
                  ) : (
                    <ul className="admin-programmes">
                      {o.programmes.map((p) => (
                        <Programme key={p.id} p={p} params={params} />
                      ))}
                    </ul>
                  ),
              },
              {
                key: 'parameters',
                label: t('admin.policy.allParameters'),
                children: <AllParameters list={o.parameters} />,
              },
              {
                key: 'versions',
                label: t('admin.versions.title'),
                children: <Versions o={o} canManage={canManage} onChanged={loaded.reload} />,
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
