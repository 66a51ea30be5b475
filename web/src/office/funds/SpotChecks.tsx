import { Alert, Button, Input, Select, Tag } from 'antd';
import { useId, useState, type FormEvent } from 'react';
import type { MessageKey } from '../../i18n';
import { api, ApiError, useApi } from '../../lib/api';
import { usePrefs, useTitle } from '../../lib/prefs';
import { ErrorNotice, Loading } from '../../lib/status';
import { fenText, yuanToFen } from './money';
import { dateTime, ListTable, useProgrammes, Yuan } from './parts';
import type { DrawView, SpotCheckView } from './types';
import { asApiError } from '../../lib/form';

const STATUS_COLOR = { open: 'blue', confirmed: 'green', irregular: 'red' } as const;

/** Draw the sample: the programme's rate (default 5 %) of paid items not checked before, at random. */
function Draw({ onDrawn }: { onDrawn: (d: DrawView[]) => void }) {
  const { t, lang } = usePrefs();
  const id = useId();
  const programmes = useProgrammes();
  const [programmeId, setProgrammeId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const draw = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onDrawn(
        await api<DrawView[]>('/spot-checks/draws', {
          method: 'POST',
          body: programmeId ? { programmeId } : {},
        }),
      );
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="funds-form card" onSubmit={(e) => void draw(e)} noValidate>
      <h2>{t('funds.spot.draw')}</h2>
      <p className="meta">{t('funds.spot.drawHelp')}</p>
      <div className="funds-form-row">
        <label htmlFor={id}>{t('funds.programme')}</label>
        <Select
          id={id}
          value={programmeId}
          onChange={setProgrammeId}
          style={{ minWidth: '14rem', maxWidth: '100%' }}
          options={[
            { value: '', label: t('funds.newBatch.allProgrammes') },
            ...programmes.list
              .filter((p) => p.fund)
              .map((p) => ({ value: p.id, label: lang === 'en' ? p.nameEn : p.name })),
          ]}
        />
      </div>
      {error && <ErrorNotice error={error} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('funds.spot.drawSubmit')}
      </Button>
    </form>
  );
}

interface RateView {
  programmeId: string;
  ratePercent: number;
  updatedBy: string | null;
}

/** Each programme's 抽查 rate (5 % unless set), and setting one. */
function Rates() {
  const { t, lang } = usePrefs();
  const ids = { programme: useId(), rate: useId() };
  const programmes = useProgrammes();
  const loaded = useApi<RateView[]>('/spot-checks/rates');
  const [programmeId, setProgrammeId] = useState('');
  const [rate, setRate] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<RateView>();
  const [error, setError] = useState<ApiError>();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const ratePercent = Number(rate.trim());
    if (!programmeId) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('funds.budgetForm.needProgramme'), 'programmeId'));
      return;
    }
    if (!rate.trim() || !Number.isFinite(ratePercent) || ratePercent < 0 || ratePercent > 100) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('funds.spot.badRate'), 'ratePercent'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setSaved(
        await api<RateView>(`/spot-checks/rates/${encodeURIComponent(programmeId)}`, {
          method: 'PUT',
          body: { ratePercent },
        }),
      );
      loaded.reload();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="funds-rates card">
      <summary>{t('funds.spot.rates')}</summary>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading />
      ) : loaded.data.length === 0 ? (
        <p className="meta">{t('funds.spot.ratesDefault')}</p>
      ) : (
        <ul>
          {loaded.data.map((r) => (
            <li key={r.programmeId}>
              {t('funds.spot.rateOf', { programme: programmes.name(r.programmeId), rate: r.ratePercent })}
            </li>
          ))}
        </ul>
      )}
      <form className="funds-form" onSubmit={(e) => void save(e)} noValidate>
        <div className="funds-form-grid">
          <div className="funds-form-row">
            <label htmlFor={ids.programme}>{t('funds.programme')}</label>
            <Select
              id={ids.programme}
              value={programmeId || undefined}
              placeholder={t('funds.budgetForm.pickProgramme')}
              onChange={setProgrammeId}
              status={error?.path === 'programmeId' ? 'error' : undefined}
              options={programmes.list
                .filter((p) => p.fund)
                .map((p) => ({ value: p.id, label: lang === 'en' ? p.nameEn : p.name }))}
            />
          </div>
          <div className="funds-form-row">
            <label htmlFor={ids.rate}>{t('funds.spot.rate')}</label>
            <Input
              id={ids.rate}
              inputMode="decimal"
              value={rate}
              onChange={(e) => setRate(e.target.value)}
              suffix="%"
              status={error?.path === 'ratePercent' ? 'error' : undefined}
              style={{ maxWidth: '10rem' }}
            />
          </div>
        </div>
        {error &&
          (['programmeId', 'ratePercent'].includes(error.path ?? '') ? (
            <p className="funds-field-error">{error.message}</p>
          ) : (
            <ErrorNotice error={error} />
          ))}
        {saved && (
          <p role="status" className="funds-ok">
            {t('funds.spot.rateOf', {
              programme: programmes.name(saved.programmeId),
              rate: saved.ratePercent,
            })}
          </p>
        )}
        <Button htmlType="submit" loading={busy}>
          {t('funds.spot.saveRate')}
        </Button>
      </form>
    </details>
  );
}

