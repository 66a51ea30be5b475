import { useT } from '../../lib/prefs';

/** Placeholder until this part of the back office is built (issue 5). */
export default function Audit() {
  const t = useT();
  return <p role="status">{t('office.nothing')}</p>;
}
