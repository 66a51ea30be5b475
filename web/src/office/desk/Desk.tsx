import { Alert, Button, Checkbox, Input, Radio } from 'antd';
import { useCallback, useState, type FormEvent } from 'react';
import { Link, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { api, ApiError, useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { today } from '../../lib/dates';
import { useT, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Show } from '../../lib/status';
import type { MessageKey } from '../../i18n';
import { DivisionChooser } from './DivisionChooser';
import { idNumberFacts, idNumberProblem, phoneLooksRight, type IdProblem } from './idNumber';
import type { ApplicationView } from '../../lib/applications';
import type { PersonView } from '../../lib/registry';
import type { ReferralView } from '../../lib/referrals';
import type { HouseholdView, RegistrationView } from './types';
import { described, Field, useAction } from '../../lib/form';
import { ApplicationSummary, errorAt, FormError, PersonCard } from './ui';
import './messages';
import './desk.css';

const ID_PROBLEM: Record<IdProblem, MessageKey> = {
  empty: 'desk.id.empty',
  format: 'desk.id.format',
  birthDate: 'desk.id.birthDate',
  future: 'desk.id.future',
  checksum: 'desk.id.checksum',
};
const DIFFICULTY = 'employment-difficulty-identification';
const RELATIONS = [
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'childInLaw',
  'other',
];

/** Find someone already registered, by ID number. */
function FindPerson() {
  const t = useT();
  const navigate = useNavigate();
  const [idNumber, setIdNumber] = useState('');
  const [notFound, setNotFound] = useState(false);
  const { busy, error, setError, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotFound(false);
    const problem = idNumberProblem(idNumber, today());
    if (problem) {
      setError(new ApiError(400, 'INVALID_ID_NUMBER', t(ID_PROBLEM[problem]), 'idNumber'));
      return;
    }
    const found = await run(() =>
      api<PersonView[]>('/persons/search', { method: 'POST', body: { idNumber: idNumber.trim() } }),
    );
    if (!found) return;
    if (found[0]) void navigate(`${found[0].id}`);
    else setNotFound(true);
  };
  return (
    <section className="section" aria-labelledby="desk-find-title">
      <h2 id="desk-find-title">{t('desk.find.title')}</h2>
      <form className="desk-inline" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="desk-find-id" label={t('desk.idNumber')} error={errorAt(error, 'idNumber')}>
          <Input
            id="desk-find-id"
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value)}
            autoComplete="off"
            maxLength={18}
            {...described('desk-find-id', false, errorAt(error, 'idNumber'))}
          />
        </Field>
        <Button htmlType="submit" loading={busy}>
          {t('desk.find.submit')}
        </Button>
      </form>
      <FormError error={error} fields={['idNumber']} />
      {notFound && <Alert type="info" showIcon title={t('desk.find.none')} />}
    </section>
  );
}

interface RegisterForm {
  name: string;
  idNumber: string;
  phone: string;
  residence: string;
  household: 'none' | 'new' | 'join';
  householdNumber: string;
  householdId: string;
  relation: string;
  disabled: boolean;
}
const EMPTY: RegisterForm = {
  name: '',
  idNumber: '',
  phone: '',
  residence: '',
  household: 'none',
  householdNumber: '',
  householdId: '',
  relation: 'spouse',
  disabled: false,
};

/** Check before sending; the keys are the API's field names. */
function checkForm(f: RegisterForm, t: ReturnType<typeof useT>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!f.name.trim()) errors.name = t('desk.reg.nameRequired');
  const problem = idNumberProblem(f.idNumber, today());
  if (problem) errors.idNumber = t(ID_PROBLEM[problem]);
  if (!phoneLooksRight(f.phone)) errors.phone = t('desk.reg.phoneWrong');
  if (f.residence.length < 9) errors.residenceDivision = t('desk.reg.residenceRequired');
  if (f.household === 'join' && !/^\d+$/.test(f.householdId.trim()))
    errors.householdId = t('desk.reg.householdIdRequired');
  return errors;
}

