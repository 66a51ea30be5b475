import { Alert, Button, Input, Radio } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, useApi } from '../lib/api';
import { usePrefs, useTitle } from '../lib/prefs';
import { described, Field } from '../lib/form';
import { ErrorNotice } from '../lib/status';
import {
  programmeName,
  type ComplaintKind,
  type ComplaintReceipt,
  type DivisionItem,
  type PolicyList,
} from '../lib/types';

/** The fields the API may name in `error.path`, and the id of the control each one is shown next to. */
const FIELDS = {
  kind: 'c-kind',
  topic: 'c-topic',
  division: 'c-division',
  content: 'c-content',
  'contact.name': 'c-name',
  'contact.phone': 'c-phone',
} as const;
type Field = keyof typeof FIELDS;
const isField = (p: string | undefined): p is Field => !!p && p in FIELDS;

/** Topics that are not programmes; sent as these Chinese words in both languages. */
const WINDOW = '窗口服务';
const OTHER = '其他';

interface Form {
  kind: ComplaintKind;
  topic: string;
  division: string;
  content: string;
  name: string;
  phone: string;
}
const EMPTY: Form = { kind: 'complaint', topic: '', division: '', content: '', name: '', phone: '' };

function toBody(f: Form): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: f.kind, content: f.content.trim() };
  if (f.topic) body.topic = f.topic;
  if (f.division) body.division = f.division;
  const contact: Record<string, string> = {};
  if (f.name.trim()) contact.name = f.name.trim();
  if (f.phone.trim()) contact.phone = f.phone.trim();
  if (Object.keys(contact).length > 0) body.contact = contact;
  return body;
}

function Receipt({
  receipt,
  kind,
  onAgain,
}: {
  receipt: ComplaintReceipt;
  kind: ComplaintKind;
  onAgain: () => void;
}) {
  const { t } = usePrefs();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  const navigate = useNavigate();
  useEffect(() => heading.current?.focus(), []);
  const canCopy = typeof navigator !== 'undefined' && !!navigator.clipboard;
  const copy = () => {
    void navigator.clipboard
      .writeText(
        `${t('complaint.reference')} ${receipt.reference}\n${t('complaint.followCode')} ${receipt.followCode}`,
      )
      .then(
        () => setCopied(true),
        () => setCopied(false),
      );
  };
  return (
    <section className="section receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title" ref={heading} tabIndex={-1}>
        {t('complaint.sentTitle', {
          kind: t(kind === 'complaint' ? 'complaint.kindComplaint' : 'complaint.kindSuggestion'),
        })}
      </h2>
      <p>{t('complaint.sentLead', { dueOn: receipt.dueOn })}</p>
      <dl className="codes">
        <div>
          <dt>{t('complaint.reference')}</dt>
          <dd className="code">{receipt.reference}</dd>
        </div>
        <div>
          <dt>{t('complaint.followCode')}</dt>
          <dd className="code">{receipt.followCode}</dd>
        </div>
      </dl>
      <Alert type="warning" showIcon title={t('complaint.keepWarning')} />
      <div className="actions" style={{ marginTop: '1rem' }}>
        {canCopy && (
          <Button onClick={copy} aria-live="polite">
            {copied ? t('complaint.copied') : t('complaint.copy')}
          </Button>
        )}
        <Button
          type="primary"
          onClick={() =>
            // The code travels in the history state, not the address: it stays out of logs and bookmarks.
            void navigate(`/complaints/track?reference=${encodeURIComponent(receipt.reference)}`, {
              state: { code: receipt.followCode },
            })
          }
        >
          {t('complaint.goTrack')}
        </Button>
        <Button type="text" onClick={onAgain}>
          {t('complaint.another')}
        </Button>
      </div>
    </section>
  );
}

