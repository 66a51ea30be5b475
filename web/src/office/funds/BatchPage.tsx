import { Alert, Button, Checkbox, Input, Table, Tag } from 'antd';
import { useEffect, useId, useRef, useState, type FormEvent, type HTMLAttributes } from 'react';
import { Link, useParams } from 'react-router';
import type { MessageKey } from '../../i18n';
import { api, ApiError, useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import { downloadFile } from '../../lib/files';
import { fenText, resumable } from './money';
import { BatchStatusTag, dateTime, Yuan } from './parts';
import type { BatchItemView, BatchView, ResultsAnswer } from './types';
import { asApiError } from '../../lib/form';

const PAGE = 50;

/** Send (or go on sending) the batch to the bank, after saying what it will send; nothing is paid by it. */
function RunBatch({ b, onDone }: { b: BatchView; onDone: (b: BatchView) => void }) {
  const { t, lang } = usePrefs();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  if (b.status === 'done' || b.status === 'sent') return null;
  const again = resumable(b);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await api<BatchView>(`/payment-batches/${b.id}/run`, { method: 'POST' }));
      setAsking(false);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="funds-action">
      {again && <Alert type="warning" showIcon title={t('funds.batch.resumableHelp')} />}
      {asking ? (
        <div className="funds-confirm" role="group" aria-label={t('funds.batch.confirmTitle')}>
          <p>
            {t('funds.batch.confirm', {
              count: b.claimed || b.items,
              amount: fenText(b.totalFen - b.paidFen - b.sentFen, lang),
            })}
          </p>
          <Button type="primary" onClick={() => void run()} loading={busy}>
            {t('funds.batch.confirmRun')}
          </Button>{' '}
          <Button onClick={() => setAsking(false)} disabled={busy}>
            {t('funds.cancel')}
          </Button>
        </div>
      ) : (
        <Button type="primary" onClick={() => setAsking(true)}>
          {again ? t('funds.batch.resume') : t('funds.batch.run')}
        </Button>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}

/** The roster as .xlsx or CSV; finance may have the full numbers, giving a reason (audited). */
function Roster({ b }: { b: BatchView }) {
  const { t } = usePrefs();
  const { me } = useAuth();
  const canReveal = me.permissions.includes('payments.reveal');
  const reasonId = useId();
  const [reveal, setReveal] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<string>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const get = async (format: 'xlsx' | 'csv') => {
    if (reveal && reason.trim().length < 2) {
      setError(new ApiError(400, 'REASON_REQUIRED', t('funds.roster.needReason'), 'reason'));
      return;
    }
    setBusy(format);
    setError(undefined);
    setDone(undefined);
    const q = reveal ? `?reveal=true&reason=${encodeURIComponent(reason.trim())}` : '';
    try {
      setDone(await downloadFile(`/payment-batches/${b.id}/roster.${format}${q}`));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section className="funds-action card" aria-labelledby="funds-roster-h">
      <h2 id="funds-roster-h">{t('funds.roster.title')}</h2>
      <p className="meta">{reveal ? t('funds.roster.fullHelp') : t('funds.roster.maskedHelp')}</p>
      {canReveal && (
        <div className="funds-form-row">
          <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)}>
            {t('funds.roster.reveal')}
          </Checkbox>
          {reveal && (
            <>
              <label htmlFor={reasonId}>{t('funds.roster.reason')}</label>
              <Input
                id={reasonId}
                value={reason}
                maxLength={200}
                onChange={(e) => setReason(e.target.value)}
                status={error?.path === 'reason' ? 'error' : undefined}
                style={{ maxWidth: '24rem' }}
              />
              {error?.path === 'reason' && <p className="funds-field-error">{error.message}</p>}
            </>
          )}
        </div>
      )}
      <div className="funds-buttons">
        <Button onClick={() => void get('xlsx')} loading={busy === 'xlsx'} disabled={b.status === 'building'}>
          {t('funds.roster.xlsx')}
        </Button>
        <Button onClick={() => void get('csv')} loading={busy === 'csv'} disabled={b.status === 'building'}>
          {t('funds.roster.csv')}
        </Button>
      </div>
      {done && (
        <p role="status" className="funds-ok">
          {t('funds.roster.done', { file: done })}
        </p>
      )}
      {error && error.path !== 'reason' && <ErrorNotice error={error} />}
    </section>
  );
}

/** The bank's returned file (CSV: 明细编号, 结果, 原因) recorded in one go. */
function UploadResults({ b, onDone }: { b: BatchView; onDone: (r: ResultsAnswer) => void }) {
  const { t } = usePrefs();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('funds.results.needFile'), 'csv'));
      return;
    }
    if (!/\.csv$/i.test(file.name) && file.type !== 'text/csv') {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('funds.results.csvOnly'), 'csv'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const csv = await file.text();
      onDone(await api<ResultsAnswer>(`/payment-batches/${b.id}/results`, { method: 'POST', body: { csv } }));
      if (input.current) input.current.value = '';
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="funds-action card" onSubmit={(e) => void send(e)} noValidate>
      <h2>{t('funds.results.title')}</h2>
      <p className="meta">{t('funds.results.help')}</p>
      <div className="funds-form-row">
        <label htmlFor={id}>{t('funds.results.file')}</label>
        <input id={id} ref={input} type="file" accept=".csv,text/csv" className="funds-file" />
      </div>
      {error && <ErrorNotice error={error} />}
      <Button htmlType="submit" loading={busy} disabled={b.status === 'building'}>
        {t('funds.results.upload')}
      </Button>
    </form>
  );
}

