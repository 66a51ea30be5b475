import { Alert, Button, Input, Pagination, Radio, Tag } from 'antd';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError, useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { described, useAction } from '../../lib/form';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import { dateTime, FilterSelect, useLabel, useProgrammeName } from './parts';
import { FLAG_KINDS, type CrossCheckResult, type FlagKind, type FlagView } from './types';

const PAGE = 50;

function DecisionForm({ flag, onDecided }: { flag: FlagView; onDecided: (f: FlagView) => void }) {
  const { t } = usePrefs();
  const id = useId();
  const [outcome, setOutcome] = useState<'cleared' | 'upheld'>();
  const [note, setNote] = useState('');
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!outcome) {
      action.setError(new ApiError(400, 'VALIDATION_FAILED', t('exchange.flag.outcomeMissing'), 'outcome'));
      return;
    }
    if (note.trim().length < 2) {
      action.setError(new ApiError(400, 'VALIDATION_FAILED', t('exchange.flag.noteShort'), 'note'));
      return;
    }
    void action
      .run(() =>
        api<FlagView>(`/exchange/flags/${flag.id}/decision`, {
          method: 'POST',
          body: { outcome, note: note.trim() },
        }),
      )
      .then((f) => f && onDecided(f));
  };
  const err = action.error;
  const at = (path: string) => (err?.path === path ? err.message || t('error.generic') : undefined);
  return (
    <form className="exchange-decision" onSubmit={submit} noValidate aria-label={t('exchange.flag.decide')}>
      <fieldset>
        <legend>{t('exchange.flag.outcome')}</legend>
        <Radio.Group
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as 'cleared' | 'upheld')}
          {...described(`${id}-outcome`, false, at('outcome'))}
        >
          <Radio value="cleared">{t('exchange.outcome.cleared')}</Radio>
          <Radio value="upheld">{t('exchange.outcome.upheld')}</Radio>
        </Radio.Group>
        {at('outcome') && (
          <div className="field-error" id={`${id}-outcome-error`} role="alert">
            {at('outcome')}
          </div>
        )}
      </fieldset>
      <label htmlFor={`${id}-note`}>{t('exchange.flag.note')}</label>
      <Input.TextArea
        id={`${id}-note`}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={500}
        showCount
        {...described(`${id}-note`, false, at('note'))}
      />
      {at('note') && (
        <div className="field-error" id={`${id}-note-error`} role="alert">
          {at('note')}
        </div>
      )}
      {err && !['note', 'outcome'].includes(err.path ?? '') && <ErrorNotice error={err} />}
      <Button type="primary" htmlType="submit" loading={action.busy}>
        {t('exchange.flag.submit')}
      </Button>
    </form>
  );
}

function Flag({
  f,
  canReview,
  onDecided,
}: {
  f: FlagView;
  canReview: boolean;
  onDecided: (f: FlagView) => void;
}) {
  const { t, lang } = usePrefs();
  const label = useLabel();
  const programme = useProgrammeName();
  return (
    <li className="exchange-flag card" data-flag={f.id}>
      <div className="exchange-row-head">
        <strong className="exchange-kind">{label('flagKind', f.kind)}</strong>
        <Tag color={f.state === 'open' ? 'gold' : f.state === 'cleared' ? 'green' : 'red'}>
          {label('flagState', f.state)}
        </Tag>
        {f.held && <Tag color="red">{t('exchange.flag.held')}</Tag>}
      </div>
      <dl className="exchange-side">
        <dt>{t(f.subject.type === 'person' ? 'exchange.flag.person' : 'exchange.flag.enterprise')}</dt>
        <dd>{f.subject.name}</dd>
        <dt>{t('exchange.flag.division')}</dt>
        <dd>{f.subject.divisionName || f.subject.division}</dd>
        <dt>{t('exchange.flag.application')}</dt>
        <dd>
          {f.applicationId !== null ? (
            <Link to={`/office/cases/${f.applicationId}`}>
              {t('exchange.flag.applicationN', { id: f.applicationId })}
            </Link>
          ) : (
            t('exchange.none')
          )}
          {f.programmeId && <span className="meta"> · {programme(f.programmeId)}</span>}
        </dd>
        <dt>{t('exchange.flag.raisedAt')}</dt>
        <dd>{dateTime(f.raisedAt)}</dd>
      </dl>
      <h3>{t('exchange.flag.evidence')}</h3>
      <ul className="exchange-evidence">
        {f.evidence.map((e, i) => (
          <li key={i}>
            <Tag>{label('source', e.source)}</Tag> {lang === 'en' ? e.en : e.zh}
            {e.ref && <span className="meta"> ({e.ref})</span>}
          </li>
        ))}
      </ul>
      {f.decision ? (
        <div className="exchange-decided">
          <strong>
            {t('exchange.flag.decided', {
              outcome: t(
                f.decision.outcome === 'cleared' ? 'exchange.outcome.cleared' : 'exchange.outcome.upheld',
              ),
              by: f.decision.by,
              at: dateTime(f.decision.at),
            })}
          </strong>
          <p>{f.decision.note}</p>
        </div>
      ) : (
        canReview && f.state === 'open' && <DecisionForm flag={f} onDecided={onDecided} />
      )}
    </li>
  );
}

