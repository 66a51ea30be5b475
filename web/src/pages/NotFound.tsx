import { Link } from 'react-router';
import { useT, useTitle } from '../lib/prefs';

export default function NotFound() {
  const t = useT();
  useTitle(t('notFound.title'));
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </>
  );
}
