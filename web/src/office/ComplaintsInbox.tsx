import { Alert, Button, Checkbox, Input, Select, Tag } from 'antd';
import { useId, useState, type FormEvent } from 'react';
import { api, ApiError, useApi } from '../lib/api';
import { usePrefs, useTitle } from '../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../lib/status';
import type { ComplaintView } from '../lib/types';
import { useAuth } from '../lib/auth';
import { daysBetween, today } from '../lib/dates';

/** One page of the inbox; one more is asked for to know whether a next page exists. */
const PAGE = 50;

/** Overdue red, due within 3 days orange, otherwise plain; answered green. */
function Deadline({ c }: { c: ComplaintView }) {
  const { t } = usePrefs();
  if (c.status === 'answered')
    return <Tag color="green">{t('inbox.answeredOn', { date: c.answer?.answeredOn ?? '' })}</Tag>;
  const left = daysBetween(today(), c.dueOn);
  if (c.overdue || left < 0)
    return (
      <Tag color="red" className="due due-overdue">
        {t('inbox.overdue', { date: c.dueOn })}
      </Tag>
    );
  if (left <= 3)
    return (
      <Tag color="orange" className="due due-soon">
        {left === 0
          ? t('inbox.dueToday', { date: c.dueOn })
          : t('inbox.dueSoon', { date: c.dueOn, days: left })}
      </Tag>
    );
  return <Tag className="due">{t('inbox.dueOn', { date: c.dueOn })}</Tag>;
}

function AnswerForm({ c, onAnswered }: { c: ComplaintView; onAnswered: (c: ComplaintView) => void }) {
  const { t } = usePrefs();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (text.trim().length < 2) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('inbox.answerShort')));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onAnswered(
        await api<ComplaintView>(`/complaints/${c.id}/answer`, {
          method: 'POST',
          body: { text: text.trim() },
        }),
      );
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', ''));
      setBusy(false);
    }
  };
  return (
    <form className="answer-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>{t('inbox.answerLabel', { reference: c.reference })}</label>
      <Input.TextArea
        id={id}
        className="answer-text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 10 }}
        maxLength={2000}
        showCount
      />
      {error && <ErrorNotice error={error} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('inbox.answerSubmit')}
      </Button>
    </form>
  );
}

function Item({
  c,
  canAnswer,
  onAnswered,
}: {
  c: ComplaintView;
  canAnswer: boolean;
  onAnswered: (c: ComplaintView) => void;
}) {
  const { t } = usePrefs();
  const [open, setOpen] = useState(false);
  return (
    <li className="inbox-item card" data-reference={c.reference}>
      <div className="inbox-head">
        <Tag color={c.kind === 'complaint' ? 'volcano' : 'blue'}>
          {c.kind === 'complaint' ? t('complaint.kindComplaint') : t('complaint.kindSuggestion')}
        </Tag>
        <strong className="code">{c.reference}</strong>
        <Deadline c={c} />
      </div>
      <dl className="inbox-meta">
        <dt>{t('inbox.topic')}</dt>
        <dd>{c.topic ?? t('inbox.none')}</dd>
        <dt>{t('inbox.division')}</dt>
        <dd>{c.divisionName ?? c.division ?? t('inbox.none')}</dd>
        <dt>{t('inbox.received')}</dt>
        <dd>{c.receivedOn}</dd>
        <dt>{t('inbox.contact')}</dt>
        <dd>
          {c.contact
            ? [c.contact.name, c.contact.phone].filter(Boolean).join(' · ') || t('inbox.none')
            : t('inbox.none')}
        </dd>
      </dl>
      <p className="inbox-content">{c.content}</p>
      {c.answer ? (
        <div className="inbox-answer">
          <strong>{t('inbox.answer', { by: c.answer.answeredBy, date: c.answer.answeredOn })}</strong>
          <p>{c.answer.text}</p>
        </div>
      ) : canAnswer ? (
        open ? (
          <AnswerForm c={c} onAnswered={onAnswered} />
        ) : (
          <Button onClick={() => setOpen(true)}>{t('inbox.answerOpen')}</Button>
        )
      ) : null}
    </li>
  );
}

