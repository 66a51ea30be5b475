import { Alert, Button, Input, Modal, Select, Table, Tabs, Tag } from 'antd';
import { useId, useMemo, useState, type FormEvent, type HTMLAttributes, type ReactNode } from 'react';
import type { MessageKey } from '../../i18n';
import { api, ApiError, useApi } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading, Show } from '../../lib/status';
import { chinaTime, passwordOk } from './format';
import { known } from './parts';
import type { AccountStatus, Division, RoleView } from './types';
import './messages';
import './admin.css';
import { asApiError } from '../../lib/form';

function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error: string | undefined;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const describedBy = [hint ? hintId : '', error ? errId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="admin-field">
      <label htmlFor={id}>{label}</label>
      {children(id, describedBy)}
      {hint && (
        <div id={hintId} className="admin-muted admin-hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={errId} className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** The divisions a role may be bound to within the admin's jurisdiction: county, townships, villages. */
function useDivisionChoices(adminDivision: string, township: string | undefined) {
  const county = adminDivision.slice(0, 6);
  const towns = useApi<Division[]>(`/divisions?parent=${county}`);
  const villages = useApi<Division[]>(township ? `/divisions?parent=${township}` : null);
  const inScope = (d: Division) => d.code.startsWith(adminDivision) || adminDivision.startsWith(d.code);
  return {
    county,
    towns: { ...towns, data: towns.data?.filter(inScope) },
    villages: {
      ...villages,
      data: township ? villages.data?.filter((d) => d.code.startsWith(adminDivision)) : undefined,
    },
  };
}

function CreateAccount({ roles, onCreated }: { roles: RoleView[]; onCreated: (a: AccountStatus) => void }) {
  const { t, lang } = usePrefs();
  const { me } = useAuth();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<string>();
  const [township, setTownship] = useState<string>();
  const [village, setVillage] = useState<string>();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [created, setCreated] = useState<AccountStatus>();
  const staff = roles.filter((r) => r.staff);
  const level = staff.find((r) => r.role === role)?.level;
  const choices = useDivisionChoices(
    me.division,
    level === 'village' || level === 'township' ? township : undefined,
  );
  const division =
    level === 'county'
      ? choices.county
      : level === 'township'
        ? township
        : level === 'village'
          ? village
          : undefined;
  const fieldError = (name: string) => (error?.path === name ? error.message : undefined);
  const fail = (code: string, message: string, path: string) =>
    setError(new ApiError(400, code, message, path));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCreated(undefined);
    if (!/^[a-z0-9][a-z0-9._-]{2,39}$/.test(username))
      return fail('VALIDATION_FAILED', t('admin.users.usernameRule'), 'username');
    if (!displayName.trim())
      return fail('VALIDATION_FAILED', t('admin.users.displayNameRequired'), 'displayName');
    if (!role) return fail('VALIDATION_FAILED', t('admin.users.roleRequired'), 'role');
    if (!division) return fail('VALIDATION_FAILED', t('admin.users.divisionRequired'), 'division');
    if (!passwordOk(password)) return fail('WEAK_PASSWORD', t('admin.users.passwordRule'), 'password');
    setBusy(true);
    setError(undefined);
    try {
      const a = await api<AccountStatus>('/users', {
        method: 'POST',
        body: { username, displayName: displayName.trim(), role, division, password },
      });
      setCreated(a);
      setUsername('');
      setDisplayName('');
      setPassword('');
      onCreated(a);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const general =
    error && !['username', 'displayName', 'role', 'division', 'password'].includes(error.path ?? '');
  const divOption = (d: Division) => ({ value: d.code, label: `${d.name}（${d.code}）` });
  return (
    <form
      className="admin-form card"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="admin-create-h"
    >
      <h2 id="admin-create-h">{t('admin.users.create')}</h2>
      {created && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('admin.users.created', { username: created.username, name: created.displayName })}
        />
      )}
      <Field
        label={t('admin.users.username')}
        hint={t('admin.users.usernameRule')}
        error={fieldError('username')}
      >
        {(id, d) => (
          <Input
            id={id}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="off"
            aria-describedby={d}
            aria-invalid={!!fieldError('username')}
            status={fieldError('username') ? 'error' : undefined}
          />
        )}
      </Field>
      <Field label={t('admin.users.displayName')} error={fieldError('displayName')}>
        {(id, d) => (
          <Input
            id={id}
            value={displayName}
            maxLength={50}
            onChange={(e) => setDisplayName(e.target.value)}
            aria-describedby={d}
            aria-invalid={!!fieldError('displayName')}
            status={fieldError('displayName') ? 'error' : undefined}
          />
        )}
      </Field>
      <Field label={t('admin.users.role')} error={fieldError('role')}>
        {(id, d) => (
          <Select
            id={id}
            value={role}
            onChange={(v) => {
              setRole(v);
              setVillage(undefined);
            }}
            aria-describedby={d}
            placeholder={t('admin.users.choose')}
            status={fieldError('role') ? 'error' : undefined}
            options={staff.map((r) => ({
              value: r.role,
              label: `${lang === 'en' ? r.nameEn : r.nameZh}（${known(t, `admin.level.${r.level}`, r.level)}）`,
            }))}
          />
        )}
      </Field>
      {level && (level === 'township' || level === 'village') && (
        <Field
          label={t('admin.users.township')}
          error={level === 'township' ? fieldError('division') : undefined}
        >
          {(id, d) =>
            choices.towns.error ? (
              <ErrorNotice error={choices.towns.error} onRetry={choices.towns.reload} />
            ) : (
              <Select
                id={id}
                value={township}
                onChange={(v) => {
                  setTownship(v);
                  setVillage(undefined);
                }}
                loading={!choices.towns.data}
                showSearch={{ optionFilterProp: 'label' }}
                aria-describedby={d}
                placeholder={t('admin.users.choose')}
                options={(choices.towns.data ?? []).map(divOption)}
              />
            )
          }
        </Field>
      )}
      {level === 'village' && township && (
        <Field label={t('admin.users.village')} error={fieldError('division')}>
          {(id, d) =>
            choices.villages.error ? (
              <ErrorNotice error={choices.villages.error} onRetry={choices.villages.reload} />
            ) : (
              <Select
                id={id}
                value={village}
                onChange={setVillage}
                loading={!choices.villages.data}
                showSearch={{ optionFilterProp: 'label' }}
                aria-describedby={d}
                placeholder={t('admin.users.choose')}
                options={(choices.villages.data ?? []).map(divOption)}
              />
            )
          }
        </Field>
      )}
      {level === 'county' && (
        <p className="admin-muted">{t('admin.users.countyBound', { code: choices.county })}</p>
      )}
      {!level && fieldError('division') && <div className="field-error">{fieldError('division')}</div>}
      <Field
        label={t('admin.users.password')}
        hint={t('admin.users.passwordRule')}
        error={fieldError('password')}
      >
        {(id, d) => (
          <Input.Password
            id={id}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            aria-describedby={d}
            aria-invalid={!!fieldError('password')}
            status={fieldError('password') ? 'error' : undefined}
          />
        )}
      </Field>
      {general && <ErrorNotice error={error} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('admin.users.submit')}
      </Button>
    </form>
  );
}

function ResetDialog({ a, onClose, onDone }: { a: AccountStatus; onClose: () => void; onDone: () => void }) {
  const { t } = usePrefs();
  const id = useId();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const confirm = async () => {
    if (!passwordOk(password)) {
      setError(new ApiError(400, 'WEAK_PASSWORD', t('admin.users.passwordRule'), 'password'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api(`/users/${a.id}/password`, { method: 'POST', body: { password } });
      onDone();
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('admin.users.resetTitle', { username: a.username })}
      onCancel={onClose}
      onOk={() => void confirm()}
      okText={t('admin.users.resetConfirm')}
      cancelText={t('admin.cancel')}
      confirmLoading={busy}
    >
      <p>{t('admin.users.resetExplain')}</p>
      <label htmlFor={id} className="admin-label">
        {t('admin.users.newPassword')}
      </label>
      <Input.Password
        id={id}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="new-password"
        status={error?.path === 'password' ? 'error' : undefined}
      />
      {error?.path === 'password' ? (
        <div className="field-error" role="alert">
          {error.message}
        </div>
      ) : (
        error && <ErrorNotice error={error} />
      )}
      <p className="admin-muted admin-hint">{t('admin.users.passwordRule')}</p>
    </Modal>
  );
}

function Accounts({
  list,
  divisions,
  onChanged,
}: {
  list: AccountStatus[];
  divisions: Map<string, string>;
  onChanged: () => void;
}) {
  const { t } = usePrefs();
  const { me } = useAuth();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState<string>();
  const [resetting, setResetting] = useState<AccountStatus>();
  const act = async (a: AccountStatus, action: 'disable' | 'enable' | 'unlock') => {
    setBusy(`${a.id}-${action}`);
    setError(undefined);
    setNotice(undefined);
    try {
      await api(`/users/${a.id}/${action}`, { method: 'POST' });
      setNotice(t(`admin.users.done.${action}` as MessageKey, { username: a.username }));
      onChanged();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(undefined);
    }
  };
  const status = (a: AccountStatus) =>
    a.disabled ? (
      <Tag color="default">{t('admin.users.disabled')}</Tag>
    ) : a.lockedUntil ? (
      <Tag color="red">{t('admin.users.lockedUntil', { time: chinaTime(a.lockedUntil) })}</Tag>
    ) : (
      <Tag color="green">{t('admin.users.active')}</Tag>
    );
  return (
    <section aria-labelledby="admin-accounts-h">
      <h2 id="admin-accounts-h">{t('admin.users.accounts')}</h2>
      {notice && (
        <Alert type="success" showIcon title={notice} closable onClose={() => setNotice(undefined)} />
      )}
      {error && <ErrorNotice error={error} />}
      {list.length === 0 ? (
        <EmptyNotice text={t('admin.users.empty')} />
      ) : (
        <div className="admin-table">
          <Table<AccountStatus>
            rowKey="id"
            size="small"
            dataSource={list}
            pagination={list.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: true }}
            onRow={(a) => ({ 'data-username': a.username }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('admin.users.username'),
                dataIndex: 'username',
                render: (u: string) => <code>{u}</code>,
              },
              { title: t('admin.users.displayName'), dataIndex: 'displayName' },
              {
                title: t('admin.users.role'),
                dataIndex: 'role',
                render: (r: string) => known(t, `role.${r}`, r),
              },
              {
                title: t('admin.users.division'),
                dataIndex: 'division',
                render: (d: string) => (divisions.get(d) ? `${divisions.get(d)}（${d}）` : d),
              },
              { title: t('admin.users.status'), key: 'status', render: (_: unknown, a) => status(a) },
              {
                title: t('admin.users.lastLogin'),
                dataIndex: 'lastLoginAt',
                render: (v: string | null) => (v ? chinaTime(v) : t('admin.users.never')),
              },
              {
                title: t('admin.users.actions'),
                key: 'actions',
                render: (_: unknown, a) => (
                  <div className="admin-row-actions">
                    {a.lockedUntil && !a.disabled && (
                      <Button
                        size="small"
                        loading={busy === `${a.id}-unlock`}
                        onClick={() => void act(a, 'unlock')}
                      >
                        {t('admin.users.unlock')}
                      </Button>
                    )}
                    {a.disabled ? (
                      <Button
                        size="small"
                        loading={busy === `${a.id}-enable`}
                        onClick={() => void act(a, 'enable')}
                      >
                        {t('admin.users.enable')}
                      </Button>
                    ) : (
                      a.username !== me.username && (
                        <Button
                          size="small"
                          danger
                          loading={busy === `${a.id}-disable`}
                          onClick={() => void act(a, 'disable')}
                        >
                          {t('admin.users.disable')}
                        </Button>
                      )
                    )}
                    <Button size="small" onClick={() => setResetting(a)}>
                      {t('admin.users.reset')}
                    </Button>
                  </div>
                ),
              },
            ]}
          />
        </div>
      )}
      {resetting && (
        <ResetDialog
          a={resetting}
          onClose={() => setResetting(undefined)}
          onDone={() => {
            setNotice(t('admin.users.done.reset', { username: resetting.username }));
            setResetting(undefined);
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function Roles({ roles }: { roles: RoleView[] }) {
  const { t, lang } = usePrefs();
  return (
    <section aria-labelledby="admin-roles-h">
      <h2 id="admin-roles-h">{t('admin.roles.title')}</h2>
      <p className="admin-muted">{t('admin.roles.explain')}</p>
      <ul className="admin-roles">
        {roles.map((r) => (
          <li key={r.role} className="card" data-role={r.role}>
            <h3>
              {lang === 'en' ? r.nameEn : r.nameZh} <code className="admin-muted">{r.role}</code>
            </h3>
            <p className="admin-muted">
              {t('admin.roles.level', { level: known(t, `admin.level.${r.level}`, r.level) })}
            </p>
            {r.permissions.length === 0 ? (
              <p>{t('admin.roles.none')}</p>
            ) : (
              <ul className="admin-perms">
                {r.permissions.map((p) => (
                  <li key={p}>
                    {known(t, `admin.perm.${p}`, p)} <code className="admin-muted">{p}</code>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 用户与角色: accounts in the jurisdiction, creating one, what each role may do. */
export default function Users() {
  const { t } = usePrefs();
  useTitle(t('admin.users.title'));
  const roles = useApi<RoleView[]>('/roles');
  const accounts = useApi<AccountStatus[]>('/users/overview');
  const towns = useApi<Division[]>('/divisions?parent=211382');
  const divisions = useMemo(() => {
    const m = new Map<string, string>();
    m.set('211382', t('admin.users.county'));
    for (const d of towns.data ?? []) m.set(d.code, d.name);
    return m;
  }, [towns.data, t]);
  const [tab, setTab] = useState('accounts');
  return (
    <section className="admin-page">
      <h1>{t('admin.users.title')}</h1>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'accounts',
            label: t('admin.users.accounts'),
            children: accounts.error ? (
              <ErrorNotice error={accounts.error} onRetry={accounts.reload} />
            ) : !accounts.data ? (
              <Loading />
            ) : (
              <Accounts list={accounts.data} divisions={divisions} onChanged={accounts.reload} />
            ),
          },
          {
            key: 'create',
            label: t('admin.users.create'),
            children: (
              <Show loaded={roles}>{(r) => <CreateAccount roles={r} onCreated={accounts.reload} />}</Show>
            ),
          },
          {
            key: 'roles',
            label: t('admin.roles.title'),
            children: <Show loaded={roles}>{(r) => <Roles roles={r} />}</Show>,
          },
        ]}
      />
    </section>
  );
}
