import { Tag } from 'antd';
import { useT } from '../../lib/prefs';
import type { MessageKey } from '../../i18n';
import type { Reference } from '../../lib/rules';

/** A source: the document and clause, the clause's own words quoted, and whether it is our assumption. */
export function Source({ r }: { r: Reference }) {
  const t = useT();
  return (
    <div className="admin-source">
      <div>
        <strong>{r.document}</strong>
        {r.clause && <span className="admin-clause"> {r.clause}</span>}
        {r.assumed && (
          <Tag color="orange" className="admin-assumed">
            {r.confirmBy ? t('admin.source.assumedBy', { office: r.confirmBy }) : t('admin.source.assumed')}
          </Tag>
        )}
      </div>
      {r.text && <blockquote className="admin-quote">{r.text}</blockquote>}
      {r.note && <p className="admin-note">{r.note}</p>}
    </div>
  );
}

/** A catalogue text when the catalogue has it, else the fallback (codes the catalogue does not name). */
export function known(t: (k: MessageKey) => string, key: string, fallback: string): string {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}
