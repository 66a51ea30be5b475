import { Button, Input, Pagination, Select, Table } from 'antd';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { today } from '../../lib/dates';
import { asApiError, described, Field } from '../../lib/form';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import { shortSum } from './counts';
import { dateTime, FilterSelect, useLabel } from './parts';
import { LIST_KINDS, type ImportRecord, type ListKind } from './types';
import { uploadList } from './upload';

const PAGE = 20;

/** The upload form: list kind, as-of date and the file; on success to the import's page with its summary. */
function UploadForm() {
  const { t } = usePrefs();
  const label = useLabel();
  const navigate = useNavigate();
  const id = useId();
  const [list, setList] = useState<ListKind>('low-income');
  const [asOf, setAsOf] = useState(today());
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const fieldError = (path: string) =>
    error?.path === path ? error.message || t('error.generic') : undefined;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('exchange.upload.noFile'), 'file'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const s = await uploadList(list, asOf, file);
      void navigate(`/office/exchange/imports/${s.import}`, { state: { summary: s } });
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };
  const other = error && !['file', 'list', 'asOf'].includes(error.path ?? '');
  return (
    <form
      className="exchange-upload card"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${id}-h`}
    >
      <h2 id={`${id}-h`}>{t('exchange.upload.title')}</h2>
      <p className="meta">{t('exchange.upload.hint')}</p>
      <Field id={`${id}-list`} label={t('exchange.upload.list')} error={fieldError('list')}>
        <Select
          id={`${id}-list`}
          value={list}
          onChange={setList}
          style={{ minWidth: '12rem', maxWidth: '100%' }}
          options={LIST_KINDS.map((v) => ({ value: v, label: label('list', v) }))}
          {...described(`${id}-list`, false, fieldError('list'))}
        />
      </Field>
      <Field id={`${id}-asof`} label={t('exchange.upload.asOf')} error={fieldError('asOf')}>
        <Input
          id={`${id}-asof`}
          type="date"
          value={asOf}
          onChange={(e) => setAsOf(e.target.value)}
          style={{ maxWidth: '12rem' }}
          {...described(`${id}-asof`, false, fieldError('asOf'))}
        />
      </Field>
      <Field
        id={`${id}-file`}
        label={t('exchange.upload.file')}
        hint={t('exchange.upload.fileHint')}
        error={fieldError('file')}
      >
        <input
          id={`${id}-file`}
          type="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          {...described(`${id}-file`, true, fieldError('file'))}
        />
      </Field>
      {other && <ErrorNotice error={error} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('exchange.upload.submit')}
      </Button>
    </form>
  );
}

/** 名单导入: the imports, newest first, and (for those who may) the upload form. */
export default function Imports() {
  const { t } = usePrefs();
  const label = useLabel();
  useTitle(t('exchange.imports.title'));
  const { me } = useAuth();
  const [kind, setKind] = useState<'' | ListKind>('');
  const [page, setPage] = useState(1);
  const q = new URLSearchParams({ limit: String(PAGE), offset: String((page - 1) * PAGE) });
  if (kind) q.set('list', kind);
  const loaded = useApi<{ total: number; items: ImportRecord[] }>(`/exchange/imports?${q.toString()}`);
  const columns = [
    {
      title: t('exchange.col.list'),
      dataIndex: 'list',
      render: (v: ListKind, r: ImportRecord) => (
        <Link to={`/office/exchange/imports/${r.id}`}>{label('list', v)}</Link>
      ),
    },
    { title: t('exchange.col.asOf'), dataIndex: 'asOf' },
    { title: t('exchange.col.fileName'), dataIndex: 'fileName' },
    {
      title: t('exchange.col.checksum'),
      dataIndex: 'fileSha256',
      render: (v: string) => (
        <code title={v} aria-label={t('exchange.checksumFull', { sum: v })}>
          {shortSum(v)}
        </code>
      ),
    },
    { title: t('exchange.col.loadedBy'), dataIndex: 'loadedBy' },
    { title: t('exchange.col.loadedAt'), dataIndex: 'loadedAt', render: (v: string) => dateTime(v) },
    { title: t('exchange.col.rows'), dataIndex: 'rows', align: 'right' as const },
    { title: t('exchange.tab.matched'), dataIndex: 'matched', align: 'right' as const },
    { title: t('exchange.tab.candidate'), dataIndex: 'candidates', align: 'right' as const },
    { title: t('exchange.tab.unmatched'), dataIndex: 'unmatched', align: 'right' as const },
    { title: t('exchange.tab.invalid'), dataIndex: 'invalid', align: 'right' as const },
  ];
  return (
    <section>
      <h1>{t('exchange.imports.title')}</h1>
      {me.permissions.includes('exchange.import') && <UploadForm />}
      <h2>{t('exchange.imports.list')}</h2>
      <form
        className="exchange-filters"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('exchange.filters')}
      >
        <FilterSelect
          label={t('exchange.upload.list')}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          minWidth="9rem"
          options={[
            { value: '', label: t('exchange.all') },
            ...LIST_KINDS.map((v) => ({ value: v, label: label('list', v) })),
          ]}
        />
      </form>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading />
      ) : loaded.data.items.length === 0 ? (
        <EmptyNotice text={t('exchange.imports.empty')} />
      ) : (
        <>
          <div className="exchange-table">
            <Table<ImportRecord>
              size="small"
              rowKey="id"
              scroll={{ x: 'max-content' }}
              loading={loaded.loading}
              dataSource={loaded.data.items}
              columns={columns}
              pagination={false}
            />
          </div>
          <Pagination
            current={page}
            pageSize={PAGE}
            total={loaded.data.total}
            onChange={setPage}
            hideOnSinglePage
            showSizeChanger={false}
          />
        </>
      )}
    </section>
  );
}
