import { Alert } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePrefs, useTitle } from '../../lib/prefs';
import { ErrorNotice, Loading, yuan } from '../../lib/status';
import { programmeName } from '../../lib/types';
import { Applicant } from './Applicant';
import { DecisionSummary, DifferencesTable, FactsTable } from './DecisionView';
import { Materials } from './Materials';
import { Notice } from './Notice';
import { DeadlineTag, roleName, statusLabel, StatusTag } from './parts';
import { ReferPanel } from './ReferPanel';
import { ReviewPanel } from './ReviewPanel';
import { Timeline } from './Timeline';
import type { ApplicationView, TimelineEntry } from '../../lib/applications';
import type { ReviewAnswer } from './types';

/** 临时生活补助: its applicants may be referred to civil affairs from the case. */
const REFERRED_FROM = 'temporary-living-allowance';

/** What the last action did, in words. */
function Outcome({ answer }: { answer: ReviewAnswer }) {
  const { t, lang } = usePrefs();
  const text =
    answer.status === 'approved'
      ? t('cases.done.approved', { amount: yuan(answer.amount ?? 0, lang) })
      : answer.status === 'returned'
        ? t('cases.done.returned')
        : answer.status === 'rejected'
          ? t('cases.done.rejected')
          : t('cases.done.next', {
              step: answer.step ? (lang === 'en' ? answer.step.nameEn : answer.step.name) : '',
            });
  return (
    <Alert
      type="success"
      showIcon
      role="status"
      className="case-outcome-alert"
      title={text}
      description={
        answer.warnings?.length ? (
          <ul className="plain">
            {answer.warnings.map((w) => (
              <li key={w.code}>{lang === 'en' ? w.en : w.zh}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/** The chain of steps, the current one marked. */
function Chain({ a }: { a: ApplicationView }) {
  const { t } = usePrefs();
  return (
    <ol className="case-chain" aria-label={t('cases.chain')}>
      {a.chain.map((s, i) => {
        const current = a.step?.index === i;
        const done = a.status === 'approved' || (a.step ? i < a.step.index : false);
        return (
          <li
            key={s.id}
            className={current ? 'current' : done ? 'done' : undefined}
            aria-current={current ? 'step' : undefined}
          >
            <strong>{s.name}</strong>
            <span className="case-muted">
              {roleName(t, s.role)} · {t('cases.chain.days', { days: s.workingDays })}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** One application: applicant, facts and sources, decision, materials, timeline, 公示, and the actions. */
export function ApplicationPage() {
  const { t, lang } = usePrefs();
  const { me } = useAuth();
  const { id } = useParams();
  const valid = /^\d+$/.test(id ?? '');
  const loaded = useApi<ApplicationView>(valid ? `/applications/${id}` : null);
  const timeline = useApi<TimelineEntry[]>(valid ? `/applications/${id}/timeline` : null);
  const [answer, setAnswer] = useState<ReviewAnswer>();
  const a = loaded.data;
  useTitle(a ? t('cases.number', { id: a.id }) : t('cases.title'));

  const back = (
    <p>
      <Link to="..">{t('cases.back')}</Link>
    </p>
  );
  if (!valid)
    return (
      <section className="cases">
        {back}
        <p role="status">{t('office.notFound')}</p>
      </section>
    );
  if (loaded.error)
    return (
      <section className="cases">
        {back}
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      </section>
    );
  if (!a) return <Loading />;

  const canReview = me.permissions.includes('applications.review');
  const hasNotice = !!a.notice || a.chain.some((s) => s.id === 'publicNotice');
  const refresh = () => {
    loaded.reload();
    timeline.reload();
  };

  return (
    <section className="cases case-page" data-application={a.id}>
      {back}
      <h1>
        {t('cases.number', { id: a.id })} · {programmeName(a.programme, lang)}
      </h1>
      <div className="case-summary">
        <StatusTag status={a.status} />
        {a.step && (
          <>
            <span>{t('cases.currentStep', { step: lang === 'en' ? a.step.nameEn : a.step.name })}</span>
            <DeadlineTag step={a.step} />
          </>
        )}
        {a.amount !== null && (
          <span data-testid="case-amount">
            {t(a.status === 'approved' ? 'cases.approvedAmount' : 'cases.estimatedAmount', {
              amount: yuan(a.amount, lang),
            })}
          </span>
        )}
        {a.decidedOn && (
          <span>{t('cases.decidedOn', { date: a.decidedOn, status: statusLabel(t, a.status) })}</span>
        )}
      </div>
      {answer && <Outcome answer={answer} />}
      <Chain a={a} />
      <div className="case-grid">
        <div className="case-main">
          <Applicant a={a} />
          {a.decision ? (
            <>
              <DecisionSummary
                d={a.decision}
                title={t('cases.decision')}
                id="case-decision"
                programmeId={a.programme.id}
              />
              <FactsTable d={a.decision} />
            </>
          ) : (
            <p className="card case-section">{t('cases.decision.none')}</p>
          )}
          {a.finalDecision && (
            <>
              <DecisionSummary
                d={a.finalDecision}
                title={t('cases.finalDecision')}
                id="case-final"
                programmeId={a.programme.id}
              />
              {a.finalDecision.acknowledged.length > 0 && (
                <section className="card case-section" aria-labelledby="case-acknowledged">
                  <h2 id="case-acknowledged">{t('cases.acknowledged')}</h2>
                  <DifferencesTable differences={a.finalDecision.acknowledged} />
                </section>
              )}
            </>
          )}
          <Materials applicationId={a.id} />
        </div>
        <div className="case-side">
          {canReview && a.status === 'inReview' && a.step && (
            <ReviewPanel
              key={`${a.id}-${a.version}`}
              a={a}
              onDone={(r) => {
                setAnswer(r);
                refresh();
              }}
            />
          )}
          {a.status === 'returned' && <Alert type="warning" showIcon title={t('cases.returnedNote')} />}
          {a.programme.id === REFERRED_FROM && me.permissions.includes('referrals.create') && (
            <ReferPanel a={a} onDone={timeline.reload} />
          )}
          {hasNotice && <Notice a={a} canReview={canReview} onChanged={refresh} />}
          <Timeline a={a} loaded={timeline} />
        </div>
      </div>
    </section>
  );
}
