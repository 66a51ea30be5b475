import { Alert, Button, Input, Modal, Radio } from 'antd';
import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../lib/api';
import { usePrefs } from '../../lib/prefs';
import { ErrorNotice } from '../../lib/status';
import type { ApplicationView } from '../../lib/applications';
import type { ReferralView } from '../../lib/referrals';

type Kind = 'minimumLiving' | 'temporaryAssistance';

/** 转介民政: refer the applicant of a 临时生活补助 case to civil affairs (低保 or 临时救助). */
export function ReferPanel({ a, onDone }: { a: ApplicationView; onDone: () => void }) {
  const { t } = usePrefs();
  const [modal, holder] = Modal.useModal();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>('minimumLiving');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [fieldError, setFieldError] = useState<string>();
  const [done, setDone] = useState<ReferralView>();
  const kindName = (k: Kind) =>
    k === 'minimumLiving' ? t('cases.refer.minimumLiving') : t('cases.refer.temporary');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 2) {
      setFieldError(t('cases.refer.needReason'));
      return;
    }
    setFieldError(undefined);
    const confirmed = await modal.confirm({
      title: t('cases.refer.confirm', { kind: kindName(kind) }),
      content: reason.trim(),
      okText: t('cases.refer.submit'),
      cancelText: t('cases.cancel'),
    });
    if (!confirmed) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await api<ReferralView>(`/applications/${a.id}/referrals`, {
        method: 'POST',
        body: { kind, reason: reason.trim() },
      });
      setDone(r);
      setOpen(false);
      setReason('');
      onDone();
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', '');
      if (apiErr.path === 'reason') setFieldError(apiErr.message);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card case-section" aria-labelledby="case-refer">
      {holder}
      <h2 id="case-refer">{t('cases.refer')}</h2>
      <p>{t('cases.refer.help')}</p>
      {done && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('cases.refer.done', { id: done.id, due: done.dueOn ?? '—' })}
        />
      )}
      {open ? (
        <form className="case-form" onSubmit={(e) => void submit(e)} noValidate>
          <Radio.Group
            aria-label={t('cases.refer.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            options={(['minimumLiving', 'temporaryAssistance'] as const).map((k) => ({
              value: k,
              label: kindName(k),
            }))}
          />
          <label htmlFor={reasonId}>{t('cases.refer.reason')}</label>
          <Input.TextArea
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={1000}
            status={fieldError ? 'error' : undefined}
            aria-invalid={!!fieldError}
          />
          {fieldError && (
            <p className="field-error" role="alert">
              {fieldError}
            </p>
          )}
          {error && <ErrorNotice error={error} />}
          <div className="case-buttons">
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('cases.refer.submit')}
            </Button>
            <Button onClick={() => setOpen(false)}>{t('cases.cancel')}</Button>
          </div>
        </form>
      ) : (
        <Button onClick={() => setOpen(true)}>{t('cases.refer.open')}</Button>
      )}
    </section>
  );
}