/** One item marked paid, or failed with the bank's reason. */
function MarkItem({
  b,
  item,
  onDone,
  onCancel,
}: {
  b: BatchView;
  item: BatchItemView;
  onDone: (r: ResultsAnswer) => void;
  onCancel: () => void;
}) {
  const { t, lang } = usePrefs();
  const reasonId = useId();
  const [outcome, setOutcome] = useState<'paid' | 'failed'>(item.status === 'sent' ? 'paid' : 'failed');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (outcome === 'failed' && !reason.trim()) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('funds.results.needReason'), 'reason'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onDone(
        await api<ResultsAnswer>(`/payment-batches/${b.id}/results`, {
          method: 'POST',
          body: {
            results: [
              { itemId: item.itemId, outcome, ...(outcome === 'failed' ? { reason: reason.trim() } : {}) },
            ],
          },
        }),
      );
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };
  const errorAtReason = error && (error.path === 'reason' || /reason$/.test(error.path ?? ''));
  return (
    <form className="funds-form card funds-mark" onSubmit={(e) => void send(e)} noValidate>
      <h3>
        {t('funds.results.markTitle', {
          item: item.itemId,
          name: item.payeeName,
          amount: fenText(item.amountFen, lang),
        })}
      </h3>
      <fieldset className="funds-form-row">
        <legend>{t('funds.results.outcome')}</legend>
        <label className="funds-radio">
          <input
            type="radio"
            name={`outcome-${item.itemId}`}
            checked={outcome === 'paid'}
            disabled={item.status !== 'sent'}
            onChange={() => setOutcome('paid')}
          />{' '}
          {t('funds.results.paid')}
        </label>
        <label className="funds-radio">
          <input
            type="radio"
            name={`outcome-${item.itemId}`}
            checked={outcome === 'failed'}
            onChange={() => setOutcome('failed')}
          />{' '}
          {t('funds.results.failed')}
        </label>
      </fieldset>
      {outcome === 'failed' && (
        <div className="funds-form-row">
          <label htmlFor={reasonId}>{t('funds.results.reason')}</label>
          <Input
            id={reasonId}
            value={reason}
            maxLength={200}
            onChange={(e) => setReason(e.target.value)}
            status={errorAtReason ? 'error' : undefined}
            placeholder={t('funds.results.reasonExample')}
            style={{ maxWidth: '24rem' }}
          />
          {item.status === 'paid' && <p className="meta">{t('funds.results.reversalHelp')}</p>}
          {errorAtReason && <p className="funds-field-error">{error.message}</p>}
        </div>
      )}
      {error && !errorAtReason && <ErrorNotice error={error} />}
      <div className="funds-buttons">
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('funds.results.record')}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          {t('funds.cancel')}
        </Button>
      </div>
    </form>
  );
}

const ITEM_COLOR = { claimed: 'blue', sent: 'purple', paid: 'green', failed: 'red' } as const;

