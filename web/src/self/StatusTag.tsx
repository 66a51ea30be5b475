import { Tag } from 'antd';
import { usePrefs } from '../lib/prefs';
import type { ApplicationStatus } from '../lib/applications';

const COLOURS: Record<ApplicationStatus, string> = {
  draft: 'default',
  inReview: 'processing',
  returned: 'orange',
  rejected: 'red',
  withdrawn: 'default',
  approved: 'green',
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = usePrefs();
  return (
    <Tag color={COLOURS[status]} className="self-status" data-status={status}>
      {t(`self.status.${status}`)}
    </Tag>
  );
}
