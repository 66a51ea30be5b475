import { Alert, Button, Input } from 'antd';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../lib/api';
import { usePrefs, useTitle } from '../lib/prefs';
import { rememberLogin, type LoginAnswer } from '../lib/auth';

/** Only a path inside this site (never `//elsewhere`); else citizens and enterprises to /me, staff to /office. */
function safeNext(next: string | null, role: string): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login')
    ? next
    : role === 'citizen' || role === 'enterprise'
      ? '/me'
      : '/office';
}

/** Login for staff, citizens and enterprises: the session lives in an HttpOnly cookie; the CSRF token is kept for writes. */
export default function Login() {
  const { t } = usePrefs();
  useTitle(t('login.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.missing'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<LoginAnswer>('/auth/login', {
        method: 'POST',
        body: { username: username.trim(), password },
      });
      rememberLogin(answer);
      void navigate(safeNext(params.get('next'), answer.account.role), { replace: true });
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', '');
      setError(apiError.message || (apiError.code === 'NETWORK' ? t('error.network') : t('error.generic')));
      setBusy(false);
    }
  };

  return (
    <section className="login">
      <h1>{t('login.title')}</h1>
      <p>{t('login.lead')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="login-form">
        <label htmlFor="login-username">{t('login.username')}</label>
        <Input
          id="login-username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          maxLength={40}
        />
        <label htmlFor="login-password">{t('login.password')}</label>
        <Input.Password
          id="login-password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          maxLength={200}
        />
        {error && <Alert type="error" showIcon role="alert" title={error} />}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {busy ? t('login.busy') : t('login.submit')}
        </Button>
      </form>
    </section>
  );
}