/** A finding (confirmed, or irregular with a note and what to recover), or money recovered. */
function Finding({
  c,
  onDone,
  onCancel,
}: {
  c: SpotCheckView;
  onDone: (c: SpotCheckView) => void;
  onCancel: () => void;
}) {
  const { t, lang } = usePrefs();
  const ids = { note: useId(), recovery: useId(), recovered: useId() };
  const [result, setResult] = useState<'confirmed' | 'irregular'>('confirmed');
  const [note, setNote] = useState('');
  const [recovery, setRecovery] = useState('');
  const [recovered, setRecovered] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const send = async (path: string, body: unknown) => {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await api<SpotCheckView>(`/spot-checks/${c.id}/${path}`, { method: 'POST', body }));
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };
  const at = (path: string) =>
    error?.path === path ? <p className="funds-field-error">{error.message}</p> : null;
  const general = error && !['note', 'recoveryFen', 'amountFen'].includes(error.path ?? '');
  if (c.status === 'irregular' && c.recoveryFen === 0) {
    // A finding saved before its amount was known: the amount to recover is set now.
    return (
      <form
        className="funds-form card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const recoveryFen = yuanToFen(recovery);
          if (!recoveryFen) {
            setError(new ApiError(400, 'VALIDATION_FAILED', t('funds.budgetForm.badAmount'), 'recoveryFen'));
            return;
          }
          void send('recovery-claim', { recoveryFen });
        }}
      >
        <h3>{t('funds.spot.claimTitle', { item: c.itemId, paid: fenText(c.amountFen, lang) })}</h3>
        <div className="funds-form-row">
          <label htmlFor={ids.recovery}>{t('funds.spot.recoveryAmount')}</label>
          <Input
            id={ids.recovery}
            inputMode="decimal"
            value={recovery}
            onChange={(e) => setRecovery(e.target.value)}
            suffix={t('funds.yuanUnit')}
            style={{ maxWidth: '14rem' }}
          />
          {at('recoveryFen')}
        </div>
        {general && <ErrorNotice error={error} />}
        <div className="funds-buttons">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('funds.spot.claim')}
          </Button>
          <Button onClick={onCancel}>{t('funds.cancel')}</Button>
        </div>
      </form>
    );
  }
  if (c.status === 'irregular') {
    const left = c.recoveryFen - c.recoveredFen;
    return (
      <form
        className="funds-form card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const amountFen = yuanToFen(recovered);
          if (!amountFen) {
            setError(new ApiError(400, 'VALIDATION_FAILED', t('funds.budgetForm.badAmount'), 'amountFen'));
            return;
          }
          void send('recoveries', { amountFen });
        }}
      >
        <h3>{t('funds.spot.recoveryTitle', { item: c.itemId, left: fenText(left, lang) })}</h3>
        <div className="funds-form-row">
          <label htmlFor={ids.recovered}>{t('funds.spot.recoveredAmount')}</label>
          <Input
            id={ids.recovered}
            inputMode="decimal"
            value={recovered}
            onChange={(e) => setRecovered(e.target.value)}
            suffix={t('funds.yuanUnit')}
            style={{ maxWidth: '14rem' }}
          />
          {at('amountFen')}
        </div>
        {general && <ErrorNotice error={error} />}
        <div className="funds-buttons">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('funds.spot.recordRecovery')}
          </Button>
          <Button onClick={onCancel}>{t('funds.cancel')}</Button>
        </div>
      </form>
    );
  }
  return (
    <form
      className="funds-form card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const recoveryFen = recovery.trim() ? yuanToFen(recovery) : 0;
        if (recoveryFen === undefined) {
          setError(new ApiError(400, 'VALIDATION_FAILED', t('funds.budgetForm.badAmount'), 'recoveryFen'));
          return;
        }
        void send(
          'result',
          result === 'confirmed'
            ? { result, ...(note.trim() ? { note: note.trim() } : {}) }
            : {
                result,
                ...(note.trim() ? { note: note.trim() } : {}),
                ...(recoveryFen ? { recoveryFen } : {}),
              },
        );
      }}
    >
      <h3>{t('funds.spot.findingTitle', { item: c.itemId, name: c.payeeName })}</h3>
      <fieldset className="funds-form-row">
        <legend>{t('funds.spot.result')}</legend>
        <label className="funds-radio">
          <input
            type="radio"
            name={`result-${c.id}`}
            checked={result === 'confirmed'}
            onChange={() => setResult('confirmed')}
          />{' '}
          {t('funds.spot.confirmed')}
        </label>
        <label className="funds-radio">
          <input
            type="radio"
            name={`result-${c.id}`}
            checked={result === 'irregular'}
            onChange={() => setResult('irregular')}
          />{' '}
          {t('funds.spot.irregular')}
        </label>
      </fieldset>
      <div className="funds-form-row">
        <label htmlFor={ids.note}>{t('funds.spot.note')}</label>
        <Input.TextArea
          id={ids.note}
          value={note}
          maxLength={2000}
          autoSize={{ minRows: 2, maxRows: 6 }}
          onChange={(e) => setNote(e.target.value)}
          status={error?.path === 'note' ? 'error' : undefined}
        />
        {at('note')}
      </div>
      {result === 'irregular' && (
        <div className="funds-form-row">
          <label htmlFor={ids.recovery}>{t('funds.spot.recoveryAmount')}</label>
          <Input
            id={ids.recovery}
            inputMode="decimal"
            value={recovery}
            onChange={(e) => setRecovery(e.target.value)}
            suffix={t('funds.yuanUnit')}
            placeholder={t('funds.spot.recoveryNone')}
            style={{ maxWidth: '14rem' }}
          />
          {at('recoveryFen')}
        </div>
      )}
      {general && <ErrorNotice error={error} />}
      <div className="funds-buttons">
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('funds.spot.recordResult')}
        </Button>
        <Button onClick={onCancel}>{t('funds.cancel')}</Button>
      </div>
    </form>
  );
}

