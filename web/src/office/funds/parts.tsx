import { Progress, Table, Tag, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { MessageKey } from '../../i18n';
import { api, type Loaded } from '../../lib/api';
import { usePrefs } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import { fenText, type Usage } from './money';
import type { PolicyList, ProgrammeSummary } from '../../lib/types';
import type { BatchStatus } from './types';

/** Yuan with its unit, from fen. */
export function Yuan({ fen }: { fen: number }) {
  const { t, lang } = usePrefs();
  return <span className="funds-money">{t('funds.yuan', { amount: fenText(fen, lang) })}</span>;
}

/** The used share of a budget as a bar, with a warning when near or over. */
export function UsageBar({ u }: { u: Usage }) {
  const { t } = usePrefs();
  return (
    <div className="funds-usage">
      <Progress
        percent={Math.min(100, Math.max(0, u.percent))}
        status={u.level === 'over' ? 'exception' : u.level === 'near' ? 'active' : 'normal'}
        strokeColor={u.level === 'near' ? '#d46b08' : undefined}
        format={() => `${u.percent}%`}
        aria-label={t('funds.usedShare', { percent: u.percent })}
      />
      <UsageTag u={u} />
    </div>
  );
}

export function UsageTag({ u }: { u: Usage }) {
  const { t } = usePrefs();
  if (u.level === 'over')
    return (
      <Tag color="red" className="funds-warn funds-warn-over">
        {t('funds.over')}
      </Tag>
    );
  if (u.level === 'near')
    return (
      <Tag color="orange" className="funds-warn funds-warn-near">
        {t('funds.near')}
      </Tag>
    );
  if (u.level === 'none') return <Tag className="funds-warn">{t('funds.noBudget')}</Tag>;
  return null;
}

const STATUS_COLOR: Record<BatchStatus, string> = {
  building: 'gold',
  ready: 'blue',
  sending: 'orange',
  sent: 'purple',
  done: 'green',
};
export function BatchStatusTag({ status }: { status: BatchStatus }) {
  const { t } = usePrefs();
  return <Tag color={STATUS_COLOR[status]}>{t(`funds.batch.status.${status}` as MessageKey)}</Tag>;
}

let programmeList: Promise<PolicyList> | undefined;

/** Programme names by id, from the public programme list (the funds API names only ids), asked once. */
export function useProgrammes(): {
  name: (id: string | null) => string;
  list: ProgrammeSummary[];
} {
  const { lang } = usePrefs();
  const [data, setData] = useState<PolicyList>();
  useEffect(() => {
    let live = true;
    programmeList ??= api<PolicyList>('/public/programmes');
    programmeList.then(
      (d) => live && setData(d),
      () => {
        programmeList = undefined; // the ids stay readable; asked again on the next page
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => {
    const list = data ? [...data.person, ...data.enterprise] : [];
    const unique = [...new Map(list.map((p) => [p.id, p])).values()];
    const byId = new Map(unique.map((p) => [p.id, p]));
    return {
      list: unique,
      name: (id) => {
        if (!id) return '';
        const p = byId.get(id);
        return p ? (lang === 'en' ? p.nameEn : p.name) : id;
      },
    };
  }, [data, lang]);
}

/** A date-time from the API as local `YYYY-MM-DD HH:mm`. */
export function dateTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * A list from the API in a table: its error (with a retry), loading and empty states; 20 rows a page,
 * scrolling sideways on a phone. The other props go to the table.
 */
export function ListTable<T extends object>({
  loaded,
  empty,
  ...table
}: { loaded: Loaded<T[]>; empty: string } & Omit<TableProps<T>, 'dataSource' | 'loading'>) {
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  if (loaded.data.length === 0) return <EmptyNotice text={empty} />;
  return (
    <div className="funds-table">
      <Table<T>
        size="small"
        scroll={{ x: 'max-content' }}
        loading={loaded.loading}
        dataSource={loaded.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        {...table}
      />
    </div>
  );
}
