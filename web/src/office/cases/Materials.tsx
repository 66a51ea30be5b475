import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, useApi } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { usePrefs } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import type { Material } from '../../lib/applications';

const VIEWABLE = ['application/pdf', 'image/jpeg', 'image/png'];

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** One material shown in the page: the file fetched through the API, PDF in a frame, images as images. */
function Viewer({ applicationId, m }: { applicationId: number; m: Material }) {
  const { t } = usePrefs();
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    const ctl = new AbortController();
    let made: string | undefined;
    fetch(`/api/v1/applications/${applicationId}/materials/${m.id}`, { signal: ctl.signal })
      .then(async (res) => {
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as {
            error?: { code?: string; message?: string };
          } | null;
          throw new ApiError(
            res.status,
            body?.error?.code ?? `HTTP_${res.status}`,
            body?.error?.message ?? '',
          );
        }
        made = URL.createObjectURL(await res.blob());
        setUrl(made);
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', ''));
      });
    return () => {
      ctl.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [applicationId, m.id]);
  if (error) return <ErrorNotice error={error} />;
  if (!url) return <Loading />;
  return (
    <div className="material-viewer">
      {m.mime === 'application/pdf' ? (
        <iframe src={url} title={t('cases.materials.frame', { name: m.filename })} />
      ) : (
        <img src={url} alt={t('cases.materials.image', { name: m.filename, kind: m.kind })} />
      )}
    </div>
  );
}

/** The application's materials, each viewable in the page and downloadable through the API. */
export function Materials({ applicationId }: { applicationId: number }) {
  const { t } = usePrefs();
  const loaded = useApi<Material[]>(`/applications/${applicationId}/materials`);
  const [open, setOpen] = useState<number>();
  return (
    <section className="card case-section" aria-labelledby="case-materials">
      <h2 id="case-materials">{t('cases.materials')}</h2>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading />
      ) : loaded.data.length === 0 ? (
        <EmptyNotice text={t('cases.materials.empty')} />
      ) : (
        <ul className="case-materials">
          {loaded.data.map((m) => (
            <li key={m.id}>
              <div className="material-head">
                <strong>{m.kind}</strong>
                <span className="case-muted">
                  {m.filename} · {size(m.size)} · {formatDateTime(m.uploadedAt)}
                </span>
                <span className="material-actions">
                  {VIEWABLE.includes(m.mime) && (
                    <Button
                      size="small"
                      aria-expanded={open === m.id}
                      onClick={() => setOpen(open === m.id ? undefined : m.id)}
                    >
                      {open === m.id ? t('cases.materials.close') : t('cases.materials.view')}
                    </Button>
                  )}
                  <a href={`/api/v1/applications/${applicationId}/materials/${m.id}`} download={m.filename}>
                    {t('cases.materials.download')}
                  </a>
                </span>
              </div>
              {open === m.id && <Viewer applicationId={applicationId} m={m} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
