import { Alert, Tag } from 'antd';
import { usePrefs } from '../lib/prefs';
import { yuan } from '../lib/status';
import { factLabel } from './labels';
import { relativePath } from './facts';
import type { Decision } from '../lib/applications';

/** The engine's decision with its reasons, in plain words (shown before submitting, and on the case). */
export function DecisionView({ decision, title }: { decision: Decision; title?: string }) {
  const { t, lang } = usePrefs();
  const verdict =
    decision.eligible === true ? 'eligible' : decision.eligible === false ? 'notEligible' : 'incomplete';
  return (
    <section className="section self-decision" aria-label={title ?? t('self.app.decision')}>
      {title && <h2>{title}</h2>}
      <Alert
        type={verdict === 'eligible' ? 'success' : verdict === 'notEligible' ? 'error' : 'warning'}
        showIcon
        title={
          <span data-testid="decision-verdict">
            {t(`self.decision.${verdict}`)}
            {decision.eligible && (
              <>
                {' · '}
                <strong>{t('self.decision.amount', { amount: yuan(decision.amount, lang) })}</strong>
              </>
            )}
          </span>
        }
        description={
          decision.missing.length > 0
            ? t('self.decision.missing', {
                facts: decision.missing.map((m) => factLabel(t, relativePath(m))).join('、'),
              })
            : undefined
        }
      />
      {decision.reasons.length > 0 && (
        <>
          <h3>{t('self.decision.reasons')}</h3>
          <ul className="self-reasons">
            {decision.reasons.map((r, i) => (
              <li key={i}>
                <Tag color={r.met === true ? 'green' : r.met === false ? 'red' : 'gold'}>
                  {r.met === true
                    ? t('self.decision.met')
                    : r.met === false
                      ? t('self.decision.notMet')
                      : t('self.decision.unknown')}
                </Tag>
                <span>{r.condition}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {decision.conflicts.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('self.decision.conflicts', {
            facts: decision.conflicts.map((c) => factLabel(t, c.fact)).join('、'),
          })}
        />
      )}
      <p className="meta">
        {t('self.decision.basis', { basis: decision.legalBasis, pack: decision.pack })}
        <br />
        {t('self.decision.note')}
      </p>
    </section>
  );
}
