import { Alert, Button, Input, Radio, Select, Table, Tag } from 'antd';
import { useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { MessageKey } from '../../i18n';
import { api, ApiError, useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import { yearOptions } from './Funds';
import { fenText, usage, yuanToFen } from './money';
import { dateTime, ListTable, UsageTag, useProgrammes, Yuan } from './parts';
import type { BudgetView, FundView, JournalView, LedgerView } from './types';
import { asApiError } from '../../lib/form';

const LEDGER_STEP = 200;

/** Finance sets a programme's budget for a year, and what an exhausted budget does. */
function BudgetForm({
  fund,
  editing,
  onSaved,
}: {
  fund: FundView;
  editing: BudgetView | undefined;
  onSaved: (b: BudgetView) => void;
}) {
  const { t, lang } = usePrefs();
  const ids = { year: useId(), programme: useId(), amount: useId(), exhausted: useId() };
  const programmes = useProgrammes();
  const own = programmes.list.filter((p) => p.fund === fund.name);
  const [year, setYear] = useState(editing?.year ?? Number(new Date().getFullYear()));
  const [programmeId, setProgrammeId] = useState(editing?.programmeId ?? '');
  const [amount, setAmount] = useState(editing ? fenText(editing.amountFen).replaceAll(',', '') : '');
  const [onExhausted, setOnExhausted] = useState<'block' | 'warn'>(editing?.onExhausted ?? 'block');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const fieldError = (path: string) =>
    error?.path === path ? (
      <p className="funds-field-error" role="alert">
        {error.message}
      </p>
    ) : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amountFen = yuanToFen(amount);
    if (!programmeId) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('funds.budgetForm.needProgramme'), 'programmeId'));
      return;
    }
    if (amountFen === undefined) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('funds.budgetForm.badAmount'), 'amountFen'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api<BudgetView>(`/funds/${encodeURIComponent(fund.code)}/budgets`, {
        method: 'PUT',
        body: { year, programmeId, amountFen, onExhausted },
      });
      onSaved(saved);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="funds-form card"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={ids.year + 'h'}
    >
      <h3 id={ids.year + 'h'}>{t('funds.budgetForm.title')}</h3>
      <div className="funds-form-row">
        <label htmlFor={ids.year}>{t('funds.year')}</label>
        <Select
          id={ids.year}
          value={year}
          onChange={setYear}
          style={{ minWidth: '7rem' }}
          options={yearOptions().map((y) => ({ value: y, label: t('funds.yearN', { year: y }) }))}
        />
        {fieldError('year')}
      </div>
      <div className="funds-form-row">
        <label htmlFor={ids.programme}>{t('funds.programme')}</label>
        <Select
          id={ids.programme}
          value={programmeId || undefined}
          onChange={setProgrammeId}
          placeholder={t('funds.budgetForm.pickProgramme')}
          style={{ minWidth: '14rem', maxWidth: '100%' }}
          status={error?.path === 'programmeId' ? 'error' : undefined}
          options={(own.length ? own : programmes.list).map((p) => ({
            value: p.id,
            label: lang === 'en' ? p.nameEn : p.name,
          }))}
        />
        {fieldError('programmeId')}
      </div>
      <div className="funds-form-row">
        <label htmlFor={ids.amount}>{t('funds.budgetForm.amount')}</label>
        <Input
          id={ids.amount}
          className="funds-amount-input"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          suffix={t('funds.yuanUnit')}
          status={error?.path === 'amountFen' ? 'error' : undefined}
          aria-invalid={error?.path === 'amountFen'}
          style={{ maxWidth: '16rem' }}
        />
        {fieldError('amountFen')}
      </div>
      <fieldset className="funds-form-row">
        <legend id={ids.exhausted}>{t('funds.budgetForm.onExhausted')}</legend>
        <Radio.Group
          aria-labelledby={ids.exhausted}
          value={onExhausted}
          onChange={(e) => setOnExhausted(e.target.value as 'block' | 'warn')}
        >
          <Radio value="block">{t('funds.exhausted.block')}</Radio>
          <Radio value="warn">{t('funds.exhausted.warn')}</Radio>
        </Radio.Group>
        <p className="meta">{t(`funds.exhausted.${onExhausted}Help` as MessageKey)}</p>
      </fieldset>
      {error && !['year', 'programmeId', 'amountFen'].includes(error.path ?? '') && (
        <ErrorNotice error={error} />
      )}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('funds.budgetForm.save')}
      </Button>
    </form>
  );
}

