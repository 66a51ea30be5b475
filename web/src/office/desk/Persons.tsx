import { Alert, Button, Checkbox, Input } from 'antd';
import { Fragment, useState, type FormEvent } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { api, ApiError, useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { today } from '../../lib/dates';
import { labelNow, sourceRefText, useLabels } from '../../lib/labels';
import { usePrefs, useT, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading, Show, yuan } from '../../lib/status';
import type { MessageKey } from '../../i18n';
import type { ApplicationView } from '../../lib/applications';
import type { FactView, PersonView } from '../../lib/registry';
import type { PersonEvaluation, RegistrationView } from './types';
import { described, Field, useAction } from '../../lib/form';
import { ApplicationSummary, errorAt, FormError, PersonCard, useProgrammeNames } from './ui';
import './messages';
import './desk.css';

/** 人员查询: by ID number (exact) or by name within the jurisdiction; results masked. */
function Search() {
  const t = useT();
  useTitle(t('desk.persons.title'));
  const [q, setQ] = useState('');
  const [results, setResults] = useState<PersonView[]>();
  const { busy, error, setError, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    if (!text) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('desk.persons.searchEmpty'), 'q'));
      return;
    }
    const byId = /^\d{6,}[\dXx]?$/.test(text);
    const r = await run(() =>
      api<PersonView[]>('/persons/search', {
        method: 'POST',
        body: byId ? { idNumber: text } : { name: text, limit: 50 },
      }),
    );
    if (r) setResults(r);
  };
  const fieldError = errorAt(error, 'q', 'idNumber', 'name');
  return (
    <section>
      <h1>{t('desk.persons.title')}</h1>
      <p className="lead">{t('desk.persons.lead')}</p>
      <form className="desk-inline" role="search" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          id="persons-q"
          label={t('desk.persons.searchLabel')}
          hint={t('desk.persons.searchHint')}
          error={fieldError}
        >
          <Input
            id="persons-q"
            value={q}
            maxLength={50}
            autoComplete="off"
            onChange={(e) => setQ(e.target.value)}
            {...described('persons-q', true, fieldError)}
          />
        </Field>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('desk.persons.search')}
        </Button>
      </form>
      <FormError error={error} fields={['q', 'idNumber', 'name']} />
      {busy ? (
        <Loading />
      ) : results === undefined ? null : results.length === 0 ? (
        <EmptyNotice text={t('desk.persons.none')} />
      ) : (
        <>
          <p role="status">{t('desk.persons.count', { count: results.length })}</p>
          <ul className="desk-list" data-testid="person-results">
            {results.map((p) => (
              <li key={p.id} className="card desk-row" data-person-id={p.id}>
                <Link to={`${p.id}`}>
                  <strong>{p.name}</strong>
                </Link>
                <span className="code">{p.idNumber}</span>
                <span>
                  {t(p.sex === 'female' ? 'desk.female' : 'desk.male')} ·{' '}
                  {t('desk.persons.age', { age: p.age })}
                </span>
                <span className="meta">
                  {[p.township.name, p.residenceDivision.name].filter(Boolean).join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** 查看完整信息: the reason is required and recorded by the API in the audit trail. */
function Reveal({ p, onRevealed }: { p: PersonView; onRevealed: (p: PersonView) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [phone, setPhone] = useState(p.phone !== null);
  const [fe, setFe] = useState<string>();
  const { busy, error, run } = useAction();
  if (p.revealed.length > 0)
    return (
      <Alert
        type="warning"
        showIcon
        role="status"
        title={t('desk.persons.revealed')}
        description={t('desk.persons.revealedNote')}
      />
    );
  if (!open)
    return (
      <Button onClick={() => setOpen(true)} data-testid="reveal-open">
        {t('desk.persons.reveal')}
      </Button>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 2) {
      setFe(t('desk.persons.reasonRequired'));
      document.getElementById('persons-reason')?.focus();
      return;
    }
    setFe(undefined);
    const fields = ['idNumber', 'birthDate', ...(phone && p.phone !== null ? ['phone'] : [])];
    const r = await run(() =>
      api<PersonView>(`/persons/${p.id}/reveal`, { method: 'POST', body: { fields, reason: reason.trim() } }),
    );
    if (r) onRevealed(r);
  };
  const reasonError = fe ?? errorAt(error, 'reason');
  return (
    <form className="desk-reveal" onSubmit={(e) => void submit(e)} noValidate>
      <Field
        id="persons-reason"
        label={t('desk.persons.reason')}
        hint={t('desk.persons.reasonHint')}
        error={reasonError}
      >
        <Input.TextArea
          id="persons-reason"
          value={reason}
          maxLength={200}
          autoSize={{ minRows: 2, maxRows: 4 }}
          onChange={(e) => {
            setReason(e.target.value);
            setFe(undefined);
          }}
          {...described('persons-reason', true, reasonError)}
        />
      </Field>
      {p.phone !== null && (
        <Checkbox checked={phone} onChange={(e) => setPhone(e.target.checked)}>
          {t('desk.persons.revealPhone')}
        </Checkbox>
      )}
      <FormError error={error} fields={['reason']} />
      <div className="actions">
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('desk.persons.revealSubmit')}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('desk.cancel')}</Button>
      </div>
    </form>
  );
}

/** A fact's value in words: yes/no, an option's name, nested facts as name：value pairs (no JSON). */
function factValue(v: unknown, t: ReturnType<typeof useT>, path = ''): string {
  if (v === true) return t('common.yes');
  if (v === false) return t('common.no');
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map((x) => factValue(x, t, path)).join('、');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => {
        const p = path ? `${path}.${k}` : k;
        return `${labelNow('fact', p) || labelNow('fact', k) || k}：${factValue(x, t, p)}`;
      })
      .join('；');
  if (typeof v === 'string') {
    const named = labelNow('education', v) || labelNow('option', v);
    return named && named !== v ? named : v;
  }
  return String(v);
}

function Facts({ id }: { id: number }) {
  const t = useT();
  const labelFn = useLabels();
  const facts = useApi<FactView[]>(`/persons/${id}/facts`);
  return (
    <section className="section" aria-labelledby="persons-facts-title">
      <h2 id="persons-facts-title">{t('desk.persons.facts')}</h2>
      <Show loaded={facts}>
        {(list) =>
          list.length === 0 ? (
            <EmptyNotice text={t('desk.persons.factsNone')} />
          ) : (
            <dl className="facts">
              {list.map((f) => {
                const key = `desk.fact.${f.name}` as MessageKey;
                const own = labelFn('fact', f.name);
                const label = own && own !== f.name ? own : t(key);
                const ref = sourceRefText(labelFn, f.source.ref);
                return (
                  <Fragment key={f.id}>
                    <dt>{label === key ? f.name : label}</dt>
                    <dd>
                      {factValue(f.value, t, f.name)}{' '}
                      <span className="meta">
                        {t('desk.persons.factSince', { date: f.validFrom })}
                        {f.validTo ? t('desk.persons.factUntil', { date: f.validTo }) : ''} ·{' '}
                        {t(`desk.persons.source.${f.source.kind}` as MessageKey)}
                        {ref ? t('desk.paren', { text: ref }) : ''}
                        {f.via ? ` · ${t('desk.persons.viaHousehold', { id: f.via.household })}` : ''}
                      </span>
                    </dd>
                  </Fragment>
                );
              })}
            </dl>
          )
        }
      </Show>
    </section>
  );
}

/** What they may get: the engine on today's facts, programme by programme, with the reasons. */
function Entitlements({ id }: { id: number }) {
  const { t, lang } = usePrefs();
  const names = useProgrammeNames();
  const [state, setState] = useState<{ data?: PersonEvaluation; error?: ApiError }>();
  const { busy, run } = useAction();
  const evaluate = async () => {
    try {
      const data = await api<PersonEvaluation>(`/persons/${id}/evaluate`, {
        method: 'POST',
        body: { date: today() },
      });
      setState({ data });
    } catch (e) {
      setState({ error: e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', '') });
    }
  };
  const name = (p: string) => {
    const n = names.get(p);
    return n ? (lang === 'en' ? n.nameEn : n.name) : p;
  };
  const results = state?.data?.results ?? [];
  const eligible = results.filter((r) => r.eligible === true);
  const unknown = results.filter((r) => r.eligible === null);
  const not = results.filter((r) => r.eligible === false);
  return (
    <section className="section" aria-labelledby="persons-eval-title" data-testid="entitlements">
      <h2 id="persons-eval-title">{t('desk.persons.eval')}</h2>
      {!state ? (
        <Button loading={busy} onClick={() => void run(evaluate)}>
          {t('desk.persons.evalRun')}
        </Button>
      ) : state.error ? (
        <ErrorNotice error={state.error} onRetry={() => void run(evaluate)} />
      ) : (
        <>
          <p className="meta">
            {t('desk.persons.evalOn', { date: state.data!.date, pack: state.data!.pack })}
          </p>
          <h3>{t('desk.persons.evalEligible', { count: eligible.length })}</h3>
          {eligible.length === 0 ? (
            <p>{t('desk.persons.evalNone')}</p>
          ) : (
            <ul className="cards">
              {eligible.map((r) => (
                <li key={r.programme} className="card">
                  <strong>{name(r.programme)}</strong>
                  {r.amount > 0 && (
                    <span className="amount">
                      {' '}
                      {t('desk.persons.amount', { amount: yuan(r.amount, lang) })}
                    </span>
                  )}
                  <ul className="desk-reasons">
                    {r.reasons.map((c) => (
                      <li key={c.condition} className="desk-met">
                        ✓ {c.condition}
                      </li>
                    ))}
                  </ul>
                  <p className="meta">{r.legalBasis}</p>
                </li>
              ))}
            </ul>
          )}
          {unknown.length > 0 && (
            <details>
              <summary>{t('desk.persons.evalUnknown', { count: unknown.length })}</summary>
              <ul>
                {unknown.map((r) => (
                  <li key={r.programme}>
                    {name(r.programme)}
                    {t('desk.colon')}
                    {t('desk.persons.evalMissing', { facts: r.missing.join(t('desk.listSep')) })}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {not.length > 0 && (
            <details>
              <summary>{t('desk.persons.evalNot', { count: not.length })}</summary>
              <ul>
                {not.map((r) => (
                  <li key={r.programme}>
                    {name(r.programme)}
                    {t('desk.colon')}
                    {r.reasons
                      .filter((c) => c.met === false)
                      .map((c) => c.condition)
                      .join(t('desk.semicolon'))}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

function Records({ id }: { id: number }) {
  const t = useT();
  const regs = useApi<RegistrationView[]>(`/persons/${id}/unemployment-registrations`);
  const apps = useApi<ApplicationView[]>(`/persons/${id}/applications`);
  return (
    <>
      <section className="section" aria-labelledby="persons-regs-title">
        <h2 id="persons-regs-title">{t('desk.unemp.title')}</h2>
        <Show loaded={regs}>
          {(list) =>
            list.length === 0 ? (
              <EmptyNotice text={t('desk.unemp.none')} />
            ) : (
              <ul className="desk-list">
                {list.map((r) => (
                  <li key={r.id} className="desk-row">
                    <span>{t('desk.unemp.certificate')}</span>
                    <strong className="code">{r.certificateNumber}</strong>
                    <span>
                      {r.endedOn
                        ? t('desk.unemp.period', { from: r.registeredOn, to: r.endedOn })
                        : t('desk.unemp.open', { date: r.registeredOn })}
                    </span>
                  </li>
                ))}
              </ul>
            )
          }
        </Show>
      </section>
      <section className="section" aria-labelledby="persons-apps-title">
        <h2 id="persons-apps-title">{t('desk.persons.applications')}</h2>
        <Show loaded={apps}>
          {(list) =>
            list.length === 0 ? (
              <EmptyNotice text={t('desk.persons.applicationsNone')} />
            ) : (
              <ul className="cards">
                {list.map((a) => (
                  <li key={a.id} className="card">
                    <ApplicationSummary a={a} />
                  </li>
                ))}
              </ul>
            )
          }
        </Show>
      </section>
    </>
  );
}

function PersonPage() {
  const t = useT();
  const { me } = useAuth();
  const { id } = useParams();
  const loaded = useApi<PersonView>(`/persons/${id}`);
  const [revealed, setRevealed] = useState<PersonView>();
  const p = revealed ?? loaded.data;
  useTitle(p ? `${p.name} · ${t('desk.persons.title')}` : t('desk.persons.title'));
  const canApps = me.permissions.includes('applications.read');
  return (
    <section>
      <p>
        <Link to="..">{t('desk.persons.back')}</Link>
      </p>
      <h1>{t('desk.persons.person')}</h1>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !p ? (
        <Loading />
      ) : (
        <>
          <PersonCard p={p}>
            <Reveal p={p} onRevealed={setRevealed} />
            {me.permissions.includes('registry.write') && (
              <p>
                <Link to={`/office/desk/${p.id}`}>{t('desk.persons.toDesk')}</Link>
              </p>
            )}
          </PersonCard>
          <Entitlements id={p.id} />
          <Facts id={p.id} />
          {canApps ? <Records id={p.id} /> : null}
        </>
      )}
    </section>
  );
}

/** `/office/persons/*`: registry search and the person page. */
export default function Persons() {
  const t = useT();
  return (
    <div className="desk">
      <Routes>
        <Route index element={<Search />} />
        <Route path=":id" element={<PersonPage />} />
        <Route path="*" element={<EmptyNotice text={t('office.notFound')} />} />
      </Routes>
    </div>
  );
}
