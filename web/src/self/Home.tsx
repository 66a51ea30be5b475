import { Button, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ApiError } from '../lib/api';
import { api, useApi } from '../lib/api';
import { useAuth } from '../lib/auth';
import { formatDateTime } from '../lib/dates';
import { usePrefs, useTitle } from '../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading, Show } from '../lib/status';
import { programmeName, type PolicyList } from '../lib/types';
import { factLabel, relationLabel, sourceLabel, valueText } from './labels';
import { StatusTag } from './StatusTag';
import type { ApplicationView } from '../lib/applications';
import type { EnterpriseView } from '../lib/registry';
import type { MyProfile, Notification } from './types';
import { asApiError } from '../lib/form';

function PersonProfile() {
  const { t } = usePrefs();
  const profile = useApi<MyProfile>('/me/profile');
  return (
    <section className="section card" aria-labelledby="self-profile">
      <h2 id="self-profile">{t('self.profile')}</h2>
      <Show loaded={profile}>
        {({ person: p, household, facts }) => (
          <>
            <dl className="facts self-profile">
              <dt>{t('self.name')}</dt>
              <dd>{p.name}</dd>
              <dt>{t('self.idNumber')}</dt>
              <dd className="self-mono">{p.idNumber}</dd>
              <dt>{t('self.age')}</dt>
              <dd>{t('self.ageValue', { age: p.age })}</dd>
              <dt>{t('self.phone')}</dt>
              <dd className="self-mono">{p.phone ?? '—'}</dd>
              <dt>{t('self.residence')}</dt>
              <dd>{p.residenceDivision.name ?? p.residenceDivision.code}</dd>
              <dt>{t('self.township')}</dt>
              <dd>{p.township.name ?? p.township.code}</dd>
              {p.hukouDivision && (
                <>
                  <dt>{t('self.hukou')}</dt>
                  <dd>{p.hukouDivision.name ?? p.hukouDivision.code}</dd>
                </>
              )}
              <dt>{t('self.bank')}</dt>
              <dd className="self-mono">{p.bankAccount ? `${p.bankName ?? ''} ${p.bankAccount}` : '—'}</dd>
            </dl>
            <h3>{t('self.household')}</h3>
            {household ? (
              <ul className="self-household" aria-label={t('self.household')}>
                {household.members.map((m, i) => (
                  <li key={i}>
                    {m.name} · {relationLabel(t, m.relation)} · {t('self.ageValue', { age: m.age })}
                    {m.self && <span className="meta"> {t('self.you')}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="meta">{t('self.noHousehold')}</p>
            )}
            <h3>{t('self.knownFacts')}</h3>
            {facts.length === 0 ? (
              <p className="meta">{t('self.knownFactsEmpty')}</p>
            ) : (
              <dl className="facts self-profile">
                {facts.map((f) => (
                  <div key={f.id} className="self-fact-row">
                    <dt>
                      {factLabel(t, f.name)}
                      {f.via && <span className="meta"> {t('self.viaHousehold')}</span>}
                    </dt>
                    <dd>
                      {valueText(t, f.value)}{' '}
                      <span className="meta">
                        {t('self.wiz.source', { source: sourceLabel(t, f.source.kind) })}
                      </span>
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </>
        )}
      </Show>
      <p className="meta">{t('self.profileNote')}</p>
    </section>
  );
}

function EnterpriseProfile({ id }: { id: number }) {
  const { t } = usePrefs();
  const ent = useApi<EnterpriseView>(`/enterprises/${id}`);
  return (
    <section className="section card" aria-labelledby="self-profile">
      <h2 id="self-profile">{t('self.company')}</h2>
      <Show loaded={ent}>
        {(e) => (
          <dl className="facts self-profile">
            <dt>{t('self.companyName')}</dt>
            <dd>{e.name}</dd>
            <dt>{t('self.uscc')}</dt>
            <dd className="self-mono">{e.uscc}</dd>
            {e.size && (
              <>
                <dt>{t('self.size')}</dt>
                <dd>{valueText(t, e.size)}</dd>
              </>
            )}
            {e.legalRepresentative && (
              <>
                <dt>{t('self.legalRepresentative')}</dt>
                <dd>{e.legalRepresentative}</dd>
              </>
            )}
            <dt>{t('self.contact')}</dt>
            <dd>{[e.contactName, e.contactPhone].filter(Boolean).join(' · ') || '—'}</dd>
            <dt>{t('self.address')}</dt>
            <dd>{[e.township.name, e.division.name].filter(Boolean).join(' · ') || e.division.code}</dd>
            <dt>{t('self.bank')}</dt>
            <dd className="self-mono">{e.bankAccount ? `${e.bankName ?? ''} ${e.bankAccount}` : '—'}</dd>
          </dl>
        )}
      </Show>
      <p className="meta">{t('self.profileNote')}</p>
    </section>
  );
}

function Applications() {
  const { t, lang } = usePrefs();
  const apps = useApi<ApplicationView[]>('/applications?limit=50');
  return (
    <section className="section" aria-labelledby="self-apps">
      <h2 id="self-apps">{t('self.applications')}</h2>
      <Show loaded={apps}>
        {(list) =>
          list.length === 0 ? (
            <EmptyNotice text={t('self.applicationsEmpty')} />
          ) : (
            <ul className="self-list">
              {list.map((a) => (
                <li key={a.id} className="card self-app" data-application={a.id}>
                  <div className="self-app-head">
                    <Link to={`/me/applications/${a.id}`}>
                      <strong>{programmeName(a.programme, lang)}</strong>
                    </Link>
                    <StatusTag status={a.status} />
                  </div>
                  <p className="meta">
                    {t('self.reference', { id: a.id })} · {t('self.appliedOn', { date: a.appliedOn })}
                  </p>
                  {a.step && a.status === 'inReview' && (
                    <p>
                      {t('self.waitingAt', {
                        step: lang === 'en' ? a.step.nameEn : a.step.name,
                        due: a.step.dueOn,
                      })}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </section>
  );
}

export function Messages({ filter }: { filter?: (n: Notification) => boolean }) {
  const { t, lang } = usePrefs();
  const loaded = useApi<Notification[]>('/notifications?limit=50');
  const [read, setRead] = useState<Set<number>>(new Set());
  const [error, setError] = useState<ApiError>();
  const markRead = async (id: number) => {
    setError(undefined);
    try {
      await api(`/notifications/${id}/read`, { method: 'POST' });
      setRead((s) => new Set(s).add(id));
    } catch (e) {
      setError(asApiError(e));
    }
  };
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const list = loaded.data.filter((n) => !filter || filter(n));
  const unread = list.filter((n) => !n.read && !read.has(n.id)).length;
  return (
    <>
      {unread > 0 && <p role="status">{t('self.unreadCount', { count: unread })}</p>}
      {error && <ErrorNotice error={error} />}
      {list.length === 0 ? (
        <EmptyNotice text={t('self.messagesEmpty')} />
      ) : (
        <ul className="self-list self-messages">
          {list.map((n) => {
            const isRead = n.read || read.has(n.id);
            return (
              <li key={n.id} className={`card self-message${isRead ? '' : ' unread'}`}>
                <p>
                  {!isRead && <Tag color="blue">{t('self.unread')}</Tag>}
                  {lang === 'en' ? n.messageEn : n.message}
                </p>
                <p className="meta">
                  {formatDateTime(n.createdAt)}
                  {n.subject.type === 'application' && (
                    <>
                      {' · '}
                      <Link to={`/me/applications/${n.subject.id}`}>
                        {t('self.reference', { id: n.subject.id })}
                      </Link>
                    </>
                  )}
                </p>
                {!isRead && (
                  <Button size="small" onClick={() => void markRead(n.id)}>
                    {t('self.markRead')}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function Programmes({ audience }: { audience: 'person' | 'enterprise' }) {
  const { t, lang } = usePrefs();
  const list = useApi<PolicyList>('/public/programmes');
  return (
    <section className="section" aria-labelledby="self-programmes">
      <h2 id="self-programmes">
        {audience === 'enterprise' ? t('self.programmesEnterprise') : t('self.programmes')}
      </h2>
      <Show loaded={list}>
        {(l) => {
          // Applied for by this audience (the list also shows 就业见习 to persons, but the unit claims it).
          const items = l[audience].filter(
            (p) => p.applyOnline && (p.audience === audience || p.audience === 'both'),
          );
          return items.length === 0 ? (
            <EmptyNotice text={t('self.programmesEmpty')} />
          ) : (
            <ul className="self-list self-programmes">
              {items.map((p) => (
                <li key={p.id} className="card">
                  <strong>{programmeName(p, lang)}</strong>
                  <p className="meta">{p.summary}</p>
                  <div className="actions">
                    <Link className="self-cta" to={`/me/apply/${p.id}`}>
                      {t('self.apply')}
                    </Link>
                    <Link to={`/policies/${p.id}`}>{t('self.guide')}</Link>
                  </div>
                </li>
              ))}
            </ul>
          );
        }}
      </Show>
    </section>
  );
}

/** `/me`: the citizen's (or company's) profile, applications, messages and what they can apply for. */
export default function Home() {
  const { t } = usePrefs();
  const { me, logout } = useAuth();
  useTitle(t('self.title'));
  const isEnterprise = me.role === 'enterprise';
  if (me.role !== 'citizen' && !isEnterprise)
    return (
      <div className="self">
        <h1>{t('self.title')}</h1>
        <p role="status">{t('self.staff')}</p>
        <Link className="self-cta" to="/office">
          {t('self.toOffice')}
        </Link>
      </div>
    );
  return (
    <div className="self">
      <div className="self-top">
        <h1>{t('self.title')}</h1>
        <p>
          {t('self.hello', { name: me.displayName })}{' '}
          <Button size="small" onClick={() => void logout()}>
            {t('self.logout')}
          </Button>
        </p>
      </div>
      <div className="self-grid">
        <div>
          <Applications />
          <section className="section" aria-labelledby="self-messages">
            <h2 id="self-messages">{t('self.messages')}</h2>
            <Messages />
          </section>
        </div>
        <div>
          {me.person && !isEnterprise && <PersonProfile />}
          {me.enterprise && isEnterprise && <EnterpriseProfile id={me.enterprise.id} />}
          {!me.person && !me.enterprise && <p role="status">{t('self.notBound')}</p>}
        </div>
      </div>
      <Programmes audience={isEnterprise ? 'enterprise' : 'person'} />
    </div>
  );
}
