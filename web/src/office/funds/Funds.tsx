import { Alert, Select } from 'antd';
import { useState } from 'react';
import { Link, Route, Routes } from 'react-router';
import { useApi } from '../../lib/api';
import { today } from '../../lib/dates';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import { FundPage } from './FundPage';
import { usage } from './money';
import { UsageBar, Yuan } from './parts';
import type { FundView } from './types';
import './messages';
import './funds.css';

export function yearOptions(): number[] {
  const y = Number(today().slice(0, 4));
  return [y + 1, y, y - 1, y - 2, y - 3];
}

/** 资金预算: every fund with the year's budget, committed, paid and remaining. */
function FundsOverview() {
  const { t, lang } = usePrefs();
  useTitle(t('funds.title'));
  const [year, setYear] = useState(Number(today().slice(0, 4)));
  const loaded = useApi<FundView[]>(`/funds?year=${year}`);
  return (
    <section className="funds">
      <h1>{t('funds.title')}</h1>
      <form className="funds-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('funds.filters')}>
        <label>
          <span>{t('funds.year')}</span>
          <Select
            aria-label={t('funds.year')}
            value={year}
            onChange={setYear}
            style={{ minWidth: '7rem' }}
            options={yearOptions().map((y) => ({ value: y, label: t('funds.yearN', { year: y }) }))}
          />
        </label>
      </form>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data || loaded.loading ? (
        <Loading />
      ) : loaded.data.length === 0 ? (
        <EmptyNotice text={t('funds.empty')} />
      ) : (
        <>
          {loaded.data.every((f) => f.budgetFen === 0) && (
            <Alert type="info" showIcon title={t('funds.noBudgetsYear', { year })} />
          )}
          <ul className="funds-list">
            {loaded.data.map((f) => {
              const u = usage(f.budgetFen, f.balances);
              return (
                <li key={f.code} className={`card funds-card funds-level-${u.level}`} data-fund={f.code}>
                  <h2>
                    <Link to={encodeURIComponent(f.code)}>{lang === 'en' ? f.nameEn : f.name}</Link>
                  </h2>
                  <UsageBar u={u} />
                  <dl className="funds-figures">
                    <dt>{t('funds.budget')}</dt>
                    <dd data-figure="budget">
                      <Yuan fen={u.budgetFen} />
                    </dd>
                    <dt>{t('funds.committed')}</dt>
                    <dd data-figure="committed">
                      <Yuan fen={u.committedFen} />
                    </dd>
                    <dt>{t('funds.paid')}</dt>
                    <dd data-figure="paid">
                      <Yuan fen={u.paidFen} />
                    </dd>
                    {u.guaranteedFen !== 0 && (
                      <>
                        <dt>{t('funds.guaranteed')}</dt>
                        <dd data-figure="guaranteed">
                          <Yuan fen={u.guaranteedFen} />
                        </dd>
                      </>
                    )}
                    <dt>{t('funds.remaining')}</dt>
                    <dd data-figure="remaining" className={u.remainingFen < 0 ? 'funds-negative' : undefined}>
                      <Yuan fen={u.remainingFen} />
                    </dd>
                  </dl>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

/** `/office/funds/*`: the overview, and `/office/funds/<code>` a fund's budgets and ledger. */
export default function Funds() {
  return (
    <Routes>
      <Route index element={<FundsOverview />} />
      <Route path=":code" element={<FundPage />} />
    </Routes>
  );
}
