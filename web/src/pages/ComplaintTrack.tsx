import { Button, Input, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api, ApiError } from '../lib/api';
import { usePrefs, useTitle } from '../lib/prefs';
import { ErrorNotice, Loading } from '../lib/status';
import type { ComplaintFollow } from '../lib/types';

/** The follow code, when the receipt page passed it along in the history state. */
function stateCode(state: unknown): string {
  const code = (state as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export default function ComplaintTrack() {
  const { t } = usePrefs();
  useTitle(t('track.title'));
  const [params] = useSearchParams();
  const location = useLocation();
  const [reference, setReference] = useState(params.get('reference') ?? '');
  const [code, setCode] = useState(params.get('code') ?? stateCode(location.state));
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [result, setResult] = useState<ComplaintFollow>();
  const resultHeading = useRef<HTMLHeadingElement>(null);

  const lookUp = async (ref: string, followCode: string) => {
    const r = ref.trim();
    const c = followCode.trim();
    setError(undefined);
    setResult(undefined);
    if (!r || !c) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      setResult(
        await api<ComplaintFollow>(`/complaints/${encodeURIComponent(r)}?code=${encodeURIComponent(c)}`),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', ''));
    } finally {
      setBusy(false);
    }
  };

  // Both given (from the receipt or a saved address): look it up at once.
  const initial = useRef({ reference, code });
  useEffect(() => {
    if (initial.current.reference && initial.current.code)
      void lookUp(initial.current.reference, initial.current.code);
  }, []);
  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  return (
    <>
      <h1>{t('track.title')}</h1>
      <p className="lead">{t('track.lead')}</p>
      <form
        className="section"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void lookUp(reference, code);
        }}
      >
        <div className="questions" style={{ paddingTop: '0.75rem' }}>
          <div className="question">
            <label className="q" htmlFor="t-reference">
              {t('track.reference')}
            </label>
            <Input
              id="t-reference"
              value={reference}
              maxLength={32}
              autoComplete="off"
              spellCheck={false}
              placeholder={t('track.referencePlaceholder')}
              onChange={(e) => setReference(e.target.value)}
              status={missing && !reference.trim() ? 'error' : undefined}
            />
          </div>
          <div className="question">
            <label className="q" htmlFor="t-code">
              {t('track.code')}
            </label>
            <Input
              id="t-code"
              value={code}
              maxLength={32}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setCode(e.target.value)}
              status={missing && !code.trim() ? 'error' : undefined}
            />
          </div>
        </div>
        {missing && (
          <div className="field-error" role="alert" style={{ marginBottom: '0.75rem' }}>
            {t('track.required')}
          </div>
        )}
        <div className="actions">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('track.submit')}
          </Button>
        </div>
      </form>
      <div aria-live="polite" style={{ marginTop: '1rem' }}>
        {error && <ErrorNotice error={error} />}
        {busy && <Loading />}
        {result && (
          <section className="section" aria-labelledby="track-result">
            <h2 id="track-result" ref={resultHeading} tabIndex={-1}>
              {result.reference}
            </h2>
            <dl className="facts">
              <dt>{t('track.kind')}</dt>
              <dd>
                {t(result.kind === 'complaint' ? 'complaint.kindComplaint' : 'complaint.kindSuggestion')}
              </dd>
              {result.topic && (
                <>
                  <dt>{t('track.topic')}</dt>
                  <dd>{result.topic}</dd>
                </>
              )}
              <dt>{t('track.status')}</dt>
              <dd>
                <Tag color={result.status === 'answered' ? 'green' : 'blue'}>
                  {t(result.status === 'answered' ? 'track.answered' : 'track.received')}
                </Tag>
              </dd>
              <dt>{t('track.receivedOn')}</dt>
              <dd>{result.receivedOn}</dd>
              <dt>{t('track.dueOn')}</dt>
              <dd>{result.dueOn}</dd>
            </dl>
            <h3 style={{ marginTop: '1rem' }}>{t('track.answer')}</h3>
            {result.answer ? (
              <>
                <blockquote>{result.answer.text}</blockquote>
                <p className="meta">{t('track.answeredOn', { date: result.answer.answeredOn })}</p>
              </>
            ) : (
              <p>{t('track.noAnswer', { dueOn: result.dueOn })}</p>
            )}
          </section>
        )}
      </div>
      <p style={{ marginTop: '1rem' }}>
        <Link to="/complaints">{t('track.newComplaint')}</Link>
      </p>
    </>
  );
}
