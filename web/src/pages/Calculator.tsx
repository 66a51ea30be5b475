import { Button, Input, Radio, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, ApiError, useApi } from '../lib/api';
import type { MessageKey } from '../i18n';
import { usePrefs, useTitle } from '../lib/prefs';
import { ErrorNotice, Loading, yuan } from '../lib/status';
import { EDUCATION_LEVELS } from '../../../src/shared/facts/education';
import { programmeName, type Evaluation, type PolicyList } from '../lib/types';

const BOOLEANS = [
  'registeredUnemployed',
  'employed',
  'employmentDifficulty',
  'disabled',
  'lowIncomeFamily',
  'registeredPoor',
  'veteran',
] as const;
type BoolFact = (typeof BOOLEANS)[number];

interface Answers {
  birthDate: string;
  sex: '' | 'male' | 'female';
  education: string | undefined;
  leftSchoolOn: string;
  bools: Partial<Record<BoolFact, '' | 'yes' | 'no'>>;
}
const EMPTY: Answers = { birthDate: '', sex: '', education: undefined, leftSchoolOn: '', bools: {} };

/** Today in China, as the rules engine counts dates. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** The case sent to the rules engine: unanswered questions are simply left out. */
function toCase(a: Answers): Record<string, unknown> {
  const person: Record<string, unknown> = {};
  if (a.birthDate) person.birthDate = a.birthDate;
  if (a.sex) person.sex = a.sex;
  if (a.education) person.education = a.education;
  if (a.leftSchoolOn) person.leftSchoolOn = a.leftSchoolOn;
  for (const k of BOOLEANS) {
    const v = a.bools[k];
    if (v) person[k] = v === 'yes';
  }
  return { date: today(), person };
}

const FACT_LABELS: Record<string, MessageKey> = {
  birthDate: 'calc.birthDate',
  sex: 'calc.sex',
  education: 'calc.education',
  leftSchoolOn: 'calc.leftSchoolOn',
  ...Object.fromEntries(BOOLEANS.map((k) => [k, `calc.${k}` as MessageKey])),
};

function Question({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="question">
      <label className="q" htmlFor={id}>
        {label}
      </label>
      {children}
    </div>
  );
}

