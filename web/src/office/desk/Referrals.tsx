import { Alert, Button, Checkbox, Input, Tag } from 'antd';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { daysBetween, today } from '../../lib/dates';
import { useT, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import type { MessageKey } from '../../i18n';
import type { PersonView } from '../../lib/registry';
import type { ReferralView } from '../../lib/referrals';
import { described, Field, useAction } from '../../lib/form';
import { errorAt, FormError } from './ui';
import './messages';
import './desk.css';

const STATUS: Record<ReferralView['status'], MessageKey> = {
  open: 'desk.referrals.status.open',
  needsMoreInformation: 'desk.referrals.status.needsMoreInformation',
  accepted: 'desk.referrals.status.accepted',
  declined: 'desk.referrals.status.declined',
};
const EVENT: Record<string, MessageKey> = {
  accepted: 'desk.referrals.event.accepted',
  declined: 'desk.referrals.event.declined',
  needsMoreInformation: 'desk.referrals.event.needsMoreInformation',
  informationSupplied: 'desk.referrals.event.informationSupplied',
};

/** Overdue red, due within 3 days orange; closed ones say how they ended. */
function Due({ r }: { r: ReferralView }) {
  const t = useT();
  if (r.status === 'accepted' || r.status === 'declined')
    return <Tag color={r.status === 'accepted' ? 'green' : 'default'}>{t(STATUS[r.status])}</Tag>;
  if (r.status === 'needsMoreInformation') return <Tag color="blue">{t(STATUS[r.status])}</Tag>;
  if (!r.dueOn) return <Tag>{t('desk.referrals.noDue')}</Tag>;
  if (r.overdue)
    return (
      <Tag color="red" className="due due-overdue">
        {t('desk.referrals.overdue', { date: r.dueOn })}
      </Tag>
    );
  const left = daysBetween(today(), r.dueOn);
  return (
    <Tag color={left <= 3 ? 'orange' : undefined} className="due">
      {t('desk.referrals.dueOn', { date: r.dueOn })}
    </Tag>
  );
}

function PersonName({ id }: { id: number }) {
  const p = useApi<PersonView>(`/persons/${id}`);
  return <Link to={`/office/persons/${id}`}>{p.data ? p.data.name : `#${id}`}</Link>;
}

/** The liaison's answer (accepted; declined or more information with a note), or the staff's supplement. */
function Act({
  r,
  mode,
  onDone,
}: {
  r: ReferralView;
  mode: 'answer' | 'supply';
  onDone: (r: ReferralView) => void;
}) {
  const t = useT();
  const id = useId();
  const [outcome, setOutcome] = useState<'accepted' | 'declined' | 'needsMoreInformation'>('accepted');
  const [note, setNote] = useState('');
  const [fe, setFe] = useState<string>();
  const { busy, error, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const needsNote = mode === 'supply' || outcome !== 'accepted';
    if (needsNote && !note.trim()) {
      setFe(t(mode === 'supply' ? 'desk.referrals.supplyRequired' : 'desk.referrals.noteRequired'));
      return;
    }
    setFe(undefined);
    const body =
      mode === 'supply' ? { note: note.trim() } : { outcome, ...(note.trim() ? { note: note.trim() } : {}) };
    const v = await run(() =>
      api<ReferralView>(`/referrals/${r.id}/${mode === 'supply' ? 'information' : 'answer'}`, {
        method: 'POST',
        body,
      }),
    );
    if (v) onDone(v);
  };
  const noteError = fe ?? errorAt(error, 'note');
  return (
    <form className="answer-form" onSubmit={(e) => void submit(e)} noValidate>
      {mode === 'answer' && (
        <Field id={`${id}-outcome`} label={t('desk.referrals.outcome')}>
          <select
            id={`${id}-outcome`}
            className="native-select"
            value={outcome}
            onChange={(e) => {
              setOutcome(e.target.value as typeof outcome);
              setFe(undefined);
            }}
          >
            <option value="accepted">{t('desk.referrals.outcome.accepted')}</option>
            <option value="declined">{t('desk.referrals.outcome.declined')}</option>
            <option value="needsMoreInformation">{t('desk.referrals.outcome.needsMoreInformation')}</option>
          </select>
        </Field>
      )}
      <Field
        id={`${id}-note`}
        label={t(mode === 'supply' ? 'desk.referrals.supplyNote' : 'desk.referrals.note')}
        error={noteError}
      >
        <Input.TextArea
          id={`${id}-note`}
          value={note}
          maxLength={1000}
          autoSize={{ minRows: 2, maxRows: 6 }}
          onChange={(e) => {
            setNote(e.target.value);
            setFe(undefined);
          }}
          {...described(`${id}-note`, false, noteError)}
        />
      </Field>
      <FormError error={error} fields={['note']} />
      <Button type="primary" htmlType="submit" loading={busy}>
        {t(mode === 'supply' ? 'desk.referrals.supplySubmit' : 'desk.referrals.answerSubmit')}
      </Button>
    </form>
  );
}

function Item({ r, onChanged }: { r: ReferralView; onChanged: (r: ReferralView) => void }) {
  const t = useT();
  const { me } = useAuth();
  const [open, setOpen] = useState(false);
  const canAnswer = me.permissions.includes('referrals.answer') && r.status === 'open';
  const canSupply = me.permissions.includes('referrals.create') && r.status === 'needsMoreInformation';
  return (
    <li className="inbox-item card" data-referral={r.id}>
      <div className="inbox-head">
        <Tag color="purple">{t(`desk.referrals.kind.${r.kind}` as MessageKey)}</Tag>
        <PersonName id={r.personId} />
        <Due r={r} />
      </div>
      <dl className="inbox-meta">
        <dt>{t('desk.referrals.referred')}</dt>
        <dd>{t('desk.referrals.referredBy', { date: r.referredOn, by: r.referredBy.username })}</dd>
        {r.workingDaysWaiting !== null && (
          <>
            <dt>{t('desk.referrals.waiting')}</dt>
            <dd>{t('desk.referrals.waitingDays', { days: r.workingDaysWaiting })}</dd>
          </>
        )}
        {r.applicationId !== null && (
          <>
            <dt>{t('desk.referrals.application')}</dt>
            <dd className="code">{r.applicationId}</dd>
          </>
        )}
      </dl>
      <p className="inbox-content">{r.reason}</p>
      {r.history.length > 0 && (
        <ol className="desk-reasons">
          {r.history.map((h, i) => (
            <li key={i}>
              {t(EVENT[h.kind] ?? 'desk.referrals.event.other', { date: h.on, by: h.by })}
              {h.note ? t('desk.colon') + h.note : ''}
            </li>
          ))}
        </ol>
      )}
      {(canAnswer || canSupply) &&
        (open ? (
          <Act
            r={r}
            mode={canAnswer ? 'answer' : 'supply'}
            onDone={(v) => {
              setOpen(false);
              onChanged(v);
            }}
          />
        ) : (
          <Button onClick={() => setOpen(true)}>
            {t(canAnswer ? 'desk.referrals.answer' : 'desk.referrals.supply')}
          </Button>
        ))}
    </li>
  );
}

/** `/office/referrals/*`: 转介民政 — the liaison answers (overdue flagged); staff follow the ones they made. */
export default function Referrals() {
  const t = useT();
  useTitle(t('desk.referrals.title'));
  const { me } = useAuth();
  const liaison = me.permissions.includes('referrals.answer');
  const [status, setStatus] = useState(liaison ? 'unanswered' : '');
  const [overdue, setOverdue] = useState(false);
  const [mineOnly, setMineOnly] = useState(!liaison);
  const [updated, setUpdated] = useState<Record<number, ReferralView>>({});
  const query = new URLSearchParams({ limit: '200' });
  if (status) query.set('status', status);
  if (overdue) query.set('overdue', 'true');
  const loaded = useApi<ReferralView[]>(`/referrals?${query.toString()}`);
  const list = loaded.data
    ?.map((r) => updated[r.id] ?? r)
    .filter((r) => !mineOnly || r.referredBy.username === me.username);
  const overdueCount = list?.filter((r) => r.overdue).length ?? 0;
  return (
    <section className="desk">
      <h1>{t('desk.referrals.title')}</h1>
      <p className="lead">{t(liaison ? 'desk.referrals.leadLiaison' : 'desk.referrals.leadStaff')}</p>
      <form
        className="desk-filters"
        aria-label={t('desk.referrals.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label className="desk-filter">
          <span>{t('desk.referrals.statusLabel')}</span>
          <select className="native-select" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('desk.outreach.all')}</option>
            <option value="unanswered">{t('desk.referrals.status.unanswered')}</option>
            <option value="open">{t('desk.referrals.status.open')}</option>
            <option value="needsMoreInformation">{t('desk.referrals.status.needsMoreInformation')}</option>
            <option value="closed">{t('desk.referrals.status.closed')}</option>
          </select>
        </label>
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
          {t('desk.referrals.overdueOnly')}
        </Checkbox>
        {!liaison && (
          <Checkbox checked={mineOnly} onChange={(e) => setMineOnly(e.target.checked)}>
            {t('desk.referrals.mineOnly')}
          </Checkbox>
        )}
        <Button onClick={loaded.reload}>{t('desk.outreach.refresh')}</Button>
      </form>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !list || loaded.loading ? (
        <Loading />
      ) : list.length === 0 ? (
        <EmptyNotice text={t('desk.referrals.empty')} />
      ) : (
        <>
          <p role="status">{t('desk.referrals.count', { count: list.length })}</p>
          {overdueCount > 0 && (
            <Alert type="error" showIcon title={t('desk.referrals.overdueCount', { count: overdueCount })} />
          )}
          <ul className="inbox-list">
            {list.map((r) => (
              <Item key={r.id} r={r} onChanged={(v) => setUpdated((u) => ({ ...u, [v.id]: v }))} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
