import { Button, Select } from 'antd';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../lib/api';
import { usePrefs } from '../lib/prefs';
import { EmptyNotice, ErrorNotice } from '../lib/status';
import type { Material } from '../lib/applications';
import { MAX_UPLOAD_BYTES, UPLOAD_TYPES, uploadMaterial } from './upload';
import { asApiError } from '../lib/form';

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function MaterialList({ items }: { items: Material[] }) {
  const { t } = usePrefs();
  if (items.length === 0) return <EmptyNotice text={t('self.app.materialsEmpty')} />;
  return (
    <ul className="self-materials" aria-label={t('self.app.materials')}>
      {items.map((m) => (
        <li key={m.id}>
          <strong>{m.kind}</strong> · {m.filename} <span className="meta">({size(m.size)})</span>
        </li>
      ))}
    </ul>
  );
}

/** Upload one material at a time: which one (from the guide's list), then the file. */
export function MaterialUpload({
  applicationId,
  kinds,
  onUploaded,
}: {
  applicationId: number;
  kinds: string[];
  onUploaded: (m: Material) => void;
}) {
  const { t } = usePrefs();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<string | undefined>(kinds[0]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [fileError, setFileError] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setFileError(undefined);
    const file = fileRef.current?.files?.[0];
    if (!file) return setFileError(t('self.wiz.chooseFile'));
    if (file.type && !UPLOAD_TYPES.includes(file.type)) return setFileError(t('self.wiz.badType'));
    if (file.size > MAX_UPLOAD_BYTES) return setFileError(t('self.wiz.tooBig'));
    setBusy(true);
    try {
      const m = await uploadMaterial(applicationId, kind ?? kinds[0] ?? '-', file);
      if (fileRef.current) fileRef.current.value = '';
      onUploaded(m);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="self-upload" onSubmit={(e) => void submit(e)} noValidate>
      {kinds.length > 0 && (
        <div className="self-question">
          <label htmlFor={`${id}-kind`}>{t('self.wiz.materialKind')}</label>
          <Select
            id={`${id}-kind`}
            value={kind}
            onChange={setKind}
            options={kinds.map((k) => ({ value: k, label: k }))}
            aria-label={t('self.wiz.materialKind')}
            style={{ width: '100%' }}
            popupMatchSelectWidth={false}
          />
        </div>
      )}
      <div className="self-question">
        <label htmlFor={`${id}-file`}>{t('self.wiz.file')}</label>
        <input
          id={`${id}-file`}
          ref={fileRef}
          type="file"
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${id}-file-error` : undefined}
        />
        {fileError && (
          <div id={`${id}-file-error`} className="field-error" role="alert">
            {fileError}
          </div>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
      <Button htmlType="submit" loading={busy}>
        {t('self.wiz.upload')}
      </Button>
    </form>
  );
}
