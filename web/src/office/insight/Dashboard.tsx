import { Button, Select, Tag } from 'antd';
import { useId, useMemo } from 'react';
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { useApi } from '../../lib/api';
import { today } from '../../lib/dates';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import type { MessageKey } from '../../i18n';
import Chart from './Chart';
import TableRegion from './TableRegion';
import type { EChartsCoreOption } from './echarts';
import {
  barChart,
  barsHeight,
  budgetNearlyUsed,
  fenText,
  share,
  STATUS_COLOURS,
  STATUSES,
  type Dashboard as DashboardData,
  type DivisionRef,
  type Figures,
} from './figures';
import './insight.css';
import './messages';

const BASE = '/office/dashboard';

type Row = { key: string; code: string | null; name: string; figures: Figures };

/** The link to a division's dashboard, keeping the chosen year. */
function useHref() {
  const [search] = useSearchParams();
  const year = search.get('year');
  return (code: string | null, own: string) =>
    `${code && code !== own ? `${BASE}/${code}` : BASE}${year ? `?year=${year}` : ''}`;
}

function Breadcrumb({ path }: { path: DivisionRef[] }) {
  const { t } = usePrefs();
  const href = useHref();
  const own = path[0]?.code ?? '';
  return (
    <nav aria-label={t('insight.dashboard.breadcrumb')} className="insight-breadcrumb">
      <ol>
        {path.map((d, i) => (
          <li key={d.code}>
            {i === path.length - 1 ? (
              <span aria-current="page">{d.name}</span>
            ) : (
              <Link to={href(d.code, own)}>{d.name}</Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Cards({ f }: { f: Figures }) {
  const { t, lang } = usePrefs();
  const cards: Array<{ id: string; label: MessageKey; value: string; note?: string }> = [
    {
      id: 'applications',
      label: 'insight.card.applications',
      value: f.applications.toLocaleString(),
      note: t('insight.card.approvedOf', { count: f.byStatus.approved }),
    },
    { id: 'committed', label: 'insight.card.committed', value: `¥${fenText(f.committedFen, lang)}` },
    {
      id: 'paid',
      label: 'insight.card.paid',
      value: `¥${fenText(f.paidFen, lang)}`,
      note: t('insight.card.paidShare', { share: share(f.paidFen, f.committedFen) }),
    },
    {
      id: 'unemployed',
      label: 'insight.card.unemployed',
      value: t('insight.card.persons', { count: f.registeredUnemployed }),
    },
    {
      id: 'difficulty',
      label: 'insight.card.difficulty',
      value: t('insight.card.persons', { count: f.difficultyPersons }),
    },
  ];
  return (
    <ul className="insight-cards">
      {cards.map((c) => (
        <li key={c.id} className="insight-card" data-testid={`card-${c.id}`}>
          <span className="insight-card-label">{t(c.label)}</span>
          <strong className="insight-card-value">{c.value}</strong>
          {c.note && <span className="insight-card-note">{c.note}</span>}
        </li>
      ))}
    </ul>
  );
}

function DivisionName({ row, own }: { row: Row; own: string }) {
  const { t } = usePrefs();
  const href = useHref();
  if (!row.code) return <>{row.name}</>;
  return (
    <Link to={href(row.code, own)} aria-label={t('insight.open', { name: row.name })}>
      {row.name}
    </Link>
  );
}

/** The dashboard's own division, and what a click on a division's bar does: open its dashboard. */
function useDrillDown(d: DashboardData, rows: Row[]) {
  const navigate = useNavigate();
  const href = useHref();
  const own = d.path[0]?.code ?? d.division.code;
  const open = (i: number) => {
    const r = rows[i];
    if (r?.code) void navigate(href(r.code, own));
  };
  return { own, open };
}

function ApplicationsSection({ d, rows, levelName }: { d: DashboardData; rows: Row[]; levelName: string }) {
  const { t } = usePrefs();
  const { own, open } = useDrillDown(d, rows);
  const headingId = useId();
  const option = useMemo<EChartsCoreOption>(
    () =>
      barChart(
        rows.map((r) => r.name),
        STATUSES.map((s) => ({
          name: t(`insight.status.${s}`),
          type: 'bar',
          stack: 'status',
          itemStyle: { color: STATUS_COLOURS[s] },
          data: rows.map((r) => r.figures.byStatus[s]),
        })),
        { legend: { type: 'scroll' }, xAxis: { minInterval: 1 } },
      ),
    [rows, t],
  );
  return (
    <section className="insight-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('insight.section.applications', { level: levelName })}</h2>
      <p className="insight-hint">{t('insight.section.applicationsHint')}</p>
      <div className="insight-pair insight-stacked">
        <Chart
          option={option}
          label={t('insight.chart.applications', { level: levelName })}
          height={barsHeight(rows.length)}
          testId="chart-applications"
          onPick={open}
        />
        <TableRegion<Row>
          testId="table-applications"
          labelledBy={headingId}
          rowKey="key"
          dataSource={rows}
          columns={[
            {
              title: t('insight.col.division'),
              key: 'name',
              render: (_, r) => <DivisionName row={r} own={own} />,
            },
            {
              title: t('insight.col.applications'),
              key: 'applications',
              align: 'right',
              render: (_, r) => r.figures.applications,
            },
            ...STATUSES.map((s) => ({
              title: t(`insight.status.${s}`),
              key: s,
              align: 'right' as const,
              render: (_: unknown, r: Row) => r.figures.byStatus[s],
            })),
            {
              title: t('insight.col.unemployed'),
              key: 'unemployed',
              align: 'right',
              render: (_, r) => r.figures.registeredUnemployed,
            },
            {
              title: t('insight.col.difficulty'),
              key: 'difficulty',
              align: 'right',
              render: (_, r) => r.figures.difficultyPersons,
            },
          ]}
        />
      </div>
    </section>
  );
}

function MoneySection({ d, rows, levelName }: { d: DashboardData; rows: Row[]; levelName: string }) {
  const { t, lang } = usePrefs();
  const { own, open } = useDrillDown(d, rows);
  const headingId = useId();
  const option = useMemo<EChartsCoreOption>(
    () =>
      barChart(
        rows.map((r) => r.name),
        [
          {
            name: t('insight.card.committed'),
            type: 'bar',
            itemStyle: { color: '#1677ff' },
            data: rows.map((r) => r.figures.committedFen / 100),
          },
          {
            name: t('insight.card.paid'),
            type: 'bar',
            itemStyle: { color: '#389e0d' },
            data: rows.map((r) => r.figures.paidFen / 100),
          },
        ],
      ),
    [rows, t],
  );
  return (
    <section className="insight-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('insight.section.money', { level: levelName })}</h2>
      <div className="insight-pair">
        <Chart
          option={option}
          label={t('insight.chart.money', { level: levelName })}
          height={barsHeight(rows.length, 36)}
          testId="chart-money"
          onPick={open}
        />
        <TableRegion<Row>
          testId="table-money"
          labelledBy={headingId}
          rowKey="key"
          dataSource={rows}
          columns={[
            {
              title: t('insight.col.division'),
              key: 'name',
              render: (_, r) => <DivisionName row={r} own={own} />,
            },
            {
              title: t('insight.col.committed'),
              key: 'committed',
              align: 'right',
              render: (_, r) => fenText(r.figures.committedFen, lang),
            },
            {
              title: t('insight.col.paid'),
              key: 'paid',
              align: 'right',
              render: (_, r) => fenText(r.figures.paidFen, lang),
            },
          ]}
        />
      </div>
    </section>
  );
}

function FundsSection({ d }: { d: DashboardData }) {
  const { t, lang } = usePrefs();
  const headingId = useId();
  const funds = d.funds;
  const name = (f: DashboardData['funds'][number]) => (lang === 'en' ? f.nameEn : f.name);
  const option = useMemo<EChartsCoreOption>(
    () =>
      barChart(
        funds.map((f) => (lang === 'en' ? f.nameEn : f.name)),
        [
          {
            name: t('insight.col.budget'),
            type: 'bar',
            itemStyle: { color: '#d9d9d9' },
            data: funds.map((f) => f.budgetFen / 100),
          },
          {
            name: t('insight.card.committed'),
            type: 'bar',
            itemStyle: { color: '#1677ff' },
            data: funds.map((f) => f.committedFen / 100),
          },
          {
            name: t('insight.card.paid'),
            type: 'bar',
            itemStyle: { color: '#389e0d' },
            data: funds.map((f) => f.paidFen / 100),
          },
        ],
      ),
    [funds, t, lang],
  );
  return (
    <section className="insight-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('insight.section.funds')}</h2>
      {funds.length === 0 ? (
        <EmptyNotice text={t('insight.noFunds')} />
      ) : (
        <div className="insight-pair">
          <Chart
            option={option}
            label={t('insight.chart.funds')}
            height={barsHeight(funds.length, 60)}
            testId="chart-funds"
          />
          <TableRegion
            testId="table-funds"
            labelledBy={headingId}
            rowKey="fund"
            dataSource={funds}
            columns={[
              { title: t('insight.col.fund'), key: 'name', render: (_, f) => name(f) },
              {
                title: t('insight.col.budget'),
                key: 'budget',
                align: 'right',
                render: (_, f) => fenText(f.budgetFen, lang),
              },
              {
                title: t('insight.col.committed'),
                key: 'committed',
                align: 'right',
                render: (_, f) => fenText(f.committedFen, lang),
              },
              {
                title: t('insight.col.paid'),
                key: 'paid',
                align: 'right',
                render: (_, f) => fenText(f.paidFen, lang),
              },
              {
                title: t('insight.col.used'),
                key: 'used',
                align: 'right',
                render: (_, f) =>
                  budgetNearlyUsed(f.committedFen, f.budgetFen) ? (
                    <Tag color="red">
                      {share(f.committedFen, f.budgetFen)} · {t('insight.budgetWarning')}
                    </Tag>
                  ) : (
                    share(f.committedFen, f.budgetFen)
                  ),
              },
              ...(d.division.level === 'county'
                ? []
                : [
                    {
                      title: t('insight.col.committedHere'),
                      key: 'committedHere',
                      align: 'right' as const,
                      render: (_: unknown, f: DashboardData['funds'][number]) =>
                        fenText(f.committedHereFen, lang),
                    },
                    {
                      title: t('insight.col.paidHere'),
                      key: 'paidHere',
                      align: 'right' as const,
                      render: (_: unknown, f: DashboardData['funds'][number]) => fenText(f.paidHereFen, lang),
                    },
                  ]),
            ]}
          />
        </div>
      )}
    </section>
  );
}

function ProgrammesSection({ d }: { d: DashboardData }) {
  const { t } = usePrefs();
  const headingId = useId();
  return (
    <section className="insight-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('insight.section.programmes')}</h2>
      {d.byProgramme.length === 0 ? (
        <EmptyNotice text={t('insight.noProgrammes')} />
      ) : (
        <TableRegion
          testId="table-programmes"
          labelledBy={headingId}
          rowKey="programme"
          dataSource={d.byProgramme}
          columns={[
            { title: t('insight.col.programme'), dataIndex: 'name', key: 'name' },
            { title: t('insight.col.applications'), dataIndex: 'applications', key: 'n', align: 'right' },
            ...STATUSES.map((s) => ({
              title: t(`insight.status.${s}`),
              key: s,
              align: 'right' as const,
              render: (_: unknown, p: DashboardData['byProgramme'][number]) => p.byStatus[s],
            })),
          ]}
        />
      )}
    </section>
  );
}

function View() {
  const { t } = usePrefs();
  const { code } = useParams();
  const [search, setSearch] = useSearchParams();
  const year = search.get('year');
  const query = new URLSearchParams();
  if (code) query.set('division', code);
  if (year) query.set('year', year);
  const loaded = useApi<DashboardData>(`/monitoring/dashboard?${query.toString()}`);
  const d = loaded.data;
  useTitle(d ? `${d.division.name} · ${t('insight.dashboard.title')}` : t('insight.dashboard.title'));
  const thisYear = Number(today().slice(0, 4));
  const yearId = useId();

  const rows = useMemo<Row[]>(() => {
    if (!d) return [];
    const r: Row[] = d.children.map((c) => ({ key: c.code, code: c.code, name: c.name, figures: c.figures }));
    if (d.unplaced) r.push({ key: 'unplaced', code: null, name: t('insight.unplaced'), figures: d.unplaced });
    return r;
  }, [d, t]);

  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!d) return <Loading />;
  const levelName = d.division.level === 'county' ? t('insight.level.county') : t('insight.level.township');
  return (
    <section className="insight" aria-busy={loaded.loading}>
      <Breadcrumb path={d.path} />
      <h1>{t('insight.dashboard.heading', { name: d.division.name })}</h1>
      <div className="insight-toolbar">
        <label htmlFor={yearId}>{t('insight.dashboard.year')}</label>
        <Select
          id={yearId}
          value={String(d.year)}
          style={{ minWidth: '7rem' }}
          onChange={(v) => {
            const next = new URLSearchParams(search);
            if (Number(v) === thisYear) next.delete('year');
            else next.set('year', v);
            setSearch(next);
          }}
          options={[0, 1, 2, 3].map((i) => ({
            value: String(thisYear - i),
            label: t('insight.dashboard.yearOption', { year: thisYear - i }),
          }))}
        />
        <Button onClick={loaded.reload} loading={loaded.loading}>
          {t('insight.dashboard.refresh')}
        </Button>
      </div>
      <p className="insight-hint">
        {t('insight.dashboard.asOf', { date: d.asOf, year: d.year })} {t('insight.dashboard.readOnly')}
      </p>
      <Cards f={d.totals} />
      {d.division.level === 'village' ? (
        <p className="insight-hint" role="note">
          {t('insight.section.villageNote')}
        </p>
      ) : (
        <>
          <ApplicationsSection d={d} rows={rows} levelName={levelName} />
          <MoneySection d={d} rows={rows} levelName={levelName} />
        </>
      )}
      <FundsSection d={d} />
      <ProgrammesSection d={d} />
    </section>
  );
}

/** 工作台: the viewer's division (city, township or village) and, drilling down, any division beneath. */
export default function Dashboard() {
  return (
    <Routes>
      <Route index element={<View />} />
      <Route path=":code" element={<View />} />
    </Routes>
  );
}
