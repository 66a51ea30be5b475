import { Button } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, Navigate, NavLink, Route, Routes } from 'react-router';
import type { MessageKey } from '../i18n';
import { usePrefs } from '../lib/prefs';
import { ErrorNotice, Loading } from '../lib/status';
import { AuthProvider, useAuth } from './auth';

const Inbox = lazy(() => import('./ComplaintsInbox'));

/** The back-office menu: each item shows to the roles that hold its permission. */
const menu: { to: string; label: MessageKey; roles: readonly string[] }[] = [
  {
    to: 'complaints',
    label: 'office.menu.complaints',
    roles: ['cityOfficer', 'cityApprover', 'leader', 'auditor', 'townshipOfficer'],
  },
];

export function roleLabel(t: (k: MessageKey) => string, role: string, fallback: string | null): string {
  const key = `role.${role}` as MessageKey;
  const text = t(key);
  return text === key ? (fallback ?? role) : text;
}

function Shell() {
  const { t, lang, setLang } = usePrefs();
  const { me, logout } = useAuth();
  const items = menu.filter((m) => m.roles.includes(me.role));
  return (
    <div className="shell office">
      <a className="skip" href="#office-main">
        {t('nav.skip')}
      </a>
      <header className="header">
        <div className="header-inner">
          <Link to="/office" className="brand">
            <span className="brand-title">{t('office.title')}</span>
            <span className="brand-sub">{t('app.title')}</span>
          </Link>
          <div className="prefs office-user">
            <span className="who" data-testid="office-user">
              {me.displayName} · {roleLabel(t, me.role, me.roleName)}
            </span>
            <Button
              size="small"
              onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
              aria-label={t('prefs.languageLabel')}
              lang={lang === 'en' ? 'zh-CN' : 'en'}
            >
              {t('prefs.language')}
            </Button>
            <Button size="small" onClick={() => void logout()}>
              {t('office.logout')}
            </Button>
          </div>
        </div>
        <nav className="nav" aria-label={t('office.menu')}>
          {items.map((m) => (
            <NavLink key={m.to} to={m.to}>
              {t(m.label)}
            </NavLink>
          ))}
          <Link to="/">{t('office.publicSite')}</Link>
        </nav>
      </header>
      <main id="office-main" className="main office-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route
              index
              element={
                items[0] ? <Navigate to={items[0].to} replace /> : <p role="status">{t('office.nothing')}</p>
              }
            />
            {items.some((m) => m.to === 'complaints') && <Route path="complaints" element={<Inbox />} />}
            <Route path="*" element={<p role="status">{t('office.notFound')}</p>} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}

/** `/office/*`: the back office, its own chunk; asks who is logged in first. */
export default function Office() {
  return (
    <AuthProvider fallback={(error) => (error ? <ErrorNotice error={error} /> : <Loading />)}>
      <Shell />
    </AuthProvider>
  );
}
