import { Button } from 'antd';
import { usePrefs } from './prefs';

/** A list's own URL (path under /api/v1 or absolute /api/v1/…) with `format=xlsx` added. */
export function xlsxUrl(url: string): string {
  const full = url.startsWith('/api/') ? url : `/api/v1${url.startsWith('/') ? '' : '/'}${url}`;
  const [path, query = ''] = full.split('?') as [string, string?];
  const params = new URLSearchParams(query);
  params.set('format', 'xlsx');
  return `${path}?${params.toString()}`;
}

/**
 * 导出 Excel: downloads the list the page shows (its GET endpoint with the same filters answers
 * `format=xlsx`; the file carries a title, 制表时间 and a frozen header). A plain link, so the browser
 * downloads with the session cookie and the server's Chinese file name.
 */
export function ExportButton({ url, label, disabled }: { url: string; label?: string; disabled?: boolean }) {
  const { lang } = usePrefs();
  const text = label ?? (lang === 'en' ? 'Export to Excel' : '导出 Excel');
  return (
    <Button className="no-print" href={disabled ? undefined : xlsxUrl(url)} disabled={disabled} download>
      {text}
    </Button>
  );
}