/** 登记: a person who comes to the desk, with an optional household. */
function Register() {
  const t = useT();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [f, setF] = useState<RegisterForm>(EMPTY);
  const [fe, setFe] = useState<Record<string, string>>({});
  const { busy, error, setError, run } = useAction();
  const set = <K extends keyof RegisterForm>(k: K, v: RegisterForm[K]) => {
    setF((x) => ({ ...x, [k]: v }));
    // An edited field loses its old error (a new one comes on leaving it, or on sending).
    setFe((x) => {
      if (!(k in x)) return x;
      const { [k]: _drop, ...rest } = x;
      return rest;
    });
  };
  const setResidence = useCallback((code: string) => setF((x) => ({ ...x, residence: code })), []);
  const facts = idNumberFacts(f.idNumber);
  const at = (field: string) => fe[field] ?? errorAt(error, field);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errors = checkForm(f, t);
    setFe(errors);
    setError(undefined);
    const first = Object.keys(errors)[0];
    if (first) {
      document.getElementById(`desk-reg-${first}`)?.focus();
      return;
    }
    const done = await run(async () => {
      // The household is checked first, so a wrong number stops before anyone is registered.
      if (f.household === 'join') {
        try {
          await api<HouseholdView>(`/households/${f.householdId.trim()}`);
        } catch (err) {
          if (err instanceof ApiError && err.status === 404)
            throw new ApiError(404, err.code, t('desk.reg.householdNotFound'), 'householdId');
          throw err;
        }
      }
      const body: Record<string, unknown> = {
        name: f.name.trim(),
        idNumber: f.idNumber.trim().toUpperCase(),
        residenceDivision: f.residence,
      };
      if (f.phone.trim()) body.phone = f.phone.replace(/[\s-]/g, '');
      if (f.disabled) body.disabled = true;
      const person = await api<PersonView>('/persons', { method: 'POST', body });
      let householdError: ApiError | undefined;
      try {
        if (f.household === 'new')
          await api('/households', {
            method: 'POST',
            body: {
              residenceDivision: f.residence,
              ...(f.householdNumber.trim() ? { householdNumber: f.householdNumber.trim() } : {}),
              members: [{ personId: person.id, relation: 'head' }],
            },
          });
        if (f.household === 'join')
          await api(`/households/${f.householdId.trim()}/members`, {
            method: 'POST',
            body: { personId: person.id, relation: f.relation },
          });
      } catch (err) {
        householdError = err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', '');
      }
      return { person, householdError };
    });
    if (done)
      void navigate(`${done.person.id}`, {
        state: { registered: true, householdError: done.householdError?.message ?? null },
      });
  };

  return (
    <section className="section" aria-labelledby="desk-reg-title">
      <h2 id="desk-reg-title">{t('desk.reg.title')}</h2>
      <p className="meta">{t('desk.reg.lead')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="desk-form">
        <div className="questions">
          <Field id="desk-reg-name" label={t('desk.reg.name')} error={at('name')}>
            <Input
              id="desk-reg-name"
              value={f.name}
              maxLength={50}
              autoComplete="off"
              onChange={(e) => set('name', e.target.value)}
              {...described('desk-reg-name', false, at('name'))}
            />
          </Field>
          <Field
            id="desk-reg-idNumber"
            label={t('desk.reg.idNumber')}
            hint={
              facts
                ? t('desk.reg.idFacts', {
                    date: facts.birthDate,
                    sex: t(facts.sex === 'female' ? 'desk.female' : 'desk.male'),
                  })
                : t('desk.reg.idHint')
            }
            error={at('idNumber')}
          >
            <Input
              id="desk-reg-idNumber"
              value={f.idNumber}
              maxLength={18}
              autoComplete="off"
              onChange={(e) => set('idNumber', e.target.value)}
              onBlur={() => {
                const p = f.idNumber.trim() ? idNumberProblem(f.idNumber, today()) : null;
                setFe((x) => {
                  const { idNumber: _drop, ...rest } = x;
                  return p ? { ...rest, idNumber: t(ID_PROBLEM[p]) } : rest;
                });
              }}
              {...described('desk-reg-idNumber', true, at('idNumber'))}
            />
          </Field>
          <Field id="desk-reg-phone" label={t('desk.reg.phone')} error={at('phone')}>
            <Input
              id="desk-reg-phone"
              value={f.phone}
              inputMode="tel"
              maxLength={20}
              autoComplete="off"
              onChange={(e) => set('phone', e.target.value)}
              {...described('desk-reg-phone', false, at('phone'))}
            />
          </Field>
          <Field
            id="desk-reg-residenceDivision"
            label={t('desk.reg.residence')}
            error={at('residenceDivision')}
          >
            <DivisionChooser
              id="desk-reg-residenceDivision"
              jurisdiction={me.division}
              value={f.residence}
              onChange={setResidence}
              error={at('residenceDivision')}
            />
          </Field>
        </div>
        <Checkbox checked={f.disabled} onChange={(e) => set('disabled', e.target.checked)}>
          {t('desk.reg.disabled')}
        </Checkbox>
        <fieldset className="question desk-household">
          <legend className="q">{t('desk.reg.household')}</legend>
          <Radio.Group
            value={f.household}
            onChange={(e) => set('household', e.target.value as RegisterForm['household'])}
          >
            <Radio value="none">{t('desk.reg.householdNone')}</Radio>
            <Radio value="new">{t('desk.reg.householdNew')}</Radio>
            <Radio value="join">{t('desk.reg.householdJoin')}</Radio>
          </Radio.Group>
          {f.household === 'new' && (
            <Field id="desk-reg-householdNumber" label={t('desk.reg.householdNumber')}>
              <Input
                id="desk-reg-householdNumber"
                value={f.householdNumber}
                maxLength={30}
                onChange={(e) => set('householdNumber', e.target.value)}
              />
            </Field>
          )}
          {f.household === 'join' && (
            <div className="questions">
              <Field id="desk-reg-householdId" label={t('desk.reg.householdId')} error={at('householdId')}>
                <Input
                  id="desk-reg-householdId"
                  value={f.householdId}
                  inputMode="numeric"
                  maxLength={12}
                  onChange={(e) => set('householdId', e.target.value)}
                  {...described('desk-reg-householdId', false, at('householdId'))}
                />
              </Field>
              <Field id="desk-reg-relation" label={t('desk.reg.relation')}>
                <select
                  id="desk-reg-relation"
                  className="native-select"
                  value={f.relation}
                  onChange={(e) => set('relation', e.target.value)}
                >
                  {RELATIONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`desk.relation.${r}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          )}
        </fieldset>
        <FormError error={error} fields={['name', 'idNumber', 'phone', 'residenceDivision', 'householdId']} />
        <div className="actions">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('desk.reg.submit')}
          </Button>
          <Button
            onClick={() => {
              setF(EMPTY);
              setFe({});
              setError(undefined);
            }}
          >
            {t('desk.reg.clear')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function DeskHome() {
  const t = useT();
  useTitle(t('desk.title'));
  return (
    <section>
      <h1>{t('desk.title')}</h1>
      <p className="lead">{t('desk.lead')}</p>
      <FindPerson />
      <Register />
    </section>
  );
}

/** 失业登记: register, show the 就业创业证 number, end it on employment. */
function Unemployment({ person }: { person: PersonView }) {
  const t = useT();
  const regs = useApi<RegistrationView[]>(`/persons/${person.id}/unemployment-registrations`);
  const [ableToWork, setAbleToWork] = useState(true);
  const [unemployed, setUnemployed] = useState(true);
  const [endOn, setEndOn] = useState(today());
  const [ending, setEnding] = useState(false);
  const { busy, error, run } = useAction();
  const open = regs.data?.find((r) => r.endedOn === null);

  const register = async () => {
    const r = await run(() =>
      api<RegistrationView>('/unemployment-registrations', {
        method: 'POST',
        body: { personId: person.id, declared: { ableToWork, employed: !unemployed } },
      }),
    );
    if (r) regs.reload();
  };
  const end = async (e: FormEvent) => {
    e.preventDefault();
    if (!open) return;
    const r = await run(() =>
      api<RegistrationView>(`/unemployment-registrations/${open.id}/end`, {
        method: 'POST',
        body: { on: endOn, reason: 'employed' },
      }),
    );
    if (r) {
      setEnding(false);
      regs.reload();
    }
  };

  return (
    <section className="section" aria-labelledby="desk-unemp-title" data-testid="unemployment">
      <h2 id="desk-unemp-title">{t('desk.unemp.title')}</h2>
      <Show loaded={regs}>
        {(list) => (
          <>
            {open ? (
              <div className="desk-cert" role="status">
                <p>
                  {t('desk.unemp.open', { date: open.registeredOn })}
                  <br />
                  {t('desk.unemp.certificate')}{' '}
                  <strong className="code" data-testid="certificate">
                    {open.certificateNumber}
                  </strong>
                </p>
                {ending ? (
                  <form className="desk-inline" onSubmit={(e) => void end(e)} noValidate>
                    <Field id="desk-unemp-end" label={t('desk.unemp.endOn')} error={errorAt(error, 'on')}>
                      <input
                        id="desk-unemp-end"
                        type="date"
                        className="native-select"
                        value={endOn}
                        min={open.registeredOn}
                        onChange={(e) => setEndOn(e.target.value)}
                        {...described('desk-unemp-end', false, errorAt(error, 'on'))}
                      />
                    </Field>
                    <Button type="primary" htmlType="submit" loading={busy}>
                      {t('desk.unemp.endSubmit')}
                    </Button>
                    <Button onClick={() => setEnding(false)}>{t('desk.cancel')}</Button>
                  </form>
                ) : (
                  <Button onClick={() => setEnding(true)}>{t('desk.unemp.end')}</Button>
                )}
              </div>
            ) : (
              <div>
                <p className="meta">{t('desk.unemp.none')}</p>
                <fieldset className="question">
                  <legend className="q">{t('desk.unemp.declare')}</legend>
                  <Checkbox checked={ableToWork} onChange={(e) => setAbleToWork(e.target.checked)}>
                    {t('desk.unemp.ableToWork')}
                  </Checkbox>
                  <Checkbox checked={unemployed} onChange={(e) => setUnemployed(e.target.checked)}>
                    {t('desk.unemp.unemployed')}
                  </Checkbox>
                </fieldset>
                <Button type="primary" loading={busy} onClick={() => void register()}>
                  {t('desk.unemp.register')}
                </Button>
              </div>
            )}
            {error && !errorAt(error, 'on') && <ErrorNotice error={error} />}
            {list.some((r) => r.endedOn) && (
              <details>
                <summary>{t('desk.unemp.history')}</summary>
                <ul>
                  {list
                    .filter((r) => r.endedOn)
                    .map((r) => (
                      <li key={r.id}>
                        <span className="code">{r.certificateNumber}</span> ·{' '}
                        {t('desk.unemp.period', { from: r.registeredOn, to: r.endedOn ?? '' })}
                      </li>
                    ))}
                </ul>
              </details>
            )}
          </>
        )}
      </Show>
    </section>
  );
}

/** 就业困难人员认定: apply at the desk; where it stands, with its 公示. */
function Difficulty({ person }: { person: PersonView }) {
  const t = useT();
  const apps = useApi<ApplicationView[]>(`/persons/${person.id}/applications`);
  const { busy, error, run } = useAction();
  const mine = apps.data?.filter((a) => a.programme.id === DIFFICULTY) ?? [];
  const pending = mine.find(
    (a) => a.status === 'inReview' || a.status === 'returned' || a.status === 'draft',
  );
  const apply = async () => {
    const a = await run(() =>
      api<ApplicationView>('/difficulty-identifications', {
        method: 'POST',
        body: { applicant: { type: 'person', id: person.id }, submit: true },
      }),
    );
    if (a) apps.reload();
  };
  return (
    <section className="section" aria-labelledby="desk-diff-title" data-testid="difficulty">
      <h2 id="desk-diff-title">{t('desk.diff.title')}</h2>
      <p className="meta">{t('desk.diff.lead')}</p>
      <Show loaded={apps}>
        {() => (
          <>
            {mine.length === 0 ? (
              <p>{t('desk.diff.none')}</p>
            ) : (
              <ul className="cards">
                {mine.map((a) => (
                  <li key={a.id} className="card">
                    <ApplicationSummary a={a} />
                  </li>
                ))}
              </ul>
            )}
            {!pending && (
              <p className="actions">
                <Button type="primary" loading={busy} onClick={() => void apply()}>
                  {t('desk.diff.apply')}
                </Button>
              </p>
            )}
            {error && <ErrorNotice error={error} />}
          </>
        )}
      </Show>
    </section>
  );
}

/** 转介民政: refer the person to civil affairs (低保, 临时救助); earlier referrals and their answers. */
function Refer({ person }: { person: PersonView }) {
  const t = useT();
  const list = useApi<ReferralView[]>(`/referrals?personId=${person.id}`);
  const [kind, setKind] = useState<ReferralView['kind']>('minimumLiving');
  const [reason, setReason] = useState('');
  const [fe, setFe] = useState<string>();
  const { busy, error, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 2) {
      setFe(t('desk.refer.reasonRequired'));
      document.getElementById('desk-refer-reason')?.focus();
      return;
    }
    setFe(undefined);
    const r = await run(() =>
      api<ReferralView>('/referrals', {
        method: 'POST',
        body: { personId: person.id, kind, reason: reason.trim() },
      }),
    );
    if (r) {
      setReason('');
      list.reload();
    }
  };
  const reasonError = fe ?? errorAt(error, 'reason');
  const STATUS: Record<ReferralView['status'], MessageKey> = {
    open: 'desk.referrals.status.open',
    needsMoreInformation: 'desk.referrals.status.needsMoreInformation',
    accepted: 'desk.referrals.status.accepted',
    declined: 'desk.referrals.status.declined',
  };
  return (
    <section className="section" aria-labelledby="desk-refer-title" data-testid="refer">
      <h2 id="desk-refer-title">{t('desk.refer.title')}</h2>
      <Show loaded={list}>
        {(items) =>
          items.length === 0 ? null : (
            <ul className="desk-list">
              {items.map((r) => (
                <li key={r.id} className="desk-row">
                  <span>{t(`desk.referrals.kind.${r.kind}` as MessageKey)}</span>
                  <span>{t('desk.refer.on', { date: r.referredOn })}</span>
                  <strong className={r.overdue ? 'desk-overdue' : undefined}>
                    {r.overdue ? t('desk.overdue') : t(STATUS[r.status])}
                  </strong>
                  <Link to="/office/referrals">{t('desk.refer.follow')}</Link>
                </li>
              ))}
            </ul>
          )
        }
      </Show>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="questions">
          <Field id="desk-refer-kind" label={t('desk.refer.kind')}>
            <select
              id="desk-refer-kind"
              className="native-select"
              value={kind}
              onChange={(e) => setKind(e.target.value as ReferralView['kind'])}
            >
              <option value="minimumLiving">{t('desk.referrals.kind.minimumLiving')}</option>
              <option value="temporaryAssistance">{t('desk.referrals.kind.temporaryAssistance')}</option>
            </select>
          </Field>
          <Field id="desk-refer-reason" label={t('desk.refer.reason')} error={reasonError}>
            <Input.TextArea
              id="desk-refer-reason"
              value={reason}
              maxLength={1000}
              autoSize={{ minRows: 2, maxRows: 6 }}
              onChange={(e) => {
                setReason(e.target.value);
                setFe(undefined);
              }}
              {...described('desk-refer-reason', false, reasonError)}
            />
          </Field>
        </div>
        <FormError error={error} fields={['reason']} />
        <Button htmlType="submit" loading={busy}>
          {t('desk.refer.submit')}
        </Button>
      </form>
    </section>
  );
}

function DeskPerson() {
  const t = useT();
  const { id } = useParams();
  const location = useLocation();
  const state = location.state as { registered?: boolean; householdError?: string | null } | null;
  const { me } = useAuth();
  const person = useApi<PersonView>(`/persons/${id}`);
  useTitle(person.data ? `${person.data.name} · ${t('desk.title')}` : t('desk.title'));
  return (
    <section>
      <p>
        <Link to="..">{t('desk.back')}</Link>
      </p>
      <h1>{t('desk.person.title')}</h1>
      {state?.registered && <Alert type="success" showIcon role="status" title={t('desk.reg.done')} />}
      {state?.householdError && (
        <Alert
          type="warning"
          showIcon
          title={t('desk.reg.householdFailed', { message: state.householdError })}
        />
      )}
      <Show loaded={person}>
        {(p) => (
          <>
            <PersonCard p={p}>
              <p>
                <Link to={`/office/persons/${p.id}`}>{t('desk.person.full')}</Link>
              </p>
            </PersonCard>
            <Unemployment person={p} />
            <Difficulty person={p} />
            {me.permissions.includes('referrals.create') && <Refer person={p} />}
          </>
        )}
      </Show>
    </section>
  );
}

/** `/office/desk/*`: 村/乡镇窗口 — find or register a person, then 失业登记 and 就业困难人员认定. */
export default function Desk() {
  const t = useT();
  return (
    <div className="desk">
      <Routes>
        <Route index element={<DeskHome />} />
        <Route path=":id" element={<DeskPerson />} />
        <Route path="*" element={<EmptyNotice text={t('office.notFound')} />} />
      </Routes>
    </div>
  );
}
