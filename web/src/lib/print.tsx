import { Button } from 'antd';
import type { ReactNode } from 'react';
import { usePrefs } from './prefs';
import './print.css';

/**
 * A printable document (告知书, 证明, 通知书, 公示 sheet): the page shows it with a 打印 button; printed
 * on A4, only the document appears (the shell — header, menus, buttons — is hidden by print.css).
 */
export function PrintableDocument({
  title,
  subtitle,
  children,
  actions,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  /** Further buttons beside 打印 (never printed). */
  actions?: ReactNode;
}) {
  const { lang } = usePrefs();
  return (
    <div className="printable-page">
      <div className="printable-actions no-print">
        <Button type="primary" onClick={() => window.print()}>
          {lang === 'en' ? 'Print' : '打印'}
        </Button>
        {actions}
      </div>
      <article className="printable-document" aria-label={title}>
        <h1 className="printable-title">{title}</h1>
        {subtitle ? <div className="printable-subtitle">{subtitle}</div> : null}
        <div className="printable-body">{children}</div>
      </article>
    </div>
  );
}
