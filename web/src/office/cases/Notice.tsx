import { Button, Input, Radio, Tag } from 'antd';
import { useId, useState, type FormEvent } from 'react';
import { api, ApiError, useApi } from '../../lib/api';
import { today } from '../../lib/dates';
import { usePrefs } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import type { ApplicationView } from '../../lib/applications';
import type { Objection } from './types';
import { useAction } from '../../lib/form';

function RaiseForm({ a, onDone }: { a: ApplicationView; onDone: () => void }) {
  const { t } = usePrefs();
  const byId = useId();
  const contentId = useId();
  const [by, setBy] = useState('');
  const [content, setContent] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!by.trim() || !content.trim()) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('cases.objection.required')));
      return;
    }
    const sent = await run(async () => {
      await api(`/applications/${a.id}/objections`, {
        method: 'POST',
        body: { raisedBy: by.trim(), content: content.trim() },
      });
      return true;
    });
    if (!sent) return;
    setBy('');
    setContent('');
    onDone();
  };
  return (
    <form className="case-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('cases.objection.raise')}</h3>
      <label htmlFor={byId}>{t('cases.objection.by')}</label>
      <Input id={byId} value={by} onChange={(e) => setBy(e.target.value)} maxLength={100} />
      <label htmlFor={contentId}>{t('cases.objection.content')}</label>
      <Input.TextArea
        id={contentId}
        value={content}
        onChange={(e) => setContent(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={2000}
      />
      {error && <ErrorNotice error={error} />}
      <Button htmlType="submit" loading={busy}>
        {t('cases.objection.submit')}
      </Button>
    </form>
  );
}

function ResolveForm({ a, o, onDone }: { a: ApplicationView; o: Objection; onDone: () => void }) {
  const { t } = usePrefs();
  const id = useId();
  const [upheld, setUpheld] = useState<boolean>(false);
  const [text, setText] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('cases.objection.resolutionRequired')));
      return;
    }
    const sent = await run(async () => {
      await api(`/applications/${a.id}/objections/${o.id}/resolve`, {
        method: 'POST',
        body: { upheld, resolution: text.trim() },
      });
      return true;
    });
    if (sent) onDone();
  };
  return (
    <form className="case-form" onSubmit={(e) => void submit(e)} noValidate>
      <Radio.Group
        aria-label={t('cases.objection.outcome')}
        value={upheld}
        onChange={(e) => setUpheld(e.target.value as boolean)}
        options={[
          { value: false, label: t('cases.objection.notUpheld') },
          { value: true, label: t('cases.objection.upheld') },
        ]}
      />
      <label htmlFor={id}>{t('cases.objection.resolution')}</label>
      <Input.TextArea
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={2000}
      />
      {error && <ErrorNotice error={error} />}
      <Button htmlType="submit" loading={busy}>
        {t('cases.objection.resolve')}
      </Button>
    </form>
  );
}

/** 公示: the notice period, the objections raised during it and how each was settled. */
export function Notice({
  a,
  canReview,
  onChanged,
}: {
  a: ApplicationView;
  canReview: boolean;
  onChanged: () => void;
}) {
  const { t } = usePrefs();
  const loaded = useApi<Objection[]>(`/applications/${a.id}/objections`);
  const now = today();
  const inNotice = a.status === 'inReview' && a.notice && now >= a.notice.from && now <= a.notice.to;
  const changed = () => {
    loaded.reload();
    onChanged();
  };
  return (
    <section className="card case-section" aria-labelledby="case-notice">
      <h2 id="case-notice">{t('cases.notice')}</h2>
      <p>
        {a.notice
          ? t('cases.notice.period', { from: a.notice.from, to: a.notice.to })
          : t('cases.notice.none')}
      </p>
      <h3>{t('cases.objections')}</h3>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading />
      ) : loaded.data.length === 0 ? (
        <EmptyNotice text={t('cases.objections.empty')} />
      ) : (
        <ul className="case-objections">
          {loaded.data.map((o) => (
            <li key={o.id}>
              <div>
                <strong>{o.raisedBy}</strong> <span className="case-muted">{o.raisedOn}</span>{' '}
                {o.resolvedOn ? (
                  <Tag color={o.upheld ? 'red' : 'green'}>
                    {o.upheld ? t('cases.objection.upheld') : t('cases.objection.notUpheld')}
                  </Tag>
                ) : (
                  <Tag color="orange">{t('cases.objection.open')}</Tag>
                )}
              </div>
              <p>{o.content}</p>
              {o.resolution && (
                <p className="case-muted">
                  {t('cases.objection.resolvedOn', { date: o.resolvedOn ?? '' })}
                  {o.resolution}
                </p>
              )}
              {!o.resolvedOn && canReview && <ResolveForm a={a} o={o} onDone={changed} />}
            </li>
          ))}
        </ul>
      )}
      {inNotice && canReview && <RaiseForm a={a} onDone={changed} />}
    </section>
  );
}