export default function Calculator() {
  const { t, lang } = usePrefs();
  useTitle(t('calc.title'));
  const [answers, setAnswers] = useState<Answers>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [result, setResult] = useState<Evaluation>();
  const list = useApi<PolicyList>('/public/programmes');

  const programmes = new Map(
    [...(list.data?.person ?? []), ...(list.data?.enterprise ?? [])].map((p) => [p.id, p]),
  );
  const forPersons = new Set((list.data?.person ?? []).map((p) => p.id));
  const nameOf = (id: string) => {
    const p = programmes.get(id);
    return p ? programmeName(p, lang) : id;
  };
  const factLabel = (path: string) => {
    const key = FACT_LABELS[path.replace(/^person\./, '')];
    return key ? t(key) : path;
  };

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api<Evaluation>('/rules/evaluate', { method: 'POST', body: toCase(answers) }));
    } catch (e) {
      setResult(undefined);
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', ''));
    } finally {
      setBusy(false);
    }
  };

  const yesNo = (k: BoolFact) => (
    <div className="question" key={k} role="group" aria-labelledby={`q-${k}`}>
      <span className="q" id={`q-${k}`}>
        {t(`calc.${k}`)}
      </span>
      <Radio.Group
        value={answers.bools[k] ?? ''}
        onChange={(e) => setAnswers({ ...answers, bools: { ...answers.bools, [k]: e.target.value as '' } })}
      >
        <Radio value="yes">{t('common.yes')}</Radio>
        <Radio value="no">{t('common.no')}</Radio>
        <Radio value="">{t('common.unknown')}</Radio>
      </Radio.Group>
    </div>
  );

  const results = (result?.results ?? []).filter((r) => forPersons.size === 0 || forPersons.has(r.programme));
  const eligible = results.filter((r) => r.eligible === true);
  const unknown = results.filter((r) => r.eligible === null);
  const notEligible = results.filter((r) => r.eligible === false);

  const card = (r: Evaluation['results'][number]) => (
    <li key={r.programme} className="card">
      <h3>{nameOf(r.programme)}</h3>
      {r.eligible === true && r.amount > 0 && (
        <p className="amount">
          {t('calc.amount', { amount: t('common.yuan', { amount: yuan(r.amount, lang) }) })}
        </p>
      )}
      {r.missing.length > 0 && (
        <p>{t('calc.missing', { facts: r.missing.map(factLabel).join(lang === 'en' ? ', ' : '、') })}</p>
      )}
      {r.reasons.length > 0 && (
        <details>
          <summary>{t('calc.reasons')}</summary>
          <ul>
            {r.reasons.map((x, i) => (
              <li key={i}>
                {x.condition}{' '}
                <Tag color={x.met === true ? 'green' : x.met === false ? 'red' : 'default'}>
                  {x.met === true ? t('calc.met') : x.met === false ? t('calc.notMet') : t('calc.unknownMet')}
                </Tag>
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="meta">
        {r.legalBasis} · <Link to={`/policies/${encodeURIComponent(r.programme)}`}>{t('calc.guide')}</Link>
      </p>
    </li>
  );

  return (
    <>
      <h1>{t('calc.title')}</h1>
      <p className="lead">{t('calc.lead')}</p>
      <form
        className="section"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="questions" style={{ paddingTop: '0.75rem' }}>
          <Question id="q-birth" label={t('calc.birthDate')}>
            <Input
              id="q-birth"
              type="date"
              max={today()}
              value={answers.birthDate}
              onChange={(e) => setAnswers({ ...answers, birthDate: e.target.value })}
            />
          </Question>
          <div className="question" role="group" aria-labelledby="q-sex">
            <span className="q" id="q-sex">
              {t('calc.sex')}
            </span>
            <Radio.Group
              value={answers.sex}
              onChange={(e) => setAnswers({ ...answers, sex: e.target.value as Answers['sex'] })}
            >
              <Radio value="male">{t('calc.male')}</Radio>
              <Radio value="female">{t('calc.female')}</Radio>
              <Radio value="">{t('common.unknown')}</Radio>
            </Radio.Group>
          </div>
          <Question id="q-edu" label={t('calc.education')}>
            <select
              id="q-edu"
              className="native-select"
              value={answers.education ?? ''}
              onChange={(e) => setAnswers({ ...answers, education: e.target.value || undefined })}
            >
              <option value="">{t('common.unknown')}</option>
              {EDUCATION_LEVELS.map((e) => (
                <option key={e} value={e}>
                  {t(`edu.${e}`)}
                </option>
              ))}
            </select>
          </Question>
          <Question id="q-left" label={t('calc.leftSchoolOn')}>
            <Input
              id="q-left"
              type="date"
              value={answers.leftSchoolOn}
              onChange={(e) => setAnswers({ ...answers, leftSchoolOn: e.target.value })}
            />
          </Question>
          {BOOLEANS.map(yesNo)}
        </div>
        <div className="actions">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('calc.submit')}
          </Button>
          <Button
            onClick={() => {
              setAnswers(EMPTY);
              setResult(undefined);
              setError(undefined);
            }}
          >
            {t('calc.reset')}
          </Button>
        </div>
      </form>
      <div aria-live="polite">
        {error && (
          <div style={{ marginTop: '1rem' }}>
            <ErrorNotice error={error} />
          </div>
        )}
        {busy && !result && <Loading />}
        {result && (
          <>
            <h2>{t('calc.eligible', { count: eligible.length })}</h2>
            {eligible.length === 0 ? (
              <p>{t('calc.eligibleEmpty')}</p>
            ) : (
              <ul className="cards">{eligible.map(card)}</ul>
            )}
            {unknown.length > 0 && (
              <>
                <h2>{t('calc.needMore', { count: unknown.length })}</h2>
                <ul className="cards">{unknown.map(card)}</ul>
              </>
            )}
            {notEligible.length > 0 && (
              <details className="more">
                <summary>{t('calc.notEligible', { count: notEligible.length })}</summary>
                <ul className="cards">{notEligible.map(card)}</ul>
              </details>
            )}
            <p className="meta" style={{ marginTop: '1rem' }}>
              {t('calc.disclaimer', { pack: result.pack, date: result.date })}
            </p>
          </>
        )}
      </div>
    </>
  );
}
