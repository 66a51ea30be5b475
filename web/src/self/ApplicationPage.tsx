import { Alert, Button, Input, Tag } from 'antd';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { ApiError } from '../lib/api';
import { api, useApi } from '../lib/api';
import { usePrefs, useTitle } from '../lib/prefs';
import { formatDateTime } from '../lib/dates';
import { EmptyNotice, ErrorNotice, Show, yuan } from '../lib/status';
import { programmeName, type Guide } from '../lib/types';
import { DecisionView } from './DecisionView';
import {
  checkAll,
  fromDeclared,
  getAt,
  questionOfPath,
  questionsFor,
  toDeclared,
  type Answers,
} from './facts';
import { eventLabel, factLabel, roleLabel, valueText } from './labels';
import { Messages } from './Home';
import { MaterialList, MaterialUpload } from './Materials';
import { Questions } from './Questions';
import { StatusTag } from './StatusTag';
import type { ApplicationView, Material, TimelineEntry } from '../lib/applications';
import type { FactField, ProgrammeFacts } from './types';
import { asApiError } from '../lib/form';

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = usePrefs();
  if (entries.length === 0) return <EmptyNotice text={t('self.app.timelineEmpty')} />;
  return (
    <ol className="self-timeline" data-testid="timeline">
      {entries.map((e, i) => (
        <li key={i} data-action={e.action}>
          <div>
            <strong>{eventLabel(t, e.action)}</strong>{' '}
            <span className="meta">
              {formatDateTime(e.at)} · {roleLabel(t, e.role)}
            </span>
          </div>
          {e.comment && <p className="self-comment">{e.comment}</p>}
        </li>
      ))}
    </ol>
  );
}

