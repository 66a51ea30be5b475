import { Alert, Button, Checkbox, Steps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ApiError } from '../lib/api';
import { api, useApi } from '../lib/api';
import { useAuth } from '../lib/auth';
import { usePrefs, useTitle } from '../lib/prefs';
import { ErrorNotice, Loading } from '../lib/status';
import { programmeName, type Guide } from '../lib/types';
import { DecisionView } from './DecisionView';
import { checkAll, getAt, knownFrom, questionOfPath, questionsFor, toDeclared, type Answers } from './facts';
import { factLabel, sourceLabel, valueText } from './labels';
import { MaterialList, MaterialUpload } from './Materials';
import { Questions } from './Questions';
import type { ApplicationView, Decision, Material } from '../lib/applications';
import type { FactField, ProgrammeFacts } from './types';
import { asApiError } from '../lib/form';

/** The result page: the reference, where the case now waits and what comes after. */
function Submitted({ app, guide }: { app: ApplicationView; guide: Guide }) {
  const { t, lang } = usePrefs();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="self-done card" aria-labelledby="self-done-title">
      <h1 id="self-done-title" ref={heading} tabIndex={-1}>
        {t('self.done.title')}
      </h1>
      <dl className="self-done-ref">
        <dt>{t('self.done.reference')}</dt>
        <dd className="code" data-testid="application-reference">
          {app.id}
        </dd>
      </dl>
      <p>{programmeName(app.programme, lang)}</p>
      <h2>{t('self.done.next')}</h2>
      {app.step && (
        <p>
          {t('self.done.nowAt', {
            step: lang === 'en' ? app.step.nameEn : app.step.name,
            due: app.step.dueOn,
          })}
        </p>
      )}
      <ol>
        {guide.steps.map((s, i) => (
          <li key={i}>
            {t('self.done.stepLine', { step: lang === 'en' ? s.nameEn : s.name, days: s.workingDays })}
          </li>
        ))}
      </ol>
      <p>{t('self.done.timeLimit', { limit: guide.timeLimit })}</p>
      <p>{t('self.done.notify')}</p>
      <div className="actions">
        <Link className="self-cta" to={`/me/applications/${app.id}`}>
          {t('self.done.view')}
        </Link>
        <Link to="/me">{t('self.done.home')}</Link>
      </div>
    </section>
  );
}

