import { Alert, Button, Input, Pagination, Tabs, Tag } from 'antd';
import { useId, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useAction } from '../../lib/form';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import { countsAfter } from './counts';
import { dateTime, Reasons, useLabel } from './parts';
import {
  TABS,
  type CandidateView,
  type ImportRecord,
  type ImportSummary,
  type ReviewResult,
  type RowsPage,
  type RowTab,
  type RowView,
} from './types';

const PAGE = 20;

function Record({ imp }: { imp: ImportRecord }) {
  const { t } = usePrefs();
  return (
    <dl className="exchange-record card">
      <dt>{t('exchange.col.fileName')}</dt>
      <dd>{imp.fileName}</dd>
      <dt>{t('exchange.col.asOf')}</dt>
      <dd>{imp.asOf}</dd>
      <dt>{t('exchange.col.loadedBy')}</dt>
      <dd>{imp.loadedBy}</dd>
      <dt>{t('exchange.col.loadedAt')}</dt>
      <dd>{dateTime(imp.loadedAt)}</dd>
      <dt>{t('exchange.col.checksum')}</dt>
      <dd>
        <code className="exchange-sum">{imp.fileSha256}</code>
      </dd>
      <dt>{t('exchange.record.counts')}</dt>
      <dd>
        {t('exchange.record.countsText', {
          rows: imp.rows,
          matched: imp.matched,
          candidates: imp.candidates,
          unmatched: imp.unmatched,
          invalid: imp.invalid,
          seconds: imp.seconds,
        })}
      </dd>
    </dl>
  );
}

/** What the list said about a row. */
function ListSide({ row }: { row: RowView }) {
  const { t } = usePrefs();
  const none = t('exchange.none');
  return (
    <dl className="exchange-side">
      <dt>{t('exchange.row.name')}</dt>
      <dd>{row.name ?? none}</dd>
      <dt>{t('exchange.row.idCell')}</dt>
      <dd>
        <span className="exchange-id">{row.idCell ?? none}</span>{' '}
        {row.idCell && row.idValid === false && <Tag color="orange">{t('exchange.row.idBroken')}</Tag>}
      </dd>
      <dt>{t('exchange.row.birthYear')}</dt>
      <dd>{row.birthYear ?? none}</dd>
      <dt>{t('exchange.row.sex')}</dt>
      <dd>{row.sex ? t(row.sex === 'male' ? 'exchange.sex.male' : 'exchange.sex.female') : none}</dd>
      <dt>{t('exchange.row.township')}</dt>
      <dd>{row.township ?? none}</dd>
    </dl>
  );
}

