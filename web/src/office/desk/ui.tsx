import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useApi, type ApiError } from '../../lib/api';
import { useT } from '../../lib/prefs';
import { ErrorNotice } from '../../lib/status';
import type { MessageKey } from '../../i18n';
import type { ApplicationView } from '../../lib/applications';
import type { PersonView } from '../../lib/registry';
import type { PolicyList } from '../../lib/types';

/** The error at a field when the API named it (`path`), else undefined. */
export function errorAt(error: ApiError | undefined, ...paths: string[]): string | undefined {
  if (!error?.path) return undefined;
  return paths.some((p) => error.path === p || error.path!.startsWith(`${p}.`))
    ? error.message || error.code
    : undefined;
}

/** The error for the whole form: shown when no field carries it. */
export function FormError({ error, fields }: { error: ApiError | undefined; fields: string[] }) {
  if (!error) return null;
  if (errorAt(error, ...fields)) return null;
  return <ErrorNotice error={error} />;
}

/** A person's masked card: name, ID number, age, sex, place. */
export function PersonCard({ p, children }: { p: PersonView; children?: ReactNode }) {
  const t = useT();
  return (
    <div className="card desk-person" data-person-id={p.id}>
      <h2 className="desk-person-name">{p.name}</h2>
      <dl className="facts">
        <dt>{t('desk.idNumber')}</dt>
        <dd className="code" data-testid="person-id-number">
          {p.idNumber}
        </dd>
        <dt>{t('desk.sexAge')}</dt>
        <dd>
          {t(p.sex === 'female' ? 'desk.female' : 'desk.male')} ·{' '}
          {t('desk.ageYears', { age: p.age, year: p.birthYear })}
        </dd>
        <dt>{t('desk.phone')}</dt>
        <dd className="code">{p.phone ?? t('desk.none')}</dd>
        <dt>{t('desk.residence')}</dt>
        <dd>
          {[p.township.name, p.residenceDivision.code !== p.township.code ? p.residenceDivision.name : null]
            .filter(Boolean)
            .join(' · ') || p.residenceDivision.code}
        </dd>
      </dl>
      {children}
    </div>
  );
}

const STATUS: Record<ApplicationView['status'], MessageKey> = {
  draft: 'desk.app.draft',
  inReview: 'desk.app.inReview',
  returned: 'desk.app.returned',
  rejected: 'desk.app.rejected',
  withdrawn: 'desk.app.withdrawn',
  approved: 'desk.app.approved',
};

/** A division's name from the tree (public reference data); null waits. */
export function useDivisionName(code: string | null): string | undefined {
  const d = useApi<{ name: string }>(code ? `/divisions/${code}` : null);
  return code ? (d.data?.name ?? code) : undefined;
}

/**
 * An application where it stands: status, the step it waits at, and a 公示 with its days and where it
 * is published (the village's notice board and the public site's 公示 list).
 */
export function ApplicationSummary({ a }: { a: ApplicationView }) {
  const t = useT();
  const place = useDivisionName(a.notice ? (a.step?.division ?? a.division) : null);
  const noticeAhead =
    a.status === 'inReview' &&
    !a.notice &&
    a.chain.some((s, i) => i > (a.step?.index ?? 99) && (s.id === 'publicNotice' || s.name.includes('公示')));
  return (
    <div className="desk-app" data-application-id={a.id}>
      <p>
        <strong>{a.programme.name}</strong> · {t('desk.app.no', { id: a.id })} ·{' '}
        <span className={`desk-status desk-status-${a.status}`}>{t(STATUS[a.status])}</span>
      </p>
      <p className="meta">
        {t('desk.app.appliedOn', { date: a.appliedOn })}
        {a.decidedOn ? ` · ${t('desk.app.decidedOn', { date: a.decidedOn })}` : ''}
      </p>
      {a.step && (
        <p>
          {t('desk.app.step', { step: a.step.name, due: a.step.dueOn })}{' '}
          {a.step.overdue && <span className="desk-overdue">{t('desk.overdue')}</span>}
        </p>
      )}
      {a.notice && (
        <div className="desk-notice" role="note" data-testid="notice">
          <strong>{t('desk.notice.title')}</strong>
          <dl className="facts">
            <dt>{t('desk.notice.period')}</dt>
            <dd>{t('desk.notice.dates', { from: a.notice.from, to: a.notice.to })}</dd>
            <dt>{t('desk.notice.where')}</dt>
            <dd>
              {t('desk.notice.board', { place: place ?? '' })} · <Link to="/">{t('desk.notice.site')}</Link>
            </dd>
            <dt>{t('desk.notice.number')}</dt>
            <dd className="code">{a.id}</dd>
          </dl>
          <p className="meta">{t('desk.notice.objections')}</p>
        </div>
      )}
      {noticeAhead && <p className="meta">{t('desk.notice.later')}</p>}
      {a.decision && a.decision.eligible === false && (
        <ul className="desk-reasons">
          {a.decision.reasons
            .filter((r) => r.met === false)
            .map((r) => (
              <li key={r.condition}>✗ {r.condition}</li>
            ))}
        </ul>
      )}
    </div>
  );
}

/** A programme id → name map from the public policy list. */
export function useProgrammeNames(): Map<string, { name: string; nameEn: string }> {
  const list = useApi<PolicyList>('/public/programmes');
  const map = new Map<string, { name: string; nameEn: string }>();
  for (const p of [...(list.data?.person ?? []), ...(list.data?.enterprise ?? [])]) map.set(p.id, p);
  return map;
}
