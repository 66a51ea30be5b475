import type { MessageKey } from '../../i18n';
import type { Loaded } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { useLabels, type LabelFn } from '../../lib/labels';
import { usePrefs } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading, yuan } from '../../lib/status';
import { differenceName, roleName } from './parts';
import type { ApplicationView, TimelineEntry } from '../../lib/applications';

function actionLabel(t: (k: MessageKey) => string, label: LabelFn, action: string): string {
  const known = label('applicationEvent', action);
  if (known && known !== action) return known;
  const key = `cases.action.${action}` as MessageKey;
  const text = t(key);
  return text === key ? action : text;
}

/** 办理过程: who did what, when, at which step, with their comment. */
export function Timeline({ a, loaded }: { a: ApplicationView; loaded: Loaded<TimelineEntry[]> }) {
  const { t, lang } = usePrefs();
  const label = useLabels();
  const stepName = (id: string | null) => a.chain.find((s) => s.id === id)?.name ?? id;
  return (
    <section className="card case-section" aria-labelledby="case-timeline">
      <h2 id="case-timeline">{t('cases.timeline')}</h2>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading />
      ) : loaded.data.length === 0 ? (
        <EmptyNotice />
      ) : (
        <ol className="case-timeline">
          {loaded.data.map((e, i) => {
            const amount = typeof e.details.amount === 'number' ? e.details.amount : null;
            const diffs = Array.isArray(e.details.differences) ? (e.details.differences as string[]) : [];
            return (
              <li key={i} data-action={e.action} className={`tl tl-${e.action}`}>
                <div className="tl-head">
                  <strong>{actionLabel(t, label, e.action)}</strong>
                  {e.stepId && <span className="case-muted">{stepName(e.stepId)}</span>}
                </div>
                <div className="case-muted">
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time> · {e.who} · {roleName(t, e.role)}
                </div>
                {e.comment && <p className="tl-comment">{e.comment}</p>}
                {amount !== null && <p>{t('cases.timeline.amount', { amount: yuan(amount, lang) })}</p>}
                {diffs.length > 0 && (
                  <p>
                    {t('cases.timeline.differences', {
                      list: diffs.map((d) => differenceName(t, d)).join('、'),
                    })}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
