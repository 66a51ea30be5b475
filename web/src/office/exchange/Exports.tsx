import { Input, Radio, Switch } from 'antd';
import { useId, useState, type MouseEvent } from 'react';
import { ApiError } from '../../lib/api';
import { downloadFile } from '../../lib/files';
import { useAuth } from '../../lib/auth';
import { asApiError, described } from '../../lib/form';
import { usePrefs, useTitle } from '../../lib/prefs';
import { ErrorNotice } from '../../lib/status';
import { k } from './parts';
import { exportUrl, EXPORT_KINDS, type ExportKind, type ExportOptions } from './exportUrl';

/** 数据导出: the lists for other departments, masked unless the role may reveal and gives a reason (audited). */
export default function Exports() {
  const { t } = usePrefs();
  useTitle(t('exchange.exports.title'));
  const { me } = useAuth();
  const id = useId();
  const canReveal = me.permissions.includes('registry.reveal');
  const [format, setFormat] = useState<ExportOptions['format']>('xlsx');
  const [encoding, setEncoding] = useState<ExportOptions['encoding']>('utf-8');
  const [full, setFull] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<ExportKind>();
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<ExportKind>();
  const reasonMissing = full && reason.trim().length < 2;
  const reasonError =
    error?.path === 'reason' ? error.message || t('exchange.exports.reasonShort') : undefined;
  const onClick = (kind: ExportKind) => (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    if (reasonMissing) {
      setError(new ApiError(400, 'REASON_REQUIRED', t('exchange.exports.reasonShort'), 'reason'));
      return;
    }
    setBusy(kind);
    setError(undefined);
    setDone(undefined);
    downloadFile(e.currentTarget.href).then(
      () => {
        setBusy(undefined);
        setDone(kind);
      },
      (err: unknown) => {
        setBusy(undefined);
        setError(asApiError(err));
      },
    );
  };
  const options: ExportOptions = { format, encoding, full, reason: reason.trim() };
  return (
    <section>
      <h1>{t('exchange.exports.title')}</h1>
      <p className="meta">{t('exchange.exports.intro')}</p>
      <form
        className="exchange-export card"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('exchange.exports.options')}
      >
        <fieldset>
          <legend>{t('exchange.exports.format')}</legend>
          <Radio.Group value={format} onChange={(e) => setFormat(e.target.value as ExportOptions['format'])}>
            <Radio value="xlsx">Excel (.xlsx)</Radio>
            <Radio value="csv">CSV</Radio>
          </Radio.Group>
        </fieldset>
        {format === 'csv' && (
          <fieldset>
            <legend>{t('exchange.exports.encoding')}</legend>
            <Radio.Group
              value={encoding}
              onChange={(e) => setEncoding(e.target.value as ExportOptions['encoding'])}
            >
              <Radio value="utf-8">{t('exchange.exports.utf8')}</Radio>
              <Radio value="gb18030">{t('exchange.exports.gb18030')}</Radio>
            </Radio.Group>
          </fieldset>
        )}
        {canReveal && (
          <>
            <div className="exchange-switch">
              <Switch id={`${id}-full`} checked={full} onChange={setFull} />
              <label htmlFor={`${id}-full`}>{t('exchange.exports.full')}</label>
            </div>
            {full && (
              <div className="question">
                <label htmlFor={`${id}-reason`}>{t('exchange.exports.reason')}</label>
                <Input
                  id={`${id}-reason`}
                  value={reason}
                  maxLength={200}
                  onChange={(e) => setReason(e.target.value)}
                  {...described(`${id}-reason`, true, reasonError)}
                />
                <div className="meta" id={`${id}-reason-hint`}>
                  {t('exchange.exports.reasonHint')}
                </div>
                {reasonError && (
                  <div className="field-error" id={`${id}-reason-error`} role="alert">
                    {reasonError}
                  </div>
                )}
              </div>
            )}
          </>
        )}
      </form>
      <ul className="exchange-exports">
        {EXPORT_KINDS.map((kind) => (
          <li key={kind} className="card">
            <a
              href={exportUrl(kind, options)}
              onClick={onClick(kind)}
              aria-busy={busy === kind || undefined}
              data-kind={kind}
            >
              {t(k('exports.kind', kind))}
            </a>
            <span className="meta">
              {' '}
              · {full ? t('exchange.exports.isFull') : t('exchange.exports.isMasked')}
              {busy === kind && ` · ${t('exchange.exports.busy')}`}
              {done === kind && ` · ${t('exchange.exports.done')}`}
            </span>
          </li>
        ))}
      </ul>
      {error && error.path !== 'reason' && <ErrorNotice error={error} />}
    </section>
  );
}