function Chain({ app }: { app: ApplicationView }) {
  const { t } = usePrefs();
  return (
    <ol className="self-chain">
      {app.chain.map((s, i) => {
        const now = app.step?.index === i;
        return (
          <li key={s.id} className={now ? 'now' : undefined} aria-current={now ? 'step' : undefined}>
            {s.name} <span className="meta">{t('self.app.chainDays', { days: s.workingDays })}</span>
            {now && (
              <>
                {' '}
                <Tag color="blue">{t('self.app.chainNow')}</Tag>
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** Change what was declared (a draft, or a case returned for correction), add materials, submit again. */
function Correction({
  app,
  fields,
  guide,
  onChanged,
  onMaterial,
}: {
  app: ApplicationView;
  fields: FactField[];
  guide: Guide | undefined;
  onChanged: (a: ApplicationView, note: string) => void;
  onMaterial: () => void;
}) {
  const { t } = usePrefs();
  const declared = useApi<Record<string, unknown>>(`/applications/${app.id}/declared`);
  const questions = useMemo(() => questionsFor(fields, app.decision?.sources), [fields, app.decision]);
  const [answers, setAnswers] = useState<Answers>();
  const [problems, setProblems] = useState<ReturnType<typeof checkAll>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const current = answers ?? (declared.data ? fromDeclared(questions, declared.data) : {});

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const p = checkAll(questions, current);
    setProblems(p);
    setServerErrors({});
    if (Object.keys(p).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api<ApplicationView>(`/applications/${app.id}`, {
        method: 'PATCH',
        body: { declared: toDeclared(questions, current), version: app.version },
      });
      onChanged(saved, t('self.app.saved'));
    } catch (err) {
      const ae = asApiError(err);
      const q = questionOfPath(questions, ae.path);
      if (q) setServerErrors({ [q]: ae.message || t('error.generic') });
      setError(ae);
    } finally {
      setBusy(false);
    }
  };

  const resubmit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const a = await api<ApplicationView>(`/applications/${app.id}/submit`, { method: 'POST' });
      onChanged(a, t('self.app.resubmitted'));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section card self-correction" aria-labelledby="self-correction">
      <h2 id="self-correction">{t('self.app.declared')}</h2>
      {declared.error && <ErrorNotice error={declared.error} onRetry={declared.reload} />}
      {editing ? (
        <form onSubmit={(e) => void save(e)} noValidate>
          <Questions
            fields={questions}
            answers={current}
            onChange={(path, v) => {
              setAnswers({ ...current, [path]: v });
              setProblems(({ [path]: _gone, ...rest }) => rest);
              setServerErrors(({ [path]: _gone, ...rest }) => rest);
            }}
            problems={problems}
            serverErrors={serverErrors}
          />
          <div className="actions">
            <Button onClick={() => setEditing(false)}>{t('self.app.cancelEdit')}</Button>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('self.app.saveEdit')}
            </Button>
          </div>
        </form>
      ) : (
        <>
          {declared.data && (
            <dl className="facts">
              {questions.map((q) => (
                <div key={q.path} className="self-fact-row">
                  <dt>{factLabel(t, q.path)}</dt>
                  <dd>{valueText(t, getAt(declared.data, q.path), q)}</dd>
                </div>
              ))}
            </dl>
          )}
          {questions.length > 0 && (
            <Button onClick={() => setEditing(true)} disabled={!declared.data}>
              {t('self.app.edit')}
            </Button>
          )}
        </>
      )}
      <h3>{t('self.wiz.step3')}</h3>
      <MaterialUpload applicationId={app.id} kinds={guide?.materials ?? []} onUploaded={onMaterial} />
      {error && <ErrorNotice error={error} />}
      {!editing && (
        <div className="actions">
          <Button type="primary" onClick={() => void resubmit()} loading={busy}>
            {app.status === 'returned' ? t('self.app.resubmit') : t('self.app.submit')}
          </Button>
        </div>
      )}
    </section>
  );
}

function Withdraw({ app, onChanged }: { app: ApplicationView; onChanged: (a: ApplicationView) => void }) {
  const { t } = usePrefs();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setReasonError(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onChanged(
        await api<ApplicationView>(`/applications/${app.id}/withdraw`, {
          method: 'POST',
          body: { reason: reason.trim() },
        }),
      );
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };
  if (!open)
    return (
      <p>
        <Button danger onClick={() => setOpen(true)}>
          {t('self.app.withdraw')}
        </Button>
      </p>
    );
  return (
    <form className="section card self-withdraw" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>{t('self.app.withdrawReason')}</label>
      <Input.TextArea
        id={id}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setReasonError(false);
        }}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 6 }}
        aria-invalid={reasonError ? true : undefined}
        aria-describedby={reasonError ? `${id}-error` : undefined}
      />
      {reasonError && (
        <div id={`${id}-error`} className="field-error" role="alert">
          {t('self.app.reasonRequired')}
        </div>
      )}
      <p className="meta">{t('self.app.withdrawNote')}</p>
      {error && <ErrorNotice error={error} />}
      <div className="actions">
        <Button onClick={() => setOpen(false)}>{t('self.app.cancelEdit')}</Button>
        <Button danger type="primary" htmlType="submit" loading={busy}>
          {t('self.app.withdrawConfirm')}
        </Button>
      </div>
    </form>
  );
}

function Page({ initial }: { initial: ApplicationView }) {
  const { t, lang } = usePrefs();
  const [app, setApp] = useState(initial);
  const [note, setNote] = useState<string>();
  const timeline = useApi<TimelineEntry[]>(`/applications/${app.id}/timeline`);
  const materials = useApi<Material[]>(`/applications/${app.id}/materials`);
  const pid = encodeURIComponent(app.programme.id);
  const guide = useApi<Guide>(`/public/programmes/${pid}`);
  const facts = useApi<ProgrammeFacts>(`/public/programmes/${pid}/facts`);
  useTitle(`${t('self.app.title')} ${app.id}`);
  const changed = (a: ApplicationView, message?: string) => {
    setApp(a);
    setNote(message);
    timeline.reload();
    materials.reload();
  };
  const fields = facts.data?.audiences.find((a) => a.audience === app.applicant.type)?.facts ?? [];
  const last = timeline.data?.at(-1);
  const editable = app.status === 'returned' || app.status === 'draft';
  return (
    <div className="self self-application">
      <p>
        <Link to="/me">{t('self.back')}</Link>
      </p>
      <h1>{programmeName(app.programme, lang)}</h1>
      <div className="self-app-head">
        <StatusTag status={app.status} />
        <strong>{t('self.reference', { id: app.id })}</strong>
        <span className="meta">{t('self.appliedOn', { date: app.appliedOn })}</span>
      </div>
      {note && <Alert type="success" showIcon title={note} role="status" />}
      {app.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          title={t('self.app.returned')}
          description={
            last?.action === 'returned' && last.comment
              ? t('self.app.returnedComment', { comment: last.comment })
              : undefined
          }
        />
      )}
      {app.status === 'rejected' && last?.action === 'rejected' && last.comment && (
        <Alert type="error" showIcon title={t('self.app.rejectedComment', { comment: last.comment })} />
      )}
      <div className="self-grid">
        <div>
          <section className="section card" aria-labelledby="self-app-status">
            <h2 id="self-app-status">{t('self.app.status')}</h2>
            <dl className="facts">
              <dt>{t('self.app.channel')}</dt>
              <dd>{app.channel === 'online' ? t('self.app.channelOnline') : t('self.app.channelDesk')}</dd>
              {app.step && (
                <>
                  <dt>{t('self.app.chainNow')}</dt>
                  <dd>
                    {t('self.app.stepDue', {
                      step: lang === 'en' ? app.step.nameEn : app.step.name,
                      due: app.step.dueOn,
                    })}
                    {app.step.overdue && (
                      <>
                        {' '}
                        <Tag color="red">{t('self.app.overdue')}</Tag>
                      </>
                    )}
                  </dd>
                </>
              )}
              {app.notice && (
                <>
                  <dt>{t('self.app.noticeLabel')}</dt>
                  <dd>{t('self.app.notice', { from: app.notice.from, to: app.notice.to })}</dd>
                </>
              )}
              {app.amount !== null && app.status === 'approved' && (
                <>
                  <dt>{t('self.app.amount')}</dt>
                  <dd>{t('common.yuan', { amount: yuan(app.amount, lang) })}</dd>
                </>
              )}
              {app.decidedOn && (
                <>
                  <dt>{t('self.app.decidedOn')}</dt>
                  <dd>{app.decidedOn}</dd>
                </>
              )}
            </dl>
            <h3>{t('self.app.chain')}</h3>
            <Chain app={app} />
          </section>
          {app.finalDecision && (
            <DecisionView decision={app.finalDecision} title={t('self.app.finalDecision')} />
          )}
          {app.decision && !app.finalDecision && (
            <DecisionView decision={app.decision} title={t('self.app.decision')} />
          )}
        </div>
        <div>
          <section className="section" aria-labelledby="self-app-timeline">
            <h2 id="self-app-timeline">{t('self.app.timeline')}</h2>
            <Show loaded={timeline}>{(list) => <Timeline entries={list} />}</Show>
          </section>
          <section className="section" aria-labelledby="self-app-materials">
            <h2 id="self-app-materials">{t('self.app.materials')}</h2>
            <Show loaded={materials}>{(list) => <MaterialList items={list} />}</Show>
          </section>
          <section className="section" aria-labelledby="self-app-messages">
            <h2 id="self-app-messages">{t('self.app.messages')}</h2>
            <Messages filter={(n) => n.subject.type === 'application' && n.subject.id === app.id} />
          </section>
        </div>
      </div>
      {editable && facts.error && <ErrorNotice error={facts.error} onRetry={facts.reload} />}
      {editable && facts.data && (
        <Correction
          key={app.version}
          app={app}
          fields={fields}
          guide={guide.data}
          onChanged={changed}
          onMaterial={materials.reload}
        />
      )}
      {['draft', 'inReview', 'returned'].includes(app.status) && (
        <Withdraw app={app} onChanged={(a) => changed(a, t('self.app.withdrawn'))} />
      )}
    </div>
  );
}

/** `/me/applications/:id`: one application with its decision, steps, timeline, materials and messages. */
export default function ApplicationPage() {
  const { id = '' } = useParams();
  const loaded = useApi<ApplicationView>(`/applications/${encodeURIComponent(id)}`);
  return <Show loaded={loaded}>{(a) => <Page key={a.id} initial={a} />}</Show>;
}
