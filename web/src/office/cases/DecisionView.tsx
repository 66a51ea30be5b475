import { Tag } from 'antd';
import { useApi } from '../../lib/api';
import { sourceRefText, useLabels } from '../../lib/labels';
import { usePrefs } from '../../lib/prefs';
import { yuan } from '../../lib/status';
import { differenceName, DivisionName, factName, factValue, payerName, sourceKind } from './parts';
import type { Decision, Difference } from '../../lib/applications';
import type { Guide } from '../../lib/types';

function Met({ met }: { met: boolean | null }) {
  const { t } = usePrefs();
  if (met === true) return <Tag color="green">{t('cases.met.yes')}</Tag>;
  if (met === false) return <Tag color="red">{t('cases.met.no')}</Tag>;
  return <Tag color="orange">{t('cases.met.unknown')}</Tag>;
}

/** The engine's decision, frozen with the pack version: outcome, amount, reasons, legal basis. */
export function DecisionSummary({
  d,
  title,
  id,
  programmeId,
}: {
  d: Decision;
  title: string;
  id: string;
  programmeId: string;
}) {
  const { t, lang } = usePrefs();
  useLabels(); // factName reads the catalogue
  // The parts of the amount by their names in the pack (the decision keeps only their ids).
  const guide = useApi<Guide>(`/public/programmes/${encodeURIComponent(programmeId)}`);
  const partName = (part: string) => guide.data?.components.find((c) => c.id === part)?.name ?? part;
  return (
    <section className="card case-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="case-outcome">
        {d.eligible === true ? (
          <Tag color="green">{t('cases.eligible.yes')}</Tag>
        ) : d.eligible === false ? (
          <Tag color="red">{t('cases.eligible.no')}</Tag>
        ) : (
          <Tag color="orange">{t('cases.eligible.unknown')}</Tag>
        )}
        <strong className="amount">{t('cases.yuan', { amount: yuan(d.amount, lang) })}</strong>
      </p>
      <dl className="case-facts">
        <dt>{t('cases.decision.pack')}</dt>
        <dd>{t('cases.decision.frozen', { pack: d.pack, date: d.date })}</dd>
        <dt>{t('cases.decision.basis')}</dt>
        <dd>{d.legalBasis}</dd>
        {d.fund && (
          <>
            <dt>{t('cases.decision.fund')}</dt>
            <dd>{d.fund}</dd>
          </>
        )}
        {d.components.length > 0 && (
          <>
            <dt>{t('cases.decision.components')}</dt>
            <dd>
              <ul className="plain">
                {d.components.map((c) => (
                  <li key={c.id}>
                    {t('cases.decision.component', {
                      id: partName(c.id),
                      amount: yuan(c.amount, lang),
                      payer: payerName(t, c.payer),
                    })}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <h3>{t('cases.decision.reasons')}</h3>
      {d.reasons.length === 0 ? (
        <p>{t('cases.none')}</p>
      ) : (
        <ul className="case-reasons">
          {d.reasons.map((r, i) => (
            <li key={i}>
              <Met met={r.met} /> {r.condition}
            </li>
          ))}
        </ul>
      )}
      {d.missing.length > 0 && (
        <p className="case-warning" role="note">
          {t('cases.decision.missing', { facts: d.missing.map((m) => factName(t, m)).join('、') })}
        </p>
      )}
    </section>
  );
}

/** The facts the decision used and where each came from (registry, declared, other departments). */
export function FactsTable({ d }: { d: Decision }) {
  const { t } = usePrefs();
  const label = useLabels();
  const names = Object.keys(d.facts).sort((a, b) => {
    const ka = d.sources[a]?.kind ?? '';
    const kb = d.sources[b]?.kind ?? '';
    return ka === kb ? a.localeCompare(b) : ka.localeCompare(kb);
  });
  return (
    <section className="card case-section" aria-labelledby="case-facts">
      <h2 id="case-facts">{t('cases.facts')}</h2>
      {names.length === 0 ? (
        <p>{t('cases.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="case-table stack">
            <thead>
              <tr>
                <th scope="col">{t('cases.facts.name')}</th>
                <th scope="col">{t('cases.facts.value')}</th>
                <th scope="col">{t('cases.facts.source')}</th>
              </tr>
            </thead>
            <tbody>
              {names.map((n) => {
                const s = d.sources[n];
                return (
                  <tr key={n} data-fact={n}>
                    <th scope="row">{factName(t, n)}</th>
                    <td className="fact-value">
                      {n === 'residenceDivision' && typeof d.facts[n] === 'string' ? (
                        <DivisionName code={d.facts[n]} />
                      ) : (
                        factValue(t, d.facts[n])
                      )}
                    </td>
                    <td>
                      {s ? (
                        <>
                          <Tag className={`source source-${s.kind}`}>{sourceKind(t, s.kind)}</Tag>
                          {sourceRefText(label, s.ref) && <span>{sourceRefText(label, s.ref)}</span>}
                          {(s.validFrom || s.validTo) && (
                            <span className="case-muted">
                              {' '}
                              {t('cases.facts.valid', {
                                from: s.validFrom ?? '…',
                                to: s.validTo ?? '…',
                              })}
                            </span>
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {d.conflicts.length > 0 && (
        <>
          <h3>{t('cases.conflicts')}</h3>
          <ul className="case-reasons">
            {d.conflicts.map((c) => (
              <li key={c.fact}>
                {t('cases.conflict', {
                  fact: factName(t, c.fact),
                  declared: factValue(t, c.declared),
                  registry: factValue(t, c.registry),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Differences between the frozen decision and the final re-judge, as a table. */
export function DifferencesTable({ differences }: { differences: Difference[] }) {
  const { t } = usePrefs();
  return (
    <div className="table-wrap">
      <table className="case-table stack">
        <thead>
          <tr>
            <th scope="col">{t('cases.diff.what')}</th>
            <th scope="col">{t('cases.diff.before')}</th>
            <th scope="col">{t('cases.diff.after')}</th>
          </tr>
        </thead>
        <tbody>
          {differences.map((d) => (
            <tr key={d.what}>
              <th scope="row">{differenceName(t, d.what)}</th>
              <td>{factValue(t, d.before)}</td>
              <td>{factValue(t, d.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
