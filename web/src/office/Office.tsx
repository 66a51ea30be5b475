import { Button } from 'antd';
import { lazy, Suspense, type LazyExoticComponent, type ReactNode } from 'react';
import { Link, Navigate, NavLink, Route, Routes } from 'react-router';
import type { MessageKey } from '../i18n';
import { useLabels } from '../lib/labels';
import { usePrefs } from '../lib/prefs';
import { ErrorNotice, Loading } from '../lib/status';
import { AuthProvider, useAuth } from '../lib/auth';
import './messages';

const Inbox = lazy(() => import('./ComplaintsInbox'));
// Each part of the back office is its own chunk (and owns its folder and message catalogue).
const Dashboard = lazy(() => import('./insight/Dashboard'));
const Simulation = lazy(() => import('./insight/Simulation'));
const Cases = lazy(() => import('./cases/Cases'));
const Desk = lazy(() => import('./desk/Desk'));
const Persons = lazy(() => import('./desk/Persons'));
const Outreach = lazy(() => import('./desk/Outreach'));
const Referrals = lazy(() => import('./desk/Referrals'));
const Funds = lazy(() => import('./funds/Funds'));
const Payments = lazy(() => import('./funds/Payments'));
const Policy = lazy(() => import('./admin/Policy'));
const Audit = lazy(() => import('./admin/Audit'));
const Users = lazy(() => import('./admin/Users'));
const Exchange = lazy(() => import('./exchange/Exchange'));

/**
 * The back-office menu: an item shows when the user holds any of its permissions (from `/auth/me`); the
 * API checks them again on every call. Its paths take sub-paths (`cases/123`).
 */
const menu: {
  to: string;
  label: MessageKey;
  anyOf: readonly string[];
  page: LazyExoticComponent<() => ReactNode>;
}[] = [
  { to: 'dashboard', label: 'office.menu.dashboard', anyOf: ['monitoring.read'], page: Dashboard },
  { to: 'cases', label: 'office.menu.cases', anyOf: ['applications.read'], page: Cases },
  { to: 'desk', label: 'office.menu.desk', anyOf: ['registry.write'], page: Desk },
  { to: 'persons', label: 'office.menu.persons', anyOf: ['registry.read'], page: Persons },
  { to: 'outreach', label: 'office.menu.outreach', anyOf: ['rules.scan'], page: Outreach },
  {
    to: 'referrals',
    label: 'office.menu.referrals',
    anyOf: ['referrals.answer', 'referrals.create'],
    page: Referrals,
  },
  { to: 'funds', label: 'office.menu.funds', anyOf: ['funds.read'], page: Funds },
  { to: 'payments', label: 'office.menu.payments', anyOf: ['payments.manage'], page: Payments },
  { to: 'simulation', label: 'office.menu.simulation', anyOf: ['rules.simulate'], page: Simulation },
  { to: 'policy', label: 'office.menu.policy', anyOf: ['rules.manage', 'rules.simulate'], page: Policy },
  { to: 'complaints', label: 'office.menu.complaints', anyOf: ['complaints.read'], page: Inbox },
  { to: 'audit', label: 'office.menu.audit', anyOf: ['audit.read'], page: Audit },
  { to: 'users', label: 'office.menu.users', anyOf: ['accounts.manage'], page: Users },
  { to: 'exchange', label: 'office.menu.exchange', anyOf: ['exchange.read'], page: Exchange },
];

export function roleLabel(t: (k: MessageKey) => string, role: string, fallback: string | null): string {
  const key = `role.${role}` as MessageKey;
  const text = t(key);
  return text === key ? (fallback ?? role) : text;
}

function Shell() {
  const { t, lang, setLang } = usePrefs();
  const { me, logout } = useAuth();
  const items = menu.filter((m) => m.anyOf.some((p) => me.permissions.includes(p)));
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
              title={t('prefs.languageLabel')}
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
            <NavLink key={m.to} to={`/office/${m.to}`}>
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
                items[0] ? (
                  <Navigate to={`/office/${items[0].to}`} replace />
                ) : (
                  <p role="status">{t('office.nothing')}</p>
                )
              }
            />
            {items.map((m) => (
              <Route key={m.to} path={`${m.to}/*`} element={<m.page />} />
            ))}
            <Route path="*" element={<p role="status">{t('office.notFound')}</p>} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}

/** `/office/*`: the back office, its own chunk; asks who is logged in first. */
export default function Office() {
  useLabels(); // the label catalogue, loaded once for every page of the back office
  return (
    <AuthProvider fallback={(error) => (error ? <ErrorNotice error={error} /> : <Loading />)}>
      <Shell />
    </AuthProvider>
  );
}
