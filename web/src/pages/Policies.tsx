import { Input, Tabs, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../lib/api';
import { usePrefs, useTitle } from '../lib/prefs';
import { EmptyNotice, Show } from '../lib/status';
import { programmeName, type PolicyList, type ProgrammeSummary } from '../lib/types';

/** Whether a programme matches the search: by name, summary, conditions and keywords (case folded). */
function matches(p: ProgrammeSummary, needle: string): boolean {
  if (!needle) return true;
  return [p.name, p.nameEn, p.summary, ...p.conditions, ...p.keywords].some((text) =>
    text.toLowerCase().includes(needle),
  );
}

function ProgrammeCards({ items, q }: { items: ProgrammeSummary[]; q: string }) {
  const { t, lang } = usePrefs();
  const needle = q.trim().toLowerCase();
  const shown = items.filter((p) => matches(p, needle));
  if (shown.length === 0) return <EmptyNotice text={needle ? t('policies.noMatch', { q }) : undefined} />;
  return (
    <ul className="cards">
      {shown.map((p) => (
        <li key={p.id} className="card">
          <h2 className="card-title">
            <Link to={`/policies/${encodeURIComponent(p.id)}`}>{programmeName(p, lang)}</Link>
          </h2>
          <div className="tags">
            <Tag>{t(`kind.${p.kind}`)}</Tag>
            {p.applyOnline && <Tag color="green">{t('policies.online')}</Tag>}
            {p.onSite && <Tag color="orange">{t('policies.onSite')}</Tag>}
          </div>
          <p>{p.summary}</p>
          <p className="meta">
            {t('policies.timeLimit', { value: p.timeLimit })}
            <br />
            {t('policies.basis', {
              value: [p.legalBasis.document, p.legalBasis.clause].filter(Boolean).join(' '),
            })}
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function Policies() {
  const { t } = usePrefs();
  const [params, setParams] = useSearchParams();
  const list = useApi<PolicyList>('/public/programmes');
  const tab = params.get('tab') === 'enterprise' ? 'enterprise' : 'person';
  const q = params.get('q') ?? '';
  useTitle(t('policies.title'));
  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <>
      <h1>{t('policies.title')}</h1>
      <Show loaded={list}>
        {(data) => (
          <>
            <p className="lead">{t('policies.lead', { pack: data.pack, date: data.date })}</p>
            <Input
              allowClear
              value={q}
              onChange={(e) => update('q', e.target.value)}
              placeholder={t('policies.filter')}
              aria-label={t('policies.filter')}
            />
            {q.trim() ? (
              // A search looks across both audiences: one list, each programme once.
              <ProgrammeCards
                items={[
                  ...data.person,
                  ...data.enterprise.filter((e) => !data.person.some((p) => p.id === e.id)),
                ]}
                q={q}
              />
            ) : (
              <Tabs
                activeKey={tab}
                onChange={(k) => update('tab', k === 'person' ? '' : k)}
                items={[
                  {
                    key: 'person',
                    label: `${t('policies.person')} (${data.person.length})`,
                    children: <ProgrammeCards items={data.person} q={q} />,
                  },
                  {
                    key: 'enterprise',
                    label: `${t('policies.enterprise')} (${data.enterprise.length})`,
                    children: <ProgrammeCards items={data.enterprise} q={q} />,
                  },
                ]}
              />
            )}
          </>
        )}
      </Show>
    </>
  );
}