export default function Complaint() {
  const { t, lang } = usePrefs();
  useTitle(t('complaint.title'));
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<ApiError>();
  const [receipt, setReceipt] = useState<{ receipt: ComplaintReceipt; kind: ComplaintKind }>();
  // Both lists are only offered: when one cannot be loaded the form works without it.
  const programmes = useApi<PolicyList>('/public/programmes');
  const townships = useApi<DivisionItem[]>('/divisions');

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const focusField = (f: Field) => document.getElementById(FIELDS[f])?.focus();

  const submit = async () => {
    setError(undefined);
    const length = form.content.trim().length;
    if (length < 10 || length > 2000) {
      setFieldErrors({
        content: t(length < 10 ? 'complaint.contentShort' : 'complaint.contentLong', { count: length }),
      });
      focusField('content');
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      const r = await api<ComplaintReceipt>('/complaints', { method: 'POST', body: toBody(form) });
      setReceipt({ receipt: r, kind: form.kind });
      setForm(EMPTY);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', '');
      if (isField(err.path) && err.message) {
        setFieldErrors({ [err.path]: err.message });
        focusField(err.path);
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <>
        <h1>{t('complaint.title')}</h1>
        <Receipt receipt={receipt.receipt} kind={receipt.kind} onAgain={() => setReceipt(undefined)} />
      </>
    );
  }

  const all = [...(programmes.data?.person ?? []), ...(programmes.data?.enterprise ?? [])];
  const seen = new Set<string>();
  const programmeOptions = all.filter((p) => !seen.has(p.name) && seen.add(p.name));
  const fe = fieldErrors;
  const count = form.content.trim().length;

  return (
    <>
      <h1>{t('complaint.title')}</h1>
      <p className="lead">{t('complaint.lead')}</p>
      <p>
        <Link to="/complaints/track">{t('complaint.trackLink')}</Link>
      </p>
      <form
        className="section"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div style={{ paddingTop: '0.75rem' }}>
          <div className="question" role="group" aria-labelledby="c-kind-label">
            <span className="q" id="c-kind-label">
              {t('complaint.kind')}
            </span>
            <Radio.Group
              id={FIELDS.kind}
              value={form.kind}
              onChange={(e) => set('kind', e.target.value as ComplaintKind)}
            >
              <Radio value="complaint">{t('complaint.kindComplaint')}</Radio>
              <Radio value="suggestion">{t('complaint.kindSuggestion')}</Radio>
            </Radio.Group>
            {fe.kind && (
              <div className="field-error" role="alert">
                {fe.kind}
              </div>
            )}
          </div>
          <div className="questions">
            <Field id={FIELDS.topic} label={t('complaint.topic')} error={fe.topic}>
              <select
                id={FIELDS.topic}
                className="native-select"
                value={form.topic}
                onChange={(e) => set('topic', e.target.value)}
                {...described(FIELDS.topic, false, fe.topic)}
              >
                <option value="">{t('complaint.topicNone')}</option>
                {programmeOptions.length > 0 && (
                  <optgroup label={t('complaint.topicProgrammes')}>
                    {programmeOptions.map((p) => (
                      <option key={p.id} value={p.name}>
                        {programmeName(p, lang)}
                      </option>
                    ))}
                  </optgroup>
                )}
                <optgroup label={t('complaint.topicOther')}>
                  <option value={WINDOW}>{t('complaint.topicWindow')}</option>
                  <option value={OTHER}>{t('complaint.topicElse')}</option>
                </optgroup>
              </select>
            </Field>
            {(townships.data?.length ?? 0) > 0 && (
              <Field id={FIELDS.division} label={t('complaint.division')} error={fe.division}>
                <select
                  id={FIELDS.division}
                  className="native-select"
                  value={form.division}
                  onChange={(e) => set('division', e.target.value)}
                  {...described(FIELDS.division, false, fe.division)}
                >
                  <option value="">{t('complaint.divisionNone')}</option>
                  {townships.data!.map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </Field>
            )}
          </div>
          <Field
            id={FIELDS.content}
            label={t('complaint.content')}
            hint={t('complaint.contentHint')}
            error={fe.content}
          >
            <Input.TextArea
              id={FIELDS.content}
              value={form.content}
              onChange={(e) => set('content', e.target.value)}
              autoSize={{ minRows: 5, maxRows: 14 }}
              maxLength={2000}
              status={fe.content ? 'error' : undefined}
              {...described(FIELDS.content, true, fe.content)}
            />
            <div className="meta counter" aria-hidden="true">
              {count} / 2000
            </div>
          </Field>
          <fieldset className="question">
            <legend className="q">{t('complaint.contact')}</legend>
            <p className="meta" style={{ marginTop: 0 }}>
              {t('complaint.contactHint')}
            </p>
            <div className="questions">
              <Field id={FIELDS['contact.name']} label={t('complaint.name')} error={fe['contact.name']}>
                <Input
                  id={FIELDS['contact.name']}
                  value={form.name}
                  maxLength={50}
                  autoComplete="name"
                  onChange={(e) => set('name', e.target.value)}
                  status={fe['contact.name'] ? 'error' : undefined}
                  {...described(FIELDS['contact.name'], false, fe['contact.name'])}
                />
              </Field>
              <Field
                id={FIELDS['contact.phone']}
                label={t('complaint.phone')}
                hint={t('complaint.phoneHint')}
                error={fe['contact.phone']}
              >
                <Input
                  id={FIELDS['contact.phone']}
                  type="tel"
                  inputMode="tel"
                  autoComplete="tel"
                  maxLength={30}
                  value={form.phone}
                  onChange={(e) => set('phone', e.target.value)}
                  status={fe['contact.phone'] ? 'error' : undefined}
                  {...described(FIELDS['contact.phone'], true, fe['contact.phone'])}
                />
              </Field>
            </div>
          </fieldset>
        </div>
        <div aria-live="polite">
          {error && (
            <div style={{ marginBottom: '1rem' }}>
              <ErrorNotice error={error} />
            </div>
          )}
        </div>
        <div className="actions">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? t('complaint.sending') : t('complaint.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