function Items({
  b,
  round,
  canAct,
  onMark,
}: {
  b: BatchView;
  round: number;
  canAct: boolean;
  onMark: (item: BatchItemView) => void;
}) {
  const { t } = usePrefs();
  const [cursors, setCursors] = useState<number[]>([0]);
  const after = cursors.at(-1) ?? 0;
  const loaded = useApi<BatchItemView[]>(`/payment-batches/${b.id}/items?after=${after}&limit=${PAGE}`);
  const { reload } = loaded;
  useEffect(() => {
    if (round) reload();
  }, [round, reload]);
  const page = loaded.data;
  return (
    <section aria-labelledby="funds-items-h">
      <h2 id="funds-items-h">{t('funds.items.title')}</h2>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !page ? (
        <Loading />
      ) : page.length === 0 && after === 0 ? (
        <EmptyNotice text={t('funds.items.empty')} />
      ) : (
        <>
          <div className="funds-table">
            <Table<BatchItemView>
              rowKey="itemId"
              size="small"
              scroll={{ x: 'max-content' }}
              loading={loaded.loading}
              dataSource={page}
              pagination={false}
              rowClassName={(r) => `funds-item funds-item-${r.status}`}
              onRow={(r) => ({ 'data-item': r.itemId }) as HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('funds.items.seq'), dataIndex: 'seq' },
                { title: t('funds.items.itemId'), dataIndex: 'itemId' },
                { title: t('funds.items.payee'), dataIndex: 'payeeName' },
                { title: t('funds.items.idNumber'), dataIndex: 'idNumber', className: 'funds-mono' },
                {
                  title: t('funds.items.bank'),
                  dataIndex: 'bankName',
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('funds.items.account'),
                  dataIndex: 'bankAccount',
                  className: 'funds-mono',
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('funds.items.amount'),
                  dataIndex: 'amountFen',
                  align: 'right',
                  render: (v: number) => <Yuan fen={v} />,
                },
                { title: t('funds.programme'), dataIndex: 'programmeName' },
                {
                  title: t('funds.items.part'),
                  dataIndex: 'part',
                  render: (v: string) => t(`funds.part.${v}` as MessageKey),
                },
                {
                  title: t('funds.items.status'),
                  key: 'status',
                  render: (_: unknown, r) => (
                    <>
                      <Tag color={ITEM_COLOR[r.status]}>{t(`funds.item.${r.status}` as MessageKey)}</Tag>
                      {r.reason && <span className="meta">{r.reason}</span>}
                    </>
                  ),
                },
                ...(canAct && b.status !== 'building'
                  ? [
                      {
                        title: t('funds.actions'),
                        key: 'act',
                        render: (_: unknown, r: BatchItemView) =>
                          r.status === 'failed' ? null : (
                            <Button
                              size="small"
                              onClick={() => onMark(r)}
                              aria-label={t('funds.results.markOne', { item: r.itemId, name: r.payeeName })}
                            >
                              {t('funds.results.mark')}
                            </Button>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </div>
          <div className="funds-pager">
            <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              {t('funds.prev')}
            </Button>
            <span role="status">{t('funds.items.page', { page: cursors.length })}</span>
            <Button disabled={page.length < PAGE} onClick={() => setCursors((c) => [...c, page.at(-1)!.seq])}>
              {t('funds.next')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

/** `/office/payments/<id>`: a batch, its items (masked), running it, its roster and the bank's results. */
export function BatchPage() {
  const { t, lang } = usePrefs();
  const { id = '' } = useParams();
  const { me } = useAuth();
  const canAct = me.permissions.includes('payments.manage');
  const loaded = useApi<BatchView>(`/payment-batches/${encodeURIComponent(id)}`);
  const [fresh, setFresh] = useState<BatchView>();
  const [round, setRound] = useState(0);
  const [marking, setMarking] = useState<BatchItemView>();
  const [recorded, setRecorded] = useState<ResultsAnswer['recorded']>();
  useTitle(t('funds.batch.name', { id }));
  const b = fresh && String(fresh.id) === id ? fresh : loaded.data;
  const update = (v: BatchView) => {
    setFresh(v);
    setRound((r) => r + 1);
  };
  const onResults = (r: ResultsAnswer) => {
    setRecorded(r.recorded);
    setMarking(undefined);
    update(r);
  };
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!b) return <Loading />;
  return (
    <section className="funds-batch" data-status={b.status}>
      <p>
        <Link to="..">{t('funds.batches.back')}</Link>
      </p>
      <h2 className="funds-batch-title">
        {t('funds.batch.name', { id: b.id })} <BatchStatusTag status={b.status} />
        {resumable(b) && <Tag color="volcano">{t('funds.batch.resumable')}</Tag>}
      </h2>
      <dl className="funds-figures funds-batch-figures">
        <dt>{t('funds.batch.items')}</dt>
        <dd data-figure="items">{t('funds.batch.countOf', { count: b.items })}</dd>
        <dt>{t('funds.batch.total')}</dt>
        <dd data-figure="total">
          <Yuan fen={b.totalFen} />
        </dd>
        <dt>{t('funds.batch.waiting')}</dt>
        <dd data-figure="claimed">{t('funds.batch.countOf', { count: b.claimed })}</dd>
        <dt>{t('funds.batch.sent')}</dt>
        <dd data-figure="sent">
          {t('funds.batch.countAmount', { count: b.sent, amount: fenText(b.sentFen, lang) })}
        </dd>
        <dt>{t('funds.batch.paid')}</dt>
        <dd data-figure="paid">
          {t('funds.batch.countAmount', { count: b.paid, amount: fenText(b.paidFen, lang) })}
        </dd>
        <dt>{t('funds.batch.failed')}</dt>
        <dd data-figure="failed">
          {t('funds.batch.countAmount', { count: b.failed, amount: fenText(b.failedFen, lang) })}
        </dd>
        <dt>{t('funds.batch.createdBy')}</dt>
        <dd>
          {b.createdBy} · {dateTime(b.createdAt)}
        </dd>
        {b.disbursedAt && (
          <>
            <dt>{t('funds.batch.disbursedAt')}</dt>
            <dd>{dateTime(b.disbursedAt)}</dd>
          </>
        )}
      </dl>
      {recorded && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('funds.results.recorded', recorded)}
          closable={{ onClose: () => setRecorded(undefined) }}
        />
      )}
      {canAct && <RunBatch b={b} onDone={update} />}
      {canAct && <Roster b={b} />}
      {canAct && b.status !== 'building' && b.status !== 'ready' && (
        <UploadResults b={b} onDone={onResults} />
      )}
      {marking && (
        <MarkItem
          key={marking.itemId}
          b={b}
          item={marking}
          onDone={onResults}
          onCancel={() => setMarking(undefined)}
        />
      )}
      <Items key={b.id} b={b} round={round} canAct={canAct} onMark={setMarking} />
    </section>
  );
}
