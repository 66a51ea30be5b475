import { Alert, Button, Checkbox, Input, Modal, Radio } from 'antd';
import { useId, useState, type FormEvent } from 'react';
import type { MessageKey } from '../../i18n';
import { ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePrefs } from '../../lib/prefs';
import { ErrorNotice, yuan } from '../../lib/status';
import { DifferencesTable } from './DecisionView';
import { DivisionName, differenceName, factValue, roleName } from './parts';
import { DetailedApiError, postKeepingDetails } from './review-call';
import type { ApplicationView, Difference } from '../../lib/applications';
import type { ReviewAnswer } from './types';

type Action = 'approve' | 'return' | 'reject';

const COMMENT_LABEL: Record<Action, MessageKey> = {
  approve: 'cases.review.commentApprove',
  return: 'cases.review.commentReturn',
  reject: 'cases.review.commentReject',
};

/**
 * The actions at the user's step: approve, return for correction (with what to correct), reject (with
 * the reason) — each confirmed before it is sent. A final approval whose re-judge differs from the
 * frozen decision shows the differences, to be acknowledged one by one.
 */
export function ReviewPanel({ a, onDone }: { a: ApplicationView; onDone: (answer: ReviewAnswer) => void }) {
  const { t, lang } = usePrefs();
  const { me } = useAuth();
  const [modal, holder] = Modal.useModal();
  const commentId = useId();
  const [action, setAction] = useState<Action>('approve');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [fieldError, setFieldError] = useState<string>();
  const [differences, setDifferences] = useState<Difference[]>([]);
  const [acknowledged, setAcknowledged] = useState<Set<string>>(new Set());
  const step = a.step!;
  const mine = step.role === me.role && step.division === me.division;
  const isNotice = step.kind === 'notice';

  const actionName = (x: Action) =>
    x === 'approve'
      ? isNotice
        ? t('cases.review.endNotice')
        : t('cases.review.approve')
      : x === 'return'
        ? t('cases.review.return')
        : t('cases.review.reject');

  const send = async (ack: string[] | undefined) => {
    const text = comment.trim();
    if (action !== 'approve' && !text) {
      setFieldError(action === 'return' ? t('cases.review.needCorrection') : t('cases.review.needReason'));
      return;
    }
    setFieldError(undefined);
    const confirmed = await modal.confirm({
      title: t('cases.review.confirmTitle', { action: actionName(action), id: a.id }),
      content: text
        ? t('cases.review.confirmComment', { comment: text })
        : t('cases.review.confirmNoComment'),
      okText: actionName(action),
      cancelText: t('cases.cancel'),
      okButtonProps: action === 'approve' ? {} : { danger: true },
    });
    if (!confirmed) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await postKeepingDetails<ReviewAnswer>(`/applications/${a.id}/review`, {
        action,
        ...(text ? { comment: text } : {}),
        ...(action === 'approve' && ack ? { acknowledgeDifferences: ack } : {}),
        version: a.version,
      });
      setComment('');
      setDifferences([]);
      setAcknowledged(new Set());
      onDone(answer);
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', '');
      if (e instanceof DetailedApiError && e.code === 'DECISION_CHANGED' && e.differences.length) {
        // Keep what was acknowledged before: the API lists only what is still unacknowledged.
        setDifferences((prev) => {
          const seen = new Set(prev.map((d) => d.what));
          return [...prev, ...e.differences.filter((d) => !seen.has(d.what))];
        });
      }
      if (e.path === 'comment') setFieldError(e.message);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(differences.length ? [...acknowledged] : undefined);
  };
  const allAcknowledged = differences.every((d) => acknowledged.has(d.what));

  return (
    <section className="card case-section case-review" aria-labelledby="case-review">
      {holder}
      <h2 id="case-review">{t('cases.review')}</h2>
      <p>
        {t('cases.review.at', { step: lang === 'en' ? step.nameEn : step.name })}{' '}
        <span className="case-muted">
          {roleName(t, step.role)} · <DivisionName code={step.division} />
        </span>
      </p>
      {!mine && <Alert type="warning" showIcon title={t('cases.review.notMine')} />}
      <form className="case-form" onSubmit={submit} noValidate>
        <Radio.Group
          aria-label={t('cases.review.choose')}
          value={action}
          onChange={(e) => {
            setAction(e.target.value as Action);
            setFieldError(undefined);
            setError(undefined);
          }}
          optionType="button"
          buttonStyle="solid"
          options={(['approve', 'return', 'reject'] as const).map((x) => ({
            value: x,
            label: actionName(x),
          }))}
        />
        <label htmlFor={commentId}>{t(COMMENT_LABEL[action])}</label>
        <Input.TextArea
          id={commentId}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={2000}
          showCount
          status={fieldError ? 'error' : undefined}
          aria-invalid={!!fieldError}
          aria-describedby={fieldError ? `${commentId}-error` : undefined}
        />
        {fieldError && (
          <p id={`${commentId}-error`} className="field-error" role="alert">
            {fieldError}
          </p>
        )}
        {differences.length > 0 && action === 'approve' && (
          <div className="case-differences" role="group" aria-labelledby={`${commentId}-diff`}>
            <h3 id={`${commentId}-diff`}>{t('cases.review.differences')}</h3>
            <p>{t('cases.review.differencesHelp')}</p>
            <DifferencesTable differences={differences} />
            <ul className="plain">
              {differences.map((d) => (
                <li key={d.what}>
                  <Checkbox
                    checked={acknowledged.has(d.what)}
                    onChange={(e) =>
                      setAcknowledged((s) => {
                        const n = new Set(s);
                        if (e.target.checked) n.add(d.what);
                        else n.delete(d.what);
                        return n;
                      })
                    }
                  >
                    {t('cases.review.acknowledge', {
                      what: differenceName(t, d.what),
                      before: d.what === 'amount' ? yuan(Number(d.before), lang) : factValue(t, d.before),
                      after: d.what === 'amount' ? yuan(Number(d.after), lang) : factValue(t, d.after),
                    })}
                  </Checkbox>
                </li>
              ))}
            </ul>
          </div>
        )}
        {error && <ErrorNotice error={error} />}
        <Button
          type="primary"
          danger={action !== 'approve'}
          htmlType="submit"
          loading={busy}
          disabled={action === 'approve' && differences.length > 0 && !allAcknowledged}
        >
          {action === 'approve' && differences.length > 0
            ? t('cases.review.approveAcknowledged')
            : t('cases.review.submit', { action: actionName(action) })}
        </Button>
      </form>
    </section>
  );
}
