import { Alert, Button, InputNumber, Select } from 'antd';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, useApi } from '../../lib/api';
import { usePrefs, useTitle } from '../../lib/prefs';
import { EmptyNotice, ErrorNotice, Loading } from '../../lib/status';
import Chart from './Chart';
import TableRegion from './TableRegion';
import type { EChartsCoreOption } from './echarts';
import {
  barChart,
  barsHeight,
  changedParameters,
  signed,
  townshipRows,
  type SimulationCell,
  type SimulationResult,
} from './figures';
import type { PackOverview } from '../../lib/rules';
import './insight.css';
import './messages';

type Parameter = PackOverview['parameters'][number];
interface DivisionView {
  code: string;
  name: string;
}

const NUMERIC = new Set(['money', 'ratio', 'number', 'int']);
const editable = (p: Parameter) =>
  (NUMERIC.has(p.type) && typeof p.current === 'number') ||
  (p.type === 'moneyByKey' && typeof p.current === 'object' && p.current !== null);

type Value = number | Record<string, number | null> | null;

function money(n: number, lang: string): string {
  return `¥${n.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 })}`;
}

function ParameterField({
  p,
  value,
  onChange,
  error,
}: {
  p: Parameter;
  value: Value;
  onChange: (v: Value) => void;
  error: string | undefined;
}) {
  const { t, lang } = usePrefs();
  const id = useId();
  const name = lang === 'en' && p.nameEn ? p.nameEn : p.name;
  const unit = p.unit && !name.includes(p.unit) ? `（${p.unit}）` : '';
  const common = {
    min: p.min ?? 0,
    ...(p.max !== null ? { max: p.max } : {}),
    step: p.type === 'ratio' ? 0.05 : p.type === 'int' ? 1 : 100,
    status: error ? ('error' as const) : undefined,
  };
  const errorId = `${id}-error`;
  if (p.type === 'moneyByKey') {
    const current = p.current as Record<string, number>;
    const v = (value ?? {}) as Record<string, number | null>;
    return (
      <fieldset className="insight-params" data-parameter={p.id}>
        <legend>
          {name}
          {unit}
        </legend>
        {Object.keys(current).map((k) => (
          <div className="insight-field" key={k}>
            <label htmlFor={`${id}-${k}`}>
              {name} · {k}
            </label>
            <InputNumber
              id={`${id}-${k}`}
              {...common}
              value={v[k] ?? null}
              aria-describedby={error ? errorId : undefined}
              onChange={(x) => onChange({ ...current, ...v, [k]: x })}
            />
            <span className="insight-hint">
              {t('insight.sim.current', { value: money(current[k]!, lang) })}
            </span>
          </div>
        ))}
        {error && (
          <div className="field-error" id={errorId} role="alert">
            {error}
          </div>
        )}
      </fieldset>
    );
  }
  const current = p.current as number;
  return (
    <div className="insight-field" data-parameter={p.id}>
      <label htmlFor={id}>
        {name}
        {unit}
      </label>
      <InputNumber
        id={id}
        {...common}
        value={typeof value === 'number' ? value : null}
        aria-describedby={error ? errorId : undefined}
        onChange={(x) => onChange(x)}
      />
      <span className="insight-hint">
        {t('insight.sim.current', {
          value: p.type === 'money' ? money(current, lang) : current.toLocaleString(),
        })}
      </span>
      {error && (
        <div className="field-error" id={errorId} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

function Result({
  result,
  programme,
  programmeName,
  names,
}: {
  result: SimulationResult;
  programme: string;
  programmeName: string;
  names: ReadonlyMap<string, string>;
}) {
  const { t, lang } = usePrefs();
  const rows = useMemo(() => townshipRows(result, programme, names), [result, programme, names]);
  const total: SimulationCell = result.byProgramme.find((c) => c.programme === programme) ?? {
    programme,
    township: result.scope,
    baseline: { beneficiaries: 0, cost: 0 },
    reform: { beneficiaries: 0, cost: 0 },
  };
  const option = useMemo<EChartsCoreOption>(
    () =>
      barChart(
        rows.map((r) => r.name),
        [
          {
            name: t('insight.sim.currentSide'),
            type: 'bar',
            itemStyle: { color: '#bfbfbf' },
            data: rows.map((r) => r.baseline.cost),
          },
          {
            name: t('insight.sim.reformSide'),
            type: 'bar',
            itemStyle: { color: '#1677ff' },
            data: rows.map((r) => r.reform.cost),
          },
        ],
      ),
    [rows, t],
  );
  type Row = SimulationCell & { name: string; key: string };
  const data: Row[] = [
    ...rows.map((r) => ({ ...r, key: r.township })),
    { ...total, name: t('insight.sim.total'), key: 'total' },
  ];
  return (
    <section className="insight-section" aria-labelledby="insight-sim-result" data-testid="sim-result">
      <h2 id="insight-sim-result" tabIndex={-1}>
        {t('insight.sim.result')}
      </h2>
      <p className="insight-hint">
        {t('insight.sim.resultFor', {
          programme: programmeName,
          subjects: result.subjects,
          date: result.date,
          pack: result.pack,
        })}
      </p>
      {!result.affected.includes(programme) && (
        <Alert type="info" showIcon title={t('insight.sim.notAffected')} />
      )}
      <ul className="insight-cards">
        <li className="insight-card" data-testid="sim-beneficiaries">
          <span className="insight-card-label">{t('insight.sim.beneficiaries')}</span>
          <strong className="insight-card-value">
            {total.baseline.beneficiaries} → {total.reform.beneficiaries}
          </strong>
          <span className="insight-card-note">
            {t('insight.sim.change')}{' '}
            {signed(total.reform.beneficiaries - total.baseline.beneficiaries, lang)}
          </span>
        </li>
        <li className="insight-card" data-testid="sim-cost">
          <span className="insight-card-label">{t('insight.sim.cost')}</span>
          <strong className="insight-card-value">
            {money(total.baseline.cost, lang)} → {money(total.reform.cost, lang)}
          </strong>
          <span className="insight-card-note">
            {t('insight.sim.change')} {signed(total.reform.cost - total.baseline.cost, lang)}
          </span>
        </li>
      </ul>
      {rows.length === 0 ? (
        <EmptyNotice text={t('insight.sim.empty')} />
      ) : (
        <div className="insight-pair">
          <Chart
            option={option}
            label={t('insight.sim.chart')}
            height={barsHeight(rows.length, 40)}
            testId="chart-simulation"
          />
          <TableRegion<Row>
            testId="table-simulation"
            labelledBy="insight-sim-result"
            rowKey="key"
            dataSource={data}
            columns={[
              { title: t('insight.sim.township'), dataIndex: 'name', key: 'name' },
              {
                title: `${t('insight.sim.beneficiaries')} · ${t('insight.sim.currentSide')}`,
                key: 'bb',
                align: 'right',
                render: (_, r) => r.baseline.beneficiaries,
              },
              {
                title: `${t('insight.sim.beneficiaries')} · ${t('insight.sim.reformSide')}`,
                key: 'rb',
                align: 'right',
                render: (_, r) => r.reform.beneficiaries,
              },
              {
                title: `${t('insight.sim.cost')} · ${t('insight.sim.currentSide')}`,
                key: 'bc',
                align: 'right',
                render: (_, r) => money(r.baseline.cost, lang),
              },
              {
                title: `${t('insight.sim.cost')} · ${t('insight.sim.reformSide')}`,
                key: 'rc',
                align: 'right',
                render: (_, r) => money(r.reform.cost, lang),
              },
              {
                title: t('insight.sim.change'),
                key: 'dc',
                align: 'right',
                render: (_, r) => signed(r.reform.cost - r.baseline.cost, lang),
              },
            ]}
          />
        </div>
      )}
    </section>
  );
}

function SimulationForm({ overview, names }: { overview: PackOverview; names: ReadonlyMap<string, string> }) {
  const { t, lang } = usePrefs();
  const programmeId = useId();
  const byId = useMemo(() => new Map(overview.parameters.map((p) => [p.id, p])), [overview]);
  const programmes = useMemo(
    () => overview.programmes.filter((p) => p.kind !== 'service'),
    [overview.programmes],
  );
  const [programme, setProgramme] = useState<string>();
  const [values, setValues] = useState<Record<string, Value>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [result, setResult] = useState<{ programme: string; data: SimulationResult }>();

  const chosen = programmes.find((p) => p.id === programme);
  const params = (chosen?.parameters ?? [])
    .map((id) => byId.get(id))
    .filter((p): p is Parameter => !!p && editable(p));
  const currents = Object.fromEntries(params.map((p) => [p.id, p.current]));
  const programmeName = (p: { name: string; nameEn: string }) => (lang === 'en' ? p.nameEn : p.name);

  const choose = (id: string) => {
    setProgramme(id);
    const p = programmes.find((x) => x.id === id);
    const ps = (p?.parameters ?? [])
      .map((x) => byId.get(x))
      .filter((x): x is Parameter => !!x && editable(x));
    setValues(Object.fromEntries(ps.map((x) => [x.id, x.current as Value])));
    setError(undefined);
    setResult(undefined);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!programme) return;
    const parameters = changedParameters(currents, values);
    setResult(undefined);
    if (!Object.keys(parameters).length) {
      setError(new ApiError(400, 'VALIDATION_FAILED', t('insight.sim.unchanged'), 'parameters'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const data = await api<SimulationResult>('/rules/simulations', {
        method: 'POST',
        body: { parameters, programmes: [programme] },
      });
      setResult({ programme, data });
      requestAnimationFrame(() => document.getElementById('insight-sim-result')?.focus());
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', ''));
    } finally {
      setBusy(false);
    }
  };

  // A field error goes beside its field (`parameters.<id>`); anything else below the form.
  const fieldOf = (p: Parameter) =>
    error?.path && (error.path === `parameters.${p.id}` || error.path.startsWith(`parameters.${p.id}.`))
      ? error.message
      : undefined;
  const placed = params.some((p) => fieldOf(p));

  return (
    <>
      <form className="insight-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="insight-field">
          <label htmlFor={programmeId}>{t('insight.sim.programme')}</label>
          <Select
            id={programmeId}
            showSearch={{ optionFilterProp: 'label' }}
            value={programme}
            placeholder={t('insight.sim.programmePlaceholder')}
            onChange={choose}
            style={{ width: '100%', maxWidth: '24rem' }}
            options={programmes.map((p) => ({ value: p.id, label: programmeName(p) }))}
          />
        </div>
        {chosen &&
          (params.length === 0 ? (
            <EmptyNotice text={t('insight.sim.noParameters')} />
          ) : (
            <fieldset className="insight-params">
              <legend>{t('insight.sim.parameters')}</legend>
              {params.map((p) => (
                <ParameterField
                  key={p.id}
                  p={p}
                  value={values[p.id] ?? null}
                  error={fieldOf(p)}
                  onChange={(v) => setValues((s) => ({ ...s, [p.id]: v }))}
                />
              ))}
            </fieldset>
          ))}
        {error && !placed && <ErrorNotice error={error} />}
        {chosen && params.length > 0 && (
          <div className="insight-actions">
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('insight.sim.run')}
            </Button>
            <Button onClick={() => choose(chosen.id)} disabled={busy}>
              {t('insight.sim.reset')}
            </Button>
          </div>
        )}
      </form>
      {busy && (
        <div className="status" role="status" aria-live="polite">
          {t('insight.sim.running')}
        </div>
      )}
      {result && chosen && result.programme === chosen.id && (
        <Result
          result={result.data}
          programme={chosen.id}
          programmeName={programmeName(chosen)}
          names={names}
        />
      )}
    </>
  );
}

/** 政策测算: change a programme's amounts or thresholds → beneficiaries and cost per township. */
export default function Simulation() {
  const { t } = usePrefs();
  useTitle(t('insight.sim.title'));
  const overview = useApi<PackOverview>('/rules/pack-overview');
  const divisions = useApi<DivisionView[]>('/divisions?parent=211382');
  const names = useMemo(() => new Map((divisions.data ?? []).map((d) => [d.code, d.name])), [divisions.data]);
  return (
    <section className="insight">
      <h1>{t('insight.sim.title')}</h1>
      <p className="insight-hint">{t('insight.sim.intro')}</p>
      {overview.error ? (
        <ErrorNotice error={overview.error} onRetry={overview.reload} />
      ) : divisions.error ? (
        <ErrorNotice error={divisions.error} onRetry={divisions.reload} />
      ) : !overview.data || !divisions.data ? (
        <Loading />
      ) : (
        <SimulationForm overview={overview.data} names={names} />
      )}
    </section>
  );
}
