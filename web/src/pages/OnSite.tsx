import { Link } from 'react-router';
import { useApi } from '../lib/api';
import { usePrefs, useTitle } from '../lib/prefs';
import { EmptyNotice, Show } from '../lib/status';
import { programmeName, type OnSiteItem } from '../lib/types';

export default function OnSite() {
  const { t, lang } = usePrefs();
  const items = useApi<OnSiteItem[]>('/public/on-site-items');
  useTitle(t('onSite.title'));
  return (
    <>
      <h1>{t('onSite.title')}</h1>
      <p className="lead">{t('onSite.lead')}</p>
      <Show loaded={items}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyNotice />
          ) : (
            <ol className="cards">
              {rows.map((r) => (
                <li key={r.id} className="card">
                  <h2 className="card-title">
                    <Link to={`/policies/${encodeURIComponent(r.id)}`}>{programmeName(r, lang)}</Link>
                  </h2>
                  {r.reason && <p>{t('onSite.reason', { reason: r.reason })}</p>}
                  <p className="meta">{t('onSite.office', { office: r.office })}</p>
                </li>
              ))}
            </ol>
          )
        }
      </Show>
    </>
  );
}
