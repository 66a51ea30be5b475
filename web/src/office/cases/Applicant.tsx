import { useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePrefs } from '../../lib/prefs';
import { ErrorNotice, Loading } from '../../lib/status';
import { DivisionName } from './parts';
import type { ApplicationView } from '../../lib/applications';
import type { EnterpriseView, PersonView } from '../../lib/registry';

/** The applicant as the registry shows them (masked), and the place of the application. */
export function Applicant({ a }: { a: ApplicationView }) {
  const { t } = usePrefs();
  const { me } = useAuth();
  const canRead = me.permissions.includes('registry.read');
  const isPerson = a.applicant.type === 'person';
  const person = useApi<PersonView>(canRead && isPerson ? `/persons/${a.applicant.id}` : null);
  const enterprise = useApi<EnterpriseView>(canRead && !isPerson ? `/enterprises/${a.applicant.id}` : null);
  const loaded = isPerson ? person : enterprise;

  return (
    <section className="card case-section" aria-labelledby="case-applicant">
      <h2 id="case-applicant">{t('cases.applicant')}</h2>
      <dl className="case-facts">
        <dt>{t('cases.applicant.kind')}</dt>
        <dd>{isPerson ? t('cases.applicant.person') : t('cases.applicant.enterprise')}</dd>
        <dt>{t('cases.place')}</dt>
        <dd>
          <DivisionName code={a.division} />
        </dd>
        <dt>{t('cases.channel')}</dt>
        <dd>{a.channel === 'desk' ? t('cases.channel.desk') : t('cases.channel.online')}</dd>
        <dt>{t('cases.appliedOn')}</dt>
        <dd>{a.appliedOn}</dd>
        {!canRead && (
          <>
            <dt>{t('cases.applicant.number')}</dt>
            <dd>{a.applicant.id}</dd>
          </>
        )}
        {canRead && person.data && (
          <>
            <dt>{t('cases.applicant.name')}</dt>
            <dd data-testid="applicant-name">{person.data.name}</dd>
            <dt>{t('cases.applicant.idNumber')}</dt>
            <dd className="code">{person.data.idNumber}</dd>
            <dt>{t('cases.applicant.age')}</dt>
            <dd>{person.data.age}</dd>
            <dt>{t('cases.applicant.phone')}</dt>
            <dd>{person.data.phone ?? '—'}</dd>
            <dt>{t('cases.applicant.bank')}</dt>
            <dd>{[person.data.bankName, person.data.bankAccount].filter(Boolean).join(' ') || '—'}</dd>
            <dt>{t('cases.applicant.residence')}</dt>
            <dd>{person.data.residenceDivision.name ?? person.data.residenceDivision.code}</dd>
          </>
        )}
        {canRead && enterprise.data && (
          <>
            <dt>{t('cases.applicant.name')}</dt>
            <dd data-testid="applicant-name">{enterprise.data.name}</dd>
            <dt>{t('cases.applicant.uscc')}</dt>
            <dd className="code">{enterprise.data.uscc}</dd>
            <dt>{t('cases.applicant.contact')}</dt>
            <dd>
              {[enterprise.data.contactName, enterprise.data.contactPhone].filter(Boolean).join(' ') || '—'}
            </dd>
            <dt>{t('cases.applicant.bank')}</dt>
            <dd>
              {[enterprise.data.bankName, enterprise.data.bankAccount].filter(Boolean).join(' ') || '—'}
            </dd>
          </>
        )}
      </dl>
      {canRead && loaded.error && <ErrorNotice error={loaded.error} onRetry={loaded.reload} />}
      {canRead && !loaded.error && !loaded.data && <Loading />}
      <p className="case-note">{t('cases.applicant.masked')}</p>
    </section>
  );
}
