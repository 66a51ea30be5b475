import { Button, Input, Select, Tag } from 'antd';
import { useId, useState, type FormEvent } from 'react';
import { Link, NavLink, Route, Routes, useNavigate } from 'react-router';
import { api, ApiError, useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePrefs, useTitle } from '../../lib/prefs';
import { ErrorNotice } from '../../lib/status';
import { BatchPage } from './BatchPage';
import { HeldItems } from './HeldItems';
import { resumable } from './money';
import { BatchStatusTag, dateTime, ListTable, useProgrammes, Yuan } from './parts';
import { SpotChecks } from './SpotChecks';
import type { BatchView, FundView } from './types';
import './messages';
import './funds.css';
import { asApiError } from '../../lib/form';

/** Make a batch: the API takes every approved, committed, unpaid item in reach (of a fund, a programme). */
function NewBatch() {
  const { t, lang } = usePrefs();
  const navigate = useNavigate();
  const ids = { fund: useId(), programme: useId(), max: useId() };
  const funds = useApi<FundView[]>('/funds');
  const programmes = useProgrammes();
  const [fund, setFund] = useState('');
  const [programmeId, setProgrammeId] = useState('');
  const [max, setMax] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const fundName = funds.data?.find((f) => f.code === fund)?.name;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const maxItems = max.trim() ? Number(max.trim()) : undefined;
    if (maxItems !== undefined && (!Number.isSafeInteger(maxItems) || maxItems <= 0)) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('funds.newBatch.badMax'), 'maxItems'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const b = await api<BatchView>('/payment-batches', {
        method: 'POST',
        body: {
          ...(fund ? { fund } : {}),
          ...(programmeId ? { programmeId } : {}),
          ...(maxItems ? { maxItems } : {}),
        },
      });
      navigate(String(b.id));
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };
  return (
    <form className="funds-form card" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('funds.newBatch.title')}</h2>
      <p className="meta">{t('funds.newBatch.help')}</p>
      <div className="funds-form-grid">
        <div className="funds-form-row">
          <label htmlFor={ids.fund}>{t('funds.fund')}</label>
          <Select
            id={ids.fund}
            value={fund}
            onChange={(v) => {
              setFund(v);
              setProgrammeId('');
            }}
            style={{ minWidth: '14rem', maxWidth: '100%' }}
            loading={funds.loading}
            options={[
              { value: '', label: t('funds.newBatch.allFunds') },
              ...(funds.data ?? []).map((f) => ({ value: f.code, label: lang === 'en' ? f.nameEn : f.name })),
            ]}
          />
          {error?.path === 'fund' && <p className="funds-field-error">{error.message}</p>}
        </div>
        <div className="funds-form-row">
          <label htmlFor={ids.programme}>{t('funds.programme')}</label>
          <Select
            id={ids.programme}
            value={programmeId}
            onChange={setProgrammeId}
            style={{ minWidth: '14rem', maxWidth: '100%' }}
            options={[
              { value: '', label: t('funds.newBatch.allProgrammes') },
              ...programmes.list
                .filter((p) => p.fund && (!fundName || p.fund === fundName))
                .map((p) => ({ value: p.id, label: lang === 'en' ? p.nameEn : p.name })),
            ]}
          />
        </div>
        <div className="funds-form-row">
          <label htmlFor={ids.max}>{t('funds.newBatch.max')}</label>
          <Input
            id={ids.max}
            inputMode="numeric"
            value={max}
            onChange={(e) => setMax(e.target.value)}
            placeholder={t('funds.newBatch.maxNone')}
            status={error?.path === 'maxItems' ? 'error' : undefined}
            style={{ maxWidth: '10rem' }}
          />
          {error?.path === 'maxItems' && <p className="funds-field-error">{error.message}</p>}
        </div>
      </div>
      {error && !['fund', 'maxItems'].includes(error.path ?? '') && <ErrorNotice error={error} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('funds.newBatch.submit')}
      </Button>
    </form>
  );
}

function BatchList() {
  const { t, lang } = usePrefs();
  useTitle(t('funds.batches.title'));
  const programmes = useProgrammes();
  const funds = useApi<FundView[]>('/funds');
  const loaded = useApi<BatchView[]>('/payment-batches?limit=200');
  const fundName = (code: string | null) => {
    const f = code ? funds.data?.find((x) => x.code === code) : undefined;
    return f ? (lang === 'en' ? f.nameEn : f.name) : (code ?? t('funds.newBatch.allFunds'));
  };
  return (
    <>
      <NewBatch />
      <section aria-labelledby="funds-batches-h">
        <h2 id="funds-batches-h">{t('funds.batches.list')}</h2>
        <ListTable<BatchView>
          loaded={loaded}
          empty={t('funds.batches.empty')}
          rowKey="id"
          columns={[
            {
              title: t('funds.batch.number'),
              dataIndex: 'id',
              render: (id: number) => (
                <Link to={String(id)} data-batch={id}>
                  {t('funds.batch.name', { id })}
                </Link>
              ),
            },
            {
              title: t('funds.batch.statusLabel'),
              key: 'status',
              render: (_: unknown, b) => (
                <>
                  <BatchStatusTag status={b.status} />
                  {resumable(b) && <Tag color="volcano">{t('funds.batch.resumable')}</Tag>}
                </>
              ),
            },
            {
              title: t('funds.batch.what'),
              key: 'what',
              render: (_: unknown, b) =>
                [fundName(b.fund), b.programmeId ? programmes.name(b.programmeId) : '']
                  .filter(Boolean)
                  .join(' · '),
            },
            { title: t('funds.batch.items'), dataIndex: 'items', align: 'right' },
            {
              title: t('funds.batch.total'),
              dataIndex: 'totalFen',
              align: 'right',
              render: (v: number) => <Yuan fen={v} />,
            },
            {
              title: t('funds.batch.sent'),
              key: 'sent',
              align: 'right',
              render: (_: unknown, b) => t('funds.batch.countOf', { count: b.sent }),
            },
            {
              title: t('funds.batch.paid'),
              key: 'paid',
              align: 'right',
              render: (_: unknown, b) => t('funds.batch.countOf', { count: b.paid }),
            },
            {
              title: t('funds.batch.failed'),
              key: 'failed',
              align: 'right',
              render: (_: unknown, b) => t('funds.batch.countOf', { count: b.failed }),
            },
            { title: t('funds.batch.createdBy'), dataIndex: 'createdBy' },
            {
              title: t('funds.batch.createdAt'),
              dataIndex: 'createdAt',
              render: (v: string) => dateTime(v),
            },
          ]}
        />
      </section>
      <HeldItems />
    </>
  );
}

/** `/office/payments/*`: batches (list, new, one batch) and 抽查 after payment. */
export default function Payments() {
  const { t } = usePrefs();
  const { me } = useAuth();
  const spot = me.permissions.includes('spotChecks.manage');
  return (
    <section className="funds">
      <h1>{t('funds.batches.title')}</h1>
      {spot && (
        <nav className="funds-tabs" aria-label={t('funds.batches.sections')}>
          <NavLink to="/office/payments" end>
            {t('funds.batches.list')}
          </NavLink>
          <NavLink to="/office/payments/spot-checks">{t('funds.spot.title')}</NavLink>
        </nav>
      )}
      <Routes>
        <Route index element={<BatchList />} />
        {spot && <Route path="spot-checks" element={<SpotChecks />} />}
        <Route path=":id" element={<BatchPage />} />
      </Routes>
    </section>
  );
}
