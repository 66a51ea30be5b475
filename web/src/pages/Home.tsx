import { Input } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../lib/api';
import { usePrefs, useTitle } from '../lib/prefs';
import { EmptyNotice, Show, yuan } from '../lib/status';
import type { PublicNotice } from '../lib/types';

export default function Home() {
  const { t, lang } = usePrefs();
  const navigate = useNavigate();
  const notices = useApi<PublicNotice[]>('/public-notices?limit=10');
  useTitle(undefined);
  return (
    <>
      <h1>{t('app.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <form
        className="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const q = String(new FormData(e.currentTarget).get('q') ?? '').trim();
          void navigate(q ? `/policies?q=${encodeURIComponent(q)}` : '/policies');
        }}
      >
        <Input.Search
          name="q"
          size="large"
          placeholder={t('home.searchPlaceholder')}
          aria-label={t('home.searchPlaceholder')}
          enterButton={t('home.search')}
          onSearch={(q) =>
            void navigate(q.trim() ? `/policies?q=${encodeURIComponent(q.trim())}` : '/policies')
          }
        />
      </form>
      <div className="grid">
        <Link className="entry" to="/policies?tab=person">
          <strong>{t('home.forPerson')}</strong>
          <span>{t('home.forPersonHint')}</span>
        </Link>
        <Link className="entry" to="/policies?tab=enterprise">
          <strong>{t('home.forEnterprise')}</strong>
          <span>{t('home.forEnterpriseHint')}</span>
        </Link>
        <Link className="entry" to="/calculator">
          <strong>{t('nav.calculator')}</strong>
          <span>{t('home.calculatorHint')}</span>
        </Link>
        <Link className="entry" to="/on-site">
          <strong>{t('nav.onSite')}</strong>
          <span>{t('home.onSiteHint')}</span>
        </Link>
      </div>
      <h2>{t('home.notices')}</h2>
      <Show loaded={notices}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyNotice text={t('home.noticesEmpty')} />
          ) : (
            <>
              <ul className="cards">
                {rows.map((n) => (
                  <li key={n.applicationId} className="card">
                    <h3>{n.programme}</h3>
                    <p>
                      {t('home.noticeLine', {
                        division: n.division.name ?? n.division.code,
                        applicant: n.applicant,
                      })}
                      {n.amount !== null && (
                        <>
                          {' · '}
                          <span className="amount">{t('common.yuan', { amount: yuan(n.amount, lang) })}</span>
                        </>
                      )}
                    </p>
                    <p className="meta">
                      {t('home.noticePeriod', { from: n.from, to: n.to })} ·{' '}
                      {t('home.noticeId', { id: n.applicationId })}
                    </p>
                  </li>
                ))}
              </ul>
              <p className="meta">{t('home.noticeHint')}</p>
            </>
          )
        }
      </Show>
    </>
  );
}