/** `/office/payments/spot-checks`: 抽查 after payment — draw, findings, 追回. */
export function SpotChecks() {
  const { t, lang } = usePrefs();
  useTitle(t('funds.spot.title'));
  const programmes = useProgrammes();
  const [status, setStatus] = useState<'' | 'open' | 'confirmed' | 'irregular'>('open');
  const [drawn, setDrawn] = useState<DrawView[]>();
  const [working, setWorking] = useState<SpotCheckView>();
  const loaded = useApi<SpotCheckView[]>(`/spot-checks?limit=500${status ? `&status=${status}` : ''}`);
  return (
    <section className="funds-spot">
      <Rates />
      <Draw
        onDrawn={(d) => {
          setDrawn(d);
          loaded.reload();
        }}
      />
      {drawn && (
        <Alert
          type={drawn.some((d) => d.sampleSize) ? 'success' : 'info'}
          showIcon
          role="status"
          title={
            drawn.length === 0
              ? t('funds.spot.drawnNone')
              : drawn
                  .map((d) =>
                    t('funds.spot.drawn', {
                      programme: programmes.name(d.programmeId),
                      size: d.sampleSize,
                      population: d.population,
                      rate: d.ratePercent,
                    }),
                  )
                  .join('；')
          }
        />
      )}
      <h2>{t('funds.spot.list')}</h2>
      <form className="funds-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('funds.spot.status')}</span>
          <Select
            aria-label={t('funds.spot.status')}
            value={status}
            onChange={setStatus}
            style={{ minWidth: '8rem' }}
            options={[
              { value: '', label: t('funds.all') },
              { value: 'open', label: t('funds.spot.open') },
              { value: 'confirmed', label: t('funds.spot.confirmed') },
              { value: 'irregular', label: t('funds.spot.irregular') },
            ]}
          />
        </label>
      </form>
      {working && (
        <Finding
          key={`${working.id}/${working.status}`}
          c={working}
          onCancel={() => setWorking(undefined)}
          onDone={() => {
            setWorking(undefined);
            loaded.reload();
          }}
        />
      )}
      <ListTable<SpotCheckView>
        loaded={loaded}
        empty={t('funds.spot.empty')}
        rowKey="id"
        columns={[
          { title: t('funds.items.itemId'), dataIndex: 'itemId' },
          { title: t('funds.ledger.application'), dataIndex: 'applicationId' },
          { title: t('funds.items.payee'), dataIndex: 'payeeName' },
          {
            title: t('funds.programme'),
            dataIndex: 'programmeId',
            render: (v: string) => programmes.name(v),
          },
          {
            title: t('funds.items.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => <Yuan fen={v} />,
          },
          {
            title: t('funds.spot.status'),
            dataIndex: 'status',
            render: (v: SpotCheckView['status']) => (
              <Tag color={STATUS_COLOR[v]}>{t(`funds.spot.${v}` as MessageKey)}</Tag>
            ),
          },
          { title: t('funds.spot.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
          {
            title: t('funds.spot.recovery'),
            key: 'recovery',
            render: (_: unknown, c) =>
              c.recoveryFen
                ? t('funds.spot.recoveryOf', {
                    recovered: fenText(c.recoveredFen, lang),
                    owed: fenText(c.recoveryFen, lang),
                  })
                : '—',
          },
          { title: t('funds.spot.drawnAt'), dataIndex: 'drawnAt', render: (v: string) => dateTime(v) },
          {
            title: t('funds.actions'),
            key: 'act',
            render: (_: unknown, c) =>
              c.status === 'open' ? (
                <Button size="small" onClick={() => setWorking(c)}>
                  {t('funds.spot.recordResult')}
                </Button>
              ) : c.status === 'irregular' && c.recoveryFen === 0 ? (
                <Button size="small" onClick={() => setWorking(c)}>
                  {t('funds.spot.claim')}
                </Button>
              ) : c.status === 'irregular' && c.recoveredFen < c.recoveryFen ? (
                <Button size="small" onClick={() => setWorking(c)}>
                  {t('funds.spot.recordRecovery')}
                </Button>
              ) : null,
          },
        ]}
      />
    </section>
  );
}
