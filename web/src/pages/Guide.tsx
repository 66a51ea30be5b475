import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../lib/api';
import { usePrefs, useTitle } from '../lib/prefs';
import { Show } from '../lib/status';
import { programmeName, type Guide as GuideView } from '../lib/types';
import { loginPath } from '../lib/auth';

/** 在线申请: to the apply wizard, or first to the login page (the session's CSRF cookie tells). */
function ApplyOnline({ id }: { id: string }) {
  const { t } = usePrefs();
  const to = `/me/apply/${encodeURIComponent(id)}`;
  const signedIn = /(?:^|;\s*)jiuye_csrf=/.test(document.cookie);
  return (
    <p className="apply-online">
      <Link
        to={signedIn ? to : loginPath(to)}
        style={{
          display: 'inline-block',
          background: '#0b57d0',
          color: '#fff',
          padding: '0.45rem 1.25rem',
          borderRadius: 6,
          fontWeight: 600,
        }}
      >
        {signedIn ? t('guide.apply') : t('guide.applyLogin')}
      </Link>
    </p>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Ordered({ items }: { items: string[] }) {
  if (items.length === 0) return <p className="meta">—</p>;
  return (
    <ol>
      {items.map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ol>
  );
}

function standardValue(s: GuideView['standards'][number], toBeSet: string): string {
  if (s.toBeSet || s.value === null || s.value === undefined) return toBeSet;
  const v =
    typeof s.value === 'number'
      ? s.value.toLocaleString('zh-CN')
      : typeof s.value === 'string'
        ? s.value
        : JSON.stringify(s.value);
  return s.unit ? `${v} ${s.unit}` : v;
}

export default function Guide() {
  const { id = '' } = useParams();
  const { t, lang } = usePrefs();
  const guide = useApi<GuideView>(`/public/programmes/${encodeURIComponent(id)}`);
  useTitle(guide.data ? programmeName(guide.data, lang) : undefined);
  return (
    <>
      <p>
        <Link to="/policies">← {t('nav.policies')}</Link>
      </p>
      <Show loaded={guide}>
        {(g) => (
          <>
            <h1>{programmeName(g, lang)}</h1>
            <div className="tags">
              <Tag>{t(`kind.${g.kind}`)}</Tag>
              {g.applyOnline && <Tag color="green">{t('policies.online')}</Tag>}
              {g.onSite && <Tag color="orange">{t('policies.onSite')}</Tag>}
            </div>
            <p>{g.summary}</p>
            {g.applyOnline && <ApplyOnline id={g.id} />}
            <Section title={t('guide.summary')}>
              <dl className="facts">
                <dt>{t('guide.timeLimit')}</dt>
                <dd>{g.timeLimit}</dd>
                <dt>{t('guide.fund')}</dt>
                <dd>{g.fund ?? '—'}</dd>
                <dt>{t('guide.channel')}</dt>
                <dd>
                  {[g.applyOnline ? t('policies.online') : null, g.onSite ? t('policies.onSite') : null]
                    .filter(Boolean)
                    .join('；') || '—'}
                </dd>
                {g.onSiteReason && (
                  <>
                    <dt>{t('guide.onSiteReason')}</dt>
                    <dd>{g.onSiteReason}</dd>
                  </>
                )}
                <dt>{t('guide.office')}</dt>
                <dd>{g.office}</dd>
                <dt>{t('guide.phone')}</dt>
                <dd>{g.phone}</dd>
                <dt>{t('guide.complaintLine')}</dt>
                <dd>{g.complaintLine}</dd>
                {g.departments.length > 0 && (
                  <>
                    <dt>{t('guide.departments')}</dt>
                    <dd>{g.departments.join('、')}</dd>
                  </>
                )}
                {g.frequency && (
                  <>
                    <dt>{t('guide.frequency')}</dt>
                    <dd>{g.frequency}</dd>
                  </>
                )}
              </dl>
            </Section>
            <Section title={t('guide.conditions')}>
              <Ordered items={g.conditions} />
            </Section>
            {g.standards.length > 0 && (
              <Section title={t('guide.standards')}>
                <ul>
                  {g.standards.map((s) => (
                    <li key={s.id}>
                      {s.name}：<strong>{standardValue(s, t('common.toBeSet'))}</strong>
                      {s.assumed && (
                        <>
                          {' '}
                          <Tag color="gold">{t('guide.assumed')}</Tag>
                        </>
                      )}
                      <div className="meta">
                        {s.from && `${t('guide.standardFrom', { from: s.from })} · `}
                        {t('guide.standardSource', { source: s.source })}
                      </div>
                    </li>
                  ))}
                </ul>
              </Section>
            )}
            <Section title={t('guide.materials')}>
              <Ordered items={g.materials} />
            </Section>
            <Section title={t('guide.procedure')}>
              <Ordered items={g.procedure} />
            </Section>
            {g.steps.length > 0 && (
              <Section title={t('guide.steps')}>
                <ol>
                  {g.steps.map((s, i) => (
                    <li key={i}>
                      {lang === 'en' ? s.nameEn : s.name} — {t('guide.stepDays', { days: s.workingDays })}
                      {s.notice && (
                        <>
                          {' '}
                          <Tag color="blue">{t('guide.stepNotice')}</Tag>
                        </>
                      )}
                    </li>
                  ))}
                </ol>
              </Section>
            )}
            <Section title={t('guide.legalBasis')}>
              <p>{[g.legalBasis.document, g.legalBasis.clause].filter(Boolean).join(' ')}</p>
              {g.legalBasis.text && (
                <blockquote aria-label={t('guide.clauseText')} lang="zh-CN">
                  {g.legalBasis.text}
                </blockquote>
              )}
            </Section>
            {g.decisions.length > 0 && (
              <Section title={t('guide.decisions')}>
                <ul>
                  {g.decisions.map((d, i) => (
                    <li key={i}>{d}</li>
                  ))}
                </ul>
              </Section>
            )}
            <p className="meta" style={{ marginTop: '1rem' }}>
              {g.audience !== 'enterprise' && (
                <>
                  <Link to="/calculator">{t('guide.tryCalculator')}</Link>
                  {' · '}
                </>
              )}
              {t('guide.pack', { pack: g.pack })}
            </p>
          </>
        )}
      </Show>
    </>
  );
}