/** A journal's amount: what it moved (the debit leg). */
function journalAmount(j: JournalView): number {
  return j.postings.reduce((s, p) => s + (p.amountFen > 0 ? p.amountFen : 0), 0);
}

function Ledger({ fund }: { fund: FundView }) {
  const { t } = usePrefs();
  const programmes = useProgrammes();
  const [year, setYear] = useState<number | 0>(0);
  const [limit, setLimit] = useState(LEDGER_STEP);
  const q = new URLSearchParams({ limit: String(limit) });
  if (year) q.set('year', String(year));
  const loaded = useApi<LedgerView>(`/funds/${encodeURIComponent(fund.code)}/ledger?${q.toString()}`);
  const journals = loaded.data?.journals;
  return (
    <section aria-labelledby="funds-ledger-h">
      <h2 id="funds-ledger-h">{t('funds.ledger.title')}</h2>
      <form className="funds-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('funds.year')}</span>
          <Select
            aria-label={t('funds.year')}
            value={year}
            onChange={(v) => {
              setYear(v);
              setLimit(LEDGER_STEP);
            }}
            style={{ minWidth: '7rem' }}
            options={[
              { value: 0, label: t('funds.allYears') },
              ...yearOptions().map((y) => ({ value: y, label: t('funds.yearN', { year: y }) })),
            ]}
          />
        </label>
        <Button onClick={loaded.reload}>{t('funds.refresh')}</Button>
      </form>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !journals ? (
        <Loading />
      ) : journals.length === 0 ? (
        <EmptyNotice text={t('funds.ledger.empty')} />
      ) : (
        <>
          <div className="funds-table">
            <Table<JournalView>
              rowKey="id"
              size="small"
              loading={loaded.loading}
              scroll={{ x: 'max-content' }}
              dataSource={journals}
              rowClassName={(j) => `funds-journal funds-journal-${j.kind}`}
              pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
              columns={[
                {
                  title: t('funds.ledger.postedAt'),
                  dataIndex: 'postedAt',
                  render: (v: string) => dateTime(v),
                },
                {
                  title: t('funds.ledger.kind'),
                  dataIndex: 'kind',
                  render: (k: string) => <Tag>{t(`funds.journal.${k}` as MessageKey)}</Tag>,
                },
                {
                  title: t('funds.programme'),
                  key: 'programme',
                  render: (_: unknown, j) => programmes.name(j.postings[0]?.programmeId ?? null),
                },
                { title: t('funds.year'), key: 'year', render: (_: unknown, j) => j.postings[0]?.year },
                {
                  title: t('funds.ledger.amount'),
                  key: 'amount',
                  align: 'right',
                  render: (_: unknown, j) => <Yuan fen={journalAmount(j)} />,
                },
                {
                  title: t('funds.ledger.application'),
                  dataIndex: 'applicationId',
                  render: (v: number | null) => v ?? '—',
                },
                { title: t('funds.ledger.actor'), dataIndex: 'actor' },
              ]}
            />
          </div>
          <p className="meta" role="status">
            {t('funds.ledger.count', { count: journals.length })}
          </p>
          {journals.length >= limit && limit < 1000 && (
            <Button onClick={() => setLimit((l) => Math.min(1000, l + LEDGER_STEP))}>
              {t('funds.ledger.more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

/** `/office/funds/<code>`: a fund's yearly budgets (set by finance) and its ledger. */
export function FundPage() {
  const { t, lang } = usePrefs();
  const { code = '' } = useParams();
  const { me } = useAuth();
  const canManage = me.permissions.includes('funds.manage');
  const funds = useApi<FundView[]>('/funds');
  const fund = funds.data?.find((f) => f.code === code);
  const budgets = useApi<BudgetView[]>(fund ? `/funds/${encodeURIComponent(fund.code)}/budgets` : null);
  const programmes = useProgrammes();
  const [editing, setEditing] = useState<BudgetView | 'new'>();
  const [saved, setSaved] = useState<BudgetView>();
  const [round, setRound] = useState(0);
  const name = fund ? (lang === 'en' ? fund.nameEn : fund.name) : '';
  useTitle(name || t('funds.title'));

  if (funds.error) return <ErrorNotice error={funds.error} onRetry={funds.reload} />;
  if (!funds.data) return <Loading />;
  if (!fund)
    return (
      <section>
        <p role="status">{t('funds.notFound')}</p>
        <Link to="..">{t('funds.back')}</Link>
      </section>
    );
  return (
    <section className="funds">
      <p>
        <Link to="..">{t('funds.back')}</Link>
      </p>
      <h1>{name}</h1>
      <section aria-labelledby="funds-budgets-h">
        <h2 id="funds-budgets-h">{t('funds.budgets.title')}</h2>
        {!canManage && <Alert type="info" showIcon title={t('funds.readOnly')} />}
        {saved && (
          <Alert
            type="success"
            showIcon
            role="status"
            title={t('funds.budgetForm.saved', {
              year: saved.year,
              programme: programmes.name(saved.programmeId),
              amount: fenText(saved.amountFen, lang),
            })}
          />
        )}
        <ListTable<BudgetView>
          loaded={budgets}
          empty={t('funds.budgets.empty')}
          rowKey={(b) => `${b.year}/${b.programmeId}`}
          rowClassName="funds-budget-row"
          columns={[
            { title: t('funds.year'), dataIndex: 'year' },
            {
              title: t('funds.programme'),
              dataIndex: 'programmeId',
              render: (id: string) => programmes.name(id),
            },
            {
              title: t('funds.budget'),
              dataIndex: 'amountFen',
              align: 'right',
              render: (v: number) => <Yuan fen={v} />,
            },
            {
              title: t('funds.committed'),
              key: 'committed',
              align: 'right',
              render: (_: unknown, b) => <Yuan fen={b.balances.committed} />,
            },
            {
              title: t('funds.paid'),
              key: 'paid',
              align: 'right',
              render: (_: unknown, b) => <Yuan fen={b.balances.disbursed} />,
            },
            {
              title: t('funds.remaining'),
              key: 'remaining',
              align: 'right',
              render: (_: unknown, b) => (
                <span className="funds-remaining">
                  <Yuan fen={b.balances.available} /> <UsageTag u={usage(b.amountFen, b.balances)} />
                </span>
              ),
            },
            {
              title: t('funds.budgetForm.onExhausted'),
              dataIndex: 'onExhausted',
              render: (v: 'block' | 'warn') => t(`funds.exhausted.${v}` as MessageKey),
            },
            { title: t('funds.updatedBy'), dataIndex: 'updatedBy' },
            ...(canManage
              ? [
                  {
                    title: t('funds.actions'),
                    key: 'edit',
                    render: (_: unknown, b: BudgetView) => (
                      <Button
                        size="small"
                        onClick={() => setEditing(b)}
                        aria-label={t('funds.budgets.editOne', {
                          year: b.year,
                          programme: programmes.name(b.programmeId),
                        })}
                      >
                        {t('funds.budgets.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {canManage &&
          (editing ? (
            <BudgetForm
              key={editing === 'new' ? 'new' : `${editing.year}/${editing.programmeId}`}
              fund={fund}
              editing={editing === 'new' ? undefined : editing}
              onSaved={(b) => {
                setSaved(b);
                setEditing(undefined);
                budgets.reload();
                setRound((r) => r + 1);
              }}
            />
          ) : (
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('funds.budgets.add')}
            </Button>
          ))}
      </section>
      <Ledger key={round} fund={fund} />
    </section>
  );
}
