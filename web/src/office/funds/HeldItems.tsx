import { Tag } from 'antd';
import { useApi } from '../../lib/api';
import { usePrefs } from '../../lib/prefs';
import { ListTable, useProgrammes, Yuan } from './parts';
import type { HeldItemView } from './types';

/** Approved items no batch takes, with the reason: no payment account (无收款账户), or a payment hold. */
export function HeldItems() {
  const { t } = usePrefs();
  const loaded = useApi<HeldItemView[]>('/payment-items/held');
  const programmes = useProgrammes();
  return (
    <section aria-labelledby="funds-held-h" className="funds-held">
      <h2 id="funds-held-h">{t('funds.held.title')}</h2>
      <p className="meta">{t('funds.held.help')}</p>
      <ListTable<HeldItemView>
        loaded={loaded}
        empty={t('funds.held.empty')}
        rowKey="itemId"
        columns={[
          { title: t('funds.items.payee'), dataIndex: 'payeeName' },
          { title: t('funds.items.idNumber'), dataIndex: 'idNumber' },
          {
            title: t('funds.programme'),
            key: 'programme',
            render: (_: unknown, r) => programmes.name(r.programmeId) || r.programmeName,
          },
          {
            title: t('funds.items.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => <Yuan fen={v} />,
          },
          {
            title: t('funds.held.reason'),
            key: 'reason',
            render: (_: unknown, r) => (
              <Tag color={r.reason === 'noAccount' ? 'orange' : 'red'} data-reason={r.reason}>
                {t(r.reason === 'noAccount' ? 'funds.held.noAccount' : 'funds.held.hold')}
              </Tag>
            ),
          },
        ]}
      />
    </section>
  );
}