function Known({ fields, decision }: { fields: FactField[]; decision: Decision }) {
  const { t } = usePrefs();
  const known = fields.filter((f) => knownFrom(decision.sources, f.path));
  return (
    <section className="section" aria-labelledby="self-known">
      <h2 id="self-known">{t('self.wiz.known')}</h2>
      {known.length === 0 ? (
        <p>{t('self.wiz.knownEmpty')}</p>
      ) : (
        <dl className="facts self-known" data-testid="known-facts">
          {known.map((f) => (
            <div key={f.path} className="self-fact-row">
              <dt>{factLabel(t, f.path)}</dt>
              <dd>
                <strong>{valueText(t, getAt(decision.facts, f.path), f)}</strong>{' '}
                <span className="meta">
                  {t('self.wiz.source', { source: sourceLabel(t, knownFrom(decision.sources, f.path)!) })}
                </span>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="meta">{t('self.wiz.knownNote')}</p>
    </section>
  );
}

function Wizard({ guide, fields, baseline }: { guide: Guide; fields: FactField[]; baseline: Decision }) {
  const { t, lang } = usePrefs();
  const questions = useMemo(() => questionsFor(fields, baseline.sources), [fields, baseline]);
  const unsupported = questions.filter((q) => q.type === 'list');
  const [step, setStep] = useState(0);
  const [answers, setAnswers] = useState<Answers>({});
  const [problems, setProblems] = useState<ReturnType<typeof checkAll>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [draft, setDraft] = useState<ApplicationView>();
  const [materials, setMaterials] = useState<Material[]>([]);
  const [preview, setPreview] = useState<Decision>();
  const [confirmed, setConfirmed] = useState(false);
  const [confirmError, setConfirmError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [submitted, setSubmitted] = useState<ApplicationView>();
  const stepHeading = useRef<HTMLHeadingElement>(null);

  const go = (n: number) => {
    setError(undefined);
    setStep(n);
    requestAnimationFrame(() => stepHeading.current?.focus());
  };

  const declared = () => toDeclared(questions, answers);

  /** Keep what was declared as a draft (created the first time, changed after), so materials can attach. */
  const saveDeclared = async () => {
    const p = checkAll(questions, answers);
    setProblems(p);
    setServerErrors({});
    if (Object.keys(p).length > 0) {
      document.getElementById(`fact-${Object.keys(p)[0]!.replace(/\./g, '-')}`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const saved = draft
        ? await api<ApplicationView>(`/applications/${draft.id}`, {
            method: 'PATCH',
            body: { declared: declared(), version: draft.version },
          })
        : await api<ApplicationView>('/applications', {
            method: 'POST',
            body: { programmeId: guide.id, declared: declared(), submit: false },
          });
      setDraft(saved);
      go(2);
    } catch (e) {
      const err = asApiError(e);
      const q = questionOfPath(questions, err.path);
      if (q) setServerErrors({ [q]: err.message || t('error.generic') });
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const toCheck = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setPreview(
        await api<Decision>('/applications/preview', {
          method: 'POST',
          body: { programmeId: guide.id, declared: declared() },
        }),
      );
      go(3);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!draft) return;
    if (!confirmed) {
      setConfirmError(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setSubmitted(await api<ApplicationView>(`/applications/${draft.id}/submit`, { method: 'POST' }));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  if (submitted) return <Submitted app={submitted} guide={guide} />;

  const titles = [t('self.wiz.step1'), t('self.wiz.step2'), t('self.wiz.step3'), t('self.wiz.step4')];
  return (
    <div className="self-wizard">
      <h1>{t('self.wiz.title', { programme: programmeName(guide, lang) })}</h1>
      <nav aria-label={t('self.wiz.steps')}>
        <Steps
          current={step}
          size="small"
          items={titles.map((title) => ({ title }))}
          className="self-steps"
          responsive
        />
      </nav>
      <h2 ref={stepHeading} tabIndex={-1} className="self-step-title">
        {`${step + 1}. ${titles[step]}`}
      </h2>
      {unsupported.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('self.wiz.listUnsupported', {
            fact: unsupported.map((q) => factLabel(t, q.path)).join('、'),
          })}
        />
      )}
      {step === 0 && (
        <>
          <Known fields={fields} decision={baseline} />
          <div className="actions">
            <Button type="primary" onClick={() => go(1)} disabled={unsupported.length > 0}>
              {t('self.wiz.next')}
            </Button>
          </div>
        </>
      )}
      {step === 1 && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void saveDeclared();
          }}
        >
          {questions.length === 0 ? (
            <p>{t('self.wiz.declareNone')}</p>
          ) : (
            <>
              <p className="meta">{t('self.wiz.declareNote')}</p>
              <Questions
                fields={questions}
                answers={answers}
                onChange={(path, v) => {
                  setAnswers((a) => ({ ...a, [path]: v }));
                  setProblems(({ [path]: _gone, ...rest }) => rest);
                  setServerErrors(({ [path]: _gone, ...rest }) => rest);
                }}
                problems={problems}
                serverErrors={serverErrors}
              />
            </>
          )}
          {error && <ErrorNotice error={error} />}
          <div className="actions">
            <Button onClick={() => go(0)}>{t('self.wiz.prev')}</Button>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('self.wiz.saveDraft')}
            </Button>
          </div>
        </form>
      )}
      {step === 2 && draft && (
        <>
          <Alert type="info" showIcon title={t('self.wiz.draftSaved', { id: draft.id })} />
          <section className="section">
            <h3>{t('self.wiz.materialsNeeded')}</h3>
            <ol>
              {guide.materials.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ol>
          </section>
          <MaterialUpload
            applicationId={draft.id}
            kinds={guide.materials}
            onUploaded={(m) => setMaterials((list) => [...list, m])}
          />
          <section className="section" aria-live="polite">
            <h3>{t('self.wiz.uploaded')}</h3>
            <MaterialList items={materials} />
          </section>
          {error && <ErrorNotice error={error} />}
          <div className="actions">
            <Button onClick={() => go(1)}>{t('self.wiz.prev')}</Button>
            <Button type="primary" onClick={() => void toCheck()} loading={busy}>
              {t('self.wiz.next')}
            </Button>
          </div>
        </>
      )}
      {step === 3 && preview && (
        <>
          <DecisionView decision={preview} title={t('self.wiz.check')} />
          {preview.eligible !== true ? (
            <Alert type="warning" showIcon title={t('self.wiz.cannotSubmit')} />
          ) : (
            <div className="self-confirm">
              <Checkbox
                checked={confirmed}
                onChange={(e) => {
                  setConfirmed(e.target.checked);
                  setConfirmError(false);
                }}
                aria-describedby={confirmError ? 'self-confirm-error' : undefined}
              >
                {t('self.wiz.confirm')}
              </Checkbox>
              {confirmError && (
                <div id="self-confirm-error" className="field-error" role="alert">
                  {t('self.wiz.confirmRequired')}
                </div>
              )}
            </div>
          )}
          {error && <ErrorNotice error={error} />}
          <div className="actions">
            <Button onClick={() => go(1)}>{t('self.wiz.prev')}</Button>
            {preview.eligible === true && (
              <Button type="primary" onClick={() => void submit()} loading={busy}>
                {t('self.wiz.submit')}
              </Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

/** `/me/apply/:programmeId`: known facts, declared facts, materials, the decision, then submit. */
export default function Apply() {
  const { programmeId = '' } = useParams();
  const { t, lang } = usePrefs();
  const { me } = useAuth();
  const audience = me.role === 'enterprise' ? 'enterprise' : 'person';
  const id = encodeURIComponent(programmeId);
  const guide = useApi<Guide>(`/public/programmes/${id}`);
  const facts = useApi<ProgrammeFacts>(`/public/programmes/${id}/facts`);
  const [baseline, setBaseline] = useState<{ decision?: Decision; error?: ApiError }>({});
  useTitle(
    guide.data ? t('self.wiz.title', { programme: programmeName(guide.data, lang) }) : t('self.title'),
  );
  const forMe =
    guide.data &&
    (guide.data.audience === 'both' || guide.data.audience === audience) &&
    guide.data.applyOnline;

  useEffect(() => {
    if (!forMe) return;
    const ctl = new AbortController();
    api<Decision>('/applications/preview', {
      method: 'POST',
      body: { programmeId, declared: {} },
      signal: ctl.signal,
    }).then(
      (decision) => setBaseline({ decision }),
      (e: unknown) => {
        if (!ctl.signal.aborted) setBaseline({ error: asApiError(e) });
      },
    );
    return () => ctl.abort();
  }, [forMe, programmeId]);

  const back = (
    <p>
      <Link to="/me">{t('self.back')}</Link>
    </p>
  );
  const failed = guide.error ?? facts.error ?? baseline.error;
  if (failed)
    return (
      <>
        {back}
        <ErrorNotice error={failed} />
      </>
    );
  if (!guide.data || !facts.data) return <Loading />;
  if (!forMe)
    return (
      <>
        {back}
        <h1>{programmeName(guide.data, lang)}</h1>
        <Alert
          type="warning"
          showIcon
          title={guide.data.applyOnline ? t('self.wiz.notForYou') : t('self.wiz.notOnline')}
        />
        <p>
          <Link to={`/policies/${guide.data.id}`}>{t('self.guide')}</Link>
        </p>
      </>
    );
  if (!baseline.decision) return <Loading />;
  const fields = facts.data.audiences.find((a) => a.audience === audience)?.facts ?? [];
  return (
    <>
      {back}
      <Wizard guide={guide.data} fields={fields} baseline={baseline.decision} />
    </>
  );
}