function Candidate({
  c,
  row,
  importId,
  canReview,
  onDecided,
}: {
  c: CandidateView;
  row: RowView;
  importId: number;
  canReview: boolean;
  onDecided: (r: ReviewResult, subjectId: number, state: 'confirmed' | 'dismissed') => void;
}) {
  const { t } = usePrefs();
  const label = useLabel();
  const id = useId();
  const [note, setNote] = useState('');
  const action = useAction();
  const decide = (decision: 'confirm' | 'dismiss') =>
    void action
      .run(() =>
        api<ReviewResult>(`/exchange/imports/${importId}/rows/${row.rowNumber}/review`, {
          method: 'POST',
          body: { subjectId: c.subjectId, decision, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      )
      .then((r) => r && onDecided(r, c.subjectId, decision === 'confirm' ? 'confirmed' : 'dismissed'));
  const p = c.person;
  const e = c.enterprise;
  return (
    <li className="exchange-candidate" data-subject={c.subjectId}>
      <div className="exchange-candidate-head">
        <strong>{t('exchange.cand.score', { score: c.score })}</strong>
        <Tag color={c.state === 'confirmed' ? 'green' : c.state === 'dismissed' ? 'default' : 'gold'}>
          {label('candState', c.state)}
        </Tag>
      </div>
      {p ? (
        <dl className="exchange-side">
          <dt>{t('exchange.row.name')}</dt>
          <dd>{p.name}</dd>
          <dt>{t('exchange.row.idNumber')}</dt>
          <dd className="exchange-id">{p.idNumber}</dd>
          <dt>{t('exchange.row.birthYear')}</dt>
          <dd>{p.birthYear}</dd>
          <dt>{t('exchange.row.sex')}</dt>
          <dd>
            {p.sex === 'male'
              ? t('exchange.sex.male')
              : p.sex === 'female'
                ? t('exchange.sex.female')
                : p.sex}
          </dd>
          <dt>{t('exchange.row.township')}</dt>
          <dd>{p.township.name ?? p.township.code}</dd>
        </dl>
      ) : e ? (
        <dl className="exchange-side">
          <dt>{t('exchange.row.enterprise')}</dt>
          <dd>{e.name}</dd>
          <dt>{t('exchange.row.uscc')}</dt>
          <dd className="exchange-id">{e.uscc}</dd>
          <dt>{t('exchange.row.township')}</dt>
          <dd>{e.township.name ?? e.township.code}</dd>
        </dl>
      ) : (
        <p className="meta">{t('exchange.cand.hidden', { id: c.subjectId })}</p>
      )}
      <Reasons reasons={c.reasons} />
      {canReview && c.state === 'open' && row.status === 'candidate' && (p || e) && (
        <div className="exchange-review">
          <label htmlFor={`${id}-note`}>{t('exchange.cand.note')}</label>
          <Input id={`${id}-note`} value={note} maxLength={500} onChange={(ev) => setNote(ev.target.value)} />
          <div className="exchange-actions">
            <Button type="primary" loading={action.busy} onClick={() => decide('confirm')}>
              {t('exchange.cand.confirm')}
            </Button>
            <Button loading={action.busy} onClick={() => decide('dismiss')}>
              {t('exchange.cand.dismiss')}
            </Button>
          </div>
          {action.error && <ErrorNotice error={action.error} />}
        </div>
      )}
    </li>
  );
}

function Row({
  row,
  importId,
  canReview,
  onDecided,
}: {
  row: RowView;
  importId: number;
  canReview: boolean;
  onDecided: (r: ReviewResult) => void;
}) {
  const { t } = usePrefs();
  const label = useLabel();
  const [current, setCurrent] = useState(row);
  const [result, setResult] = useState<ReviewResult>();
  if (current.status === 'matched')
    return (
      <li className="exchange-row card" data-row={row.rowNumber}>
        <h3>{t('exchange.row.number', { n: row.rowNumber })}</h3>
        <dl className="exchange-side">
          <dt>{t('exchange.row.matchedTo')}</dt>
          <dd>
            {current.subjectName ?? t('exchange.none')}{' '}
            <span className="exchange-id">{current.identity ?? ''}</span>
          </dd>
        </dl>
      </li>
    );
  return (
    <li className="exchange-row card" data-row={row.rowNumber}>
      <div className="exchange-row-head">
        <h3>{t('exchange.row.number', { n: row.rowNumber })}</h3>
        {result && (
          <Tag
            color={result.status === 'matched' ? 'green' : result.status === 'unmatched' ? 'default' : 'gold'}
          >
            {label('tab', result.status)}
          </Tag>
        )}
        {current.review === 'dismissed' && !result && <Tag>{t('exchange.row.allDismissed')}</Tag>}
      </div>
      {result && result.status !== 'candidate' && (
        <p role="status" className="exchange-moved">
          {t(result.status === 'matched' ? 'exchange.row.nowMatched' : 'exchange.row.nowUnmatched')}
        </p>
      )}
      <div className="exchange-compare">
        <div>
          <h4>{t('exchange.row.listSays')}</h4>
          <ListSide row={current} />
          {!current.candidates.length && <Reasons reasons={current.reasons} />}
        </div>
        {current.candidates.length > 0 && (
          <div>
            <h4>{t('exchange.row.candidates', { n: current.candidates.length })}</h4>
            <ul className="exchange-candidates">
              {current.candidates.map((c) => (
                <Candidate
                  key={c.subjectId}
                  c={c}
                  row={
                    result && result.status !== 'candidate' ? { ...current, status: result.status } : current
                  }
                  importId={importId}
                  canReview={canReview}
                  onDecided={(r, subjectId, state) => {
                    setResult(r);
                    setCurrent((x) => ({
                      ...x,
                      candidates: x.candidates.map((y) => (y.subjectId === subjectId ? { ...y, state } : y)),
                    }));
                    onDecided(r);
                  }}
                />
              ))}
            </ul>
          </div>
        )}
      </div>
    </li>
  );
}

/** 比对结果: an import's record and its rows by status, candidates reviewed in place. */
export default function ImportPage() {
  const { t } = usePrefs();
  const label = useLabel();
  const { id } = useParams();
  const location = useLocation();
  const summary = (location.state as { summary?: ImportSummary } | null)?.summary;
  const { me } = useAuth();
  const canReview = me.permissions.includes('exchange.review');
  const [tab, setTab] = useState<RowTab>('candidate');
  const [page, setPage] = useState(1);
  const [decided, setDecided] = useState<Record<number, ReviewResult>>({});
  const loaded = useApi<RowsPage>(
    `/exchange/imports/${id}/rows?status=${tab}&limit=${PAGE}&offset=${(page - 1) * PAGE}`,
  );
  const imp = loaded.data?.import;
  useTitle(
    imp
      ? `${t('exchange.import.title')} · ${label('list', imp.list)} ${imp.asOf}`
      : t('exchange.import.title'),
  );
  const counts = loaded.data ? countsAfter(loaded.data.counts, Object.values(decided)) : undefined;
  return (
    <section>
      <p>
        <Link to="/office/exchange">{t('exchange.import.back')}</Link>
      </p>
      <h1>
        {t('exchange.import.title')}
        {imp && ` · ${label('list', imp.list)} ${imp.asOf}`}
      </h1>
      {summary && String(summary.import) === id && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('exchange.upload.done', {
            rows: summary.rows,
            matched: summary.matched,
            candidates: summary.candidates,
            unmatched: summary.unmatched,
            invalid: summary.invalid,
          })}
        />
      )}
      {loaded.error && !loaded.data ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data || !imp || !counts ? (
        <Loading />
      ) : (
        <>
          <Record imp={imp} />
          <Tabs
            activeKey={tab}
            onChange={(k) => {
              setTab(k as RowTab);
              setPage(1);
              setDecided({});
            }}
            items={TABS.map((s) => ({
              key: s,
              label: t('exchange.tabCount', { label: label('tab', s), n: counts[s] }),
            }))}
          />
          {loaded.error ? (
            <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
          ) : loaded.loading ? (
            <Loading />
          ) : loaded.data.items.length === 0 ? (
            <EmptyNotice text={t('exchange.rows.empty')} />
          ) : (
            <>
              <ul className="exchange-rows">
                {loaded.data.items.map((r) => (
                  <Row
                    key={`${tab}-${r.rowNumber}`}
                    row={r}
                    importId={imp.id}
                    canReview={canReview}
                    onDecided={(res) => setDecided((d) => ({ ...d, [res.rowNumber]: res }))}
                  />
                ))}
              </ul>
              <Pagination
                current={page}
                pageSize={PAGE}
                total={loaded.data.total}
                onChange={(p) => {
                  setPage(p);
                  setDecided({});
                }}
                hideOnSinglePage
                showSizeChanger={false}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
