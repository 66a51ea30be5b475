import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from './api';

/** Who is logged in: `GET /auth/me`, with the display name kept from the login answer. */
export interface Me {
  username: string;
  displayName: string;
  role: string;
  roleName: string | null;
  division: string;
  /** A citizen's own registry record, or an enterprise account's enterprise. */
  person: { county: string; id: number } | null;
  enterprise: { county: string; id: number } | null;
  /** What the role may do (the menus show from these; the API checks again). */
  permissions: string[];
}

/** `POST /auth/login` answers with the account (and sets the session cookie). */
export interface LoginAnswer {
  account: { id: number; username: string; displayName: string; role: string; division: string };
  csrfToken: string;
  expiresAt: string;
}

/** After a login: keep the CSRF token for writes (the server tells the display name with `/auth/me`). */
export function rememberLogin(answer: LoginAnswer): void {
  setCsrfToken(answer.csrfToken);
}

/** The login page's address, coming back here afterwards. */
export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

interface Auth {
  me: Me;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/**
 * Asks who is logged in; a 401 (now or from any later call) goes to `/login?next=…`. Children render
 * only with a user.
 */
export function AuthProvider({
  children,
  fallback,
}: {
  children: ReactNode;
  fallback: (error?: ApiError) => ReactNode;
}) {
  const navigate = useNavigate();
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    setUnauthorizedHandler(() =>
      navigate(loginPath(window.location.pathname + window.location.search), { replace: true }),
    );
    return () => setUnauthorizedHandler(undefined);
  }, [navigate]);

  useEffect(() => {
    const ctl = new AbortController();
    api<Me>('/auth/me', { signal: ctl.signal }).then(
      (m) => setMe(m),
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        if (e instanceof ApiError && e.status === 401) return; // the handler went to the login page
        setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', ''));
      },
    );
    return () => ctl.abort();
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } catch {
      // already gone: the session cookie is cleared or expired either way
    }
    setCsrfToken(undefined);
    navigate('/login', { replace: true });
  }, [navigate]);

  const value = useMemo(() => (me ? { me, logout } : null), [me, logout]);
  if (!value) return <>{fallback(error)}</>;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}
