import { Button, Switch } from 'antd';
import { Suspense } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { Loading } from './lib/status';
import { usePrefs } from './lib/prefs';

/** A session's CSRF cookie is readable by our pages: its presence tells the header to offer 我的办事. */
function hasSession(): boolean {
  return typeof document !== 'undefined' && /(?:^|;\s*)jiuye_csrf=/.test(document.cookie);
}

/** Header (title, navigation, language, large text), the page, and the footer. */
export function Layout() {
  const { t, lang, setLang, largeText, setLargeText } = usePrefs();
  useLocation(); // read the session cookie again after each navigation (a login, a logout)
  const signedIn = hasSession();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="header">
        <div className="header-inner">
          <NavLink to="/" className="brand">
            <span className="brand-title">{t('app.title')}</span>
            <span className="brand-sub">{t('app.subtitle')}</span>
          </NavLink>
          <div className="prefs">
            <Button
              size="small"
              onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
              title={t('prefs.languageLabel')}
              lang={lang === 'en' ? 'zh-CN' : 'en'}
            >
              {t('prefs.language')}
            </Button>
            <label className="large-switch">
              <Switch
                size="small"
                checked={largeText}
                onChange={setLargeText}
                aria-label={t('prefs.largeText')}
              />
              <span aria-hidden="true">{t('prefs.largeText')}</span>
            </label>
          </div>
        </div>
        <nav className="nav" aria-label={t('app.title')}>
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
          <NavLink to="/policies">{t('nav.policies')}</NavLink>
          <NavLink to="/calculator">{t('nav.calculator')}</NavLink>
          <NavLink to="/on-site">{t('nav.onSite')}</NavLink>
          <NavLink to="/complaints">{t('nav.complaints')}</NavLink>
          {signedIn ? (
            <NavLink to="/me">{t('nav.me')}</NavLink>
          ) : (
            <NavLink to="/login">{t('nav.login')}</NavLink>
          )}
        </nav>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="footer">
        <p>{t('footer.about')}</p>
        <p>
          {t('footer.complaintLine')} · <Link to="/complaints">{t('footer.complaints')}</Link> ·{' '}
          <a href="/api/docs">{t('footer.apiDocs')}</a>
        </p>
      </footer>
    </div>
  );
}
