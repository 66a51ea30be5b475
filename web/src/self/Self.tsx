import { AuthProvider } from '../lib/auth';
import { useT } from '../lib/prefs';
import { ErrorNotice, Loading } from '../lib/status';
import './messages';

function Placeholder() {
  const t = useT();
  return <p role="status">{t('common.empty')}</p>;
}

/** `/me/*`: self-service for citizens and enterprises after login (its own chunk). */
export default function Self() {
  return (
    <AuthProvider fallback={(error) => (error ? <ErrorNotice error={error} /> : <Loading />)}>
      <Placeholder />
    </AuthProvider>
  );
}
