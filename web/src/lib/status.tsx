import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import type { ApiError, Loaded } from './api';
import { useT } from './prefs';

export function Loading() {
  const t = useT();
  return (
    <div className="status" role="status" aria-live="polite">
      <Spin /> <span>{t('common.loading')}</span>
    </div>
  );
}

/** The API's Chinese message when it sent one; otherwise a plain sentence from the catalogue. */
export function ErrorNotice({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const t = useT();
  const message = error.message || (error.code === 'NETWORK' ? t('error.network') : t('error.generic'));
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={message}
      description={error.code !== 'NETWORK' ? t('error.code', { code: error.code }) : undefined}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

export function EmptyNotice({ text }: { text?: string }) {
  const t = useT();
  return <Empty description={text ?? t('common.empty')} />;
}

/** Loading, error or the data. */
export function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <Loading />;
  return <>{children(loaded.data)}</>;
}

export function yuan(amount: number, lang: string): string {
  return amount.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 });
}
