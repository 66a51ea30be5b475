import { Input, InputNumber, Radio, Select } from 'antd';
import { usePrefs } from '../lib/prefs';
import type { Answers, FieldProblem } from './facts';
import { isPercent } from './facts';
import { factLabel, optionLabel } from './labels';
import type { FactField } from './types';

const fieldId = (path: string) => `fact-${path.replace(/\./g, '-')}`;

function problemText(t: ReturnType<typeof usePrefs>['t'], p: FieldProblem): string {
  switch (p.key) {
    case 'required':
      return t('self.wiz.required');
    case 'invalidNumber':
      return t('self.wiz.invalidNumber');
    case 'invalidDate':
      return t('self.wiz.invalidDate');
    case 'tooSmall':
      return t('self.wiz.tooSmall', { min: p.min });
    case 'tooLarge':
      return t('self.wiz.tooLarge', { max: p.max });
  }
}

function Question({
  field,
  value,
  onChange,
  problem,
  serverError,
}: {
  field: FactField;
  value: unknown;
  onChange: (v: unknown) => void;
  problem?: FieldProblem | undefined;
  serverError?: string | undefined;
}) {
  const { t } = usePrefs();
  const id = fieldId(field.path);
  const label = factLabel(t, field.path);
  const errorText = serverError ?? (problem ? problemText(t, problem) : undefined);
  const errId = `${id}-error`;
  const aria = {
    'aria-invalid': errorText ? true : undefined,
    'aria-describedby': errorText ? errId : undefined,
  } as const;
  let control;
  if (field.type === 'boolean') {
    control = (
      <Radio.Group
        value={value}
        onChange={(e) => onChange(e.target.value)}
        options={[
          { value: true, label: t('self.yes') },
          { value: false, label: t('self.no') },
        ]}
        {...aria}
      />
    );
  } else if (field.type === 'enum') {
    const options = (field.options ?? []).map((o) => ({ value: o, label: optionLabel(t, o) }));
    control =
      options.length <= 4 ? (
        <Radio.Group value={value} onChange={(e) => onChange(e.target.value)} options={options} {...aria} />
      ) : (
        <Select
          id={id}
          value={value as string | undefined}
          onChange={onChange}
          options={options}
          placeholder={t('self.select')}
          aria-label={label}
          style={{ width: '100%', maxWidth: '20rem' }}
          status={errorText ? 'error' : undefined}
          {...aria}
        />
      );
  } else if (field.type === 'integer' || field.type === 'number') {
    control = (
      <InputNumber
        id={id}
        value={value as number | undefined}
        onChange={(v) => onChange(v ?? undefined)}
        min={isPercent(field) ? 0 : field.min}
        max={isPercent(field) ? 100 : field.max}
        precision={field.type === 'integer' ? 0 : 2}
        suffix={isPercent(field) ? '%' : undefined}
        style={{ width: '100%', maxWidth: '14rem' }}
        status={errorText ? 'error' : undefined}
        inputMode={field.type === 'integer' ? 'numeric' : 'decimal'}
        {...aria}
      />
    );
  } else if (field.type === 'date') {
    control = (
      <Input
        id={id}
        type="date"
        value={(value as string | undefined) ?? ''}
        onChange={(e) => onChange(e.target.value)}
        style={{ maxWidth: '14rem' }}
        status={errorText ? 'error' : undefined}
        {...aria}
      />
    );
  } else {
    control = (
      <Input
        id={id}
        value={(value as string | undefined) ?? ''}
        onChange={(e) => onChange(e.target.value)}
        maxLength={50}
        style={{ maxWidth: '24rem' }}
        status={errorText ? 'error' : undefined}
        {...aria}
      />
    );
  }
  const grouped = field.type === 'boolean' || (field.type === 'enum' && (field.options?.length ?? 0) <= 4);
  return (
    <div className="self-question" data-fact={field.path}>
      {grouped ? (
        <fieldset>
          <legend>{label}</legend>
          {control}
        </fieldset>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          {control}
        </>
      )}
      {errorText && (
        <div id={errId} className="field-error" role="alert">
          {errorText}
        </div>
      )}
    </div>
  );
}

/** The questions of an application, one control per fact, its error beside it. */
export function Questions({
  fields,
  answers,
  onChange,
  problems,
  serverErrors,
}: {
  fields: readonly FactField[];
  answers: Answers;
  onChange: (path: string, v: unknown) => void;
  problems: Record<string, FieldProblem>;
  serverErrors?: Record<string, string>;
}) {
  return (
    <div className="self-questions">
      {fields.map((f) => (
        <Question
          key={f.path}
          field={f}
          value={answers[f.path]}
          onChange={(v) => onChange(f.path, v)}
          problem={problems[f.path]}
          serverError={serverErrors?.[f.path]}
        />
      ))}
    </div>
  );
}