/** 投诉建议 inbox: filters, deadlines by urgency, answering in place. */
export default function ComplaintsInbox() {
  const { t } = usePrefs();
  useTitle(t('inbox.title'));
  const { me } = useAuth();
  const [status, setStatus] = useState<'' | 'received' | 'answered'>('received');
  const [kind, setKind] = useState<'' | 'complaint' | 'suggestion'>('');
  const [overdue, setOverdue] = useState(false);
  const [updated, setUpdated] = useState<Record<number, ComplaintView>>({});
  // Keyset pages, newest first: the `before` id of each page shown so far (the first has none).
  const [pages, setPages] = useState<number[]>([]);
  const before = pages.at(-1);
  const query = new URLSearchParams({ limit: String(PAGE + 1) });
  if (status) query.set('status', status);
  if (kind) query.set('kind', kind);
  if (overdue) query.set('overdue', 'true');
  if (before !== undefined) query.set('before', String(before));
  const loaded = useApi<ComplaintView[]>(`/complaints?${query.toString()}`);
  const canAnswer = me.permissions.includes('complaints.answer');
  const list = loaded.data?.slice(0, PAGE).map((c) => updated[c.id] ?? c);
  const hasNext = (loaded.data?.length ?? 0) > PAGE;
  /** A filter changed: back to the first page. */
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPages([]);
    };

  return (
    <section>
      <h1>{t('inbox.title')}</h1>
      <form className="inbox-filters" aria-label={t('inbox.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('inbox.status')}</span>
          <Select
            aria-label={t('inbox.status')}
            value={status}
            onChange={filter(setStatus)}
            style={{ minWidth: '8rem' }}
            options={[
              { value: '', label: t('inbox.all') },
              { value: 'received', label: t('inbox.statusReceived') },
              { value: 'answered', label: t('inbox.statusAnswered') },
            ]}
          />
        </label>
        <label>
          <span>{t('inbox.kind')}</span>
          <Select
            aria-label={t('inbox.kind')}
            value={kind}
            onChange={filter(setKind)}
            style={{ minWidth: '8rem' }}
            options={[
              { value: '', label: t('inbox.all') },
              { value: 'complaint', label: t('complaint.kindComplaint') },
              { value: 'suggestion', label: t('complaint.kindSuggestion') },
            ]}
          />
        </label>
        <Checkbox checked={overdue} onChange={(e) => filter(setOverdue)(e.target.checked)}>
          {t('inbox.overdueOnly')}
        </Checkbox>
        <Button onClick={loaded.reload}>{t('inbox.refresh')}</Button>
      </form>
      {!canAnswer && <Alert type="info" showIcon title={t('inbox.readOnly')} />}
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !list || loaded.loading ? (
        <Loading />
      ) : list.length === 0 ? (
        <EmptyNotice text={t('inbox.empty')} />
      ) : (
        <>
          <p role="status">{t('inbox.pageInfo', { page: pages.length + 1, count: list.length })}</p>
          <ul className="inbox-list">
            {list.map((c) => (
              <Item
                key={c.id}
                c={c}
                canAnswer={canAnswer}
                onAnswered={(v) => setUpdated((u) => ({ ...u, [v.id]: v }))}
              />
            ))}
          </ul>
          <nav className="pager" aria-label={t('inbox.pages')}>
            <Button disabled={pages.length === 0} onClick={() => setPages((p) => p.slice(0, -1))}>
              {t('inbox.previous')}
            </Button>
            <Button disabled={!hasNext} onClick={() => setPages((p) => [...p, list.at(-1)!.id])}>
              {t('inbox.next')}
            </Button>
          </nav>
        </>
      )}
    </section>
  );
}