/** 交叉比对疑点: flags raised by the cross-checks, open first; a person decides each (never automatic). */
export default function Flags() {
  const { t } = usePrefs();
  const label = useLabel();
  useTitle(t('exchange.flags.title'));
  const { me } = useAuth();
  const canReview = me.permissions.includes('exchange.review');
  const [state, setState] = useState<'open' | 'decided'>('open');
  const [kind, setKind] = useState<'' | FlagKind>('');
  const [page, setPage] = useState(1);
  const [updated, setUpdated] = useState<Record<number, FlagView>>({});
  const run = useAction();
  const [ran, setRan] = useState<CrossCheckResult>();
  const q = new URLSearchParams({ state, limit: String(PAGE), offset: String((page - 1) * PAGE) });
  if (kind) q.set('kind', kind);
  const loaded = useApi<{ total: number; items: FlagView[] }>(`/exchange/flags?${q.toString()}`);
  const runChecks = () =>
    void run
      .run(() => api<CrossCheckResult>('/exchange/cross-checks', { method: 'POST', body: {} }))
      .then((r) => {
        if (!r) return;
        setRan(r);
        setUpdated({});
        loaded.reload();
      });
  return (
    <section>
      <h1>{t('exchange.flags.title')}</h1>
      <p className="meta">{t('exchange.flags.intro')}</p>
      {canReview && (
        <div className="exchange-run">
          <Button onClick={runChecks} loading={run.busy}>
            {t('exchange.flags.run')}
          </Button>
          {run.error && <ErrorNotice error={run.error} />}
          {ran && (
            <Alert
              type="info"
              showIcon
              role="status"
              title={t('exchange.flags.ran', { n: ran.raised })}
              description={
                Object.entries(ran.byKind)
                  .filter(([, n]) => n)
                  .map(([k, n]) => `${label('flagKind', k)}：${n}`)
                  .join('；') || undefined
              }
            />
          )}
        </div>
      )}
      <form
        className="exchange-filters"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('exchange.filters')}
      >
        <FilterSelect
          label={t('exchange.flags.state')}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          minWidth="8rem"
          options={[
            { value: 'open', label: t('exchange.flagState.open') },
            { value: 'decided', label: t('exchange.flags.decided') },
          ]}
        />
        <FilterSelect
          label={t('exchange.flags.kind')}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          minWidth="10rem"
          options={[
            { value: '', label: t('exchange.all') },
            ...FLAG_KINDS.map((v) => ({ value: v, label: label('flagKind', v) })),
          ]}
        />
      </form>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data || loaded.loading ? (
        <Loading />
      ) : loaded.data.items.length === 0 ? (
        <EmptyNotice text={t(state === 'open' ? 'exchange.flags.emptyOpen' : 'exchange.flags.empty')} />
      ) : (
        <>
          <ul className="exchange-rows">
            {loaded.data.items.map((f) => (
              <Flag
                key={f.id}
                f={updated[f.id] ?? f}
                canReview={canReview}
                onDecided={(v) => setUpdated((u) => ({ ...u, [v.id]: v }))}
              />
            ))}
          </ul>
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
