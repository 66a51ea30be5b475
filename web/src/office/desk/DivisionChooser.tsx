import { useEffect } from 'react';
import { useApi } from '../../lib/api';
import { useT } from '../../lib/prefs';
import type { DivisionItem } from '../../lib/types';
import { described } from '../../lib/form';
import { useDivisionName } from './ui';

const COUNTY = '211382';

/**
 * Where a person lives, limited to the clerk's jurisdiction: a village clerk's village is fixed, a
 * township officer chooses among the township's villages, a city officer chooses the township first.
 * The value is the village code (or the township's when it has no villages); '' until chosen.
 */
export function DivisionChooser({
  id,
  jurisdiction,
  value,
  onChange,
  error,
}: {
  id: string;
  jurisdiction: string;
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}) {
  const t = useT();
  const fixedVillage = jurisdiction.length >= 12;
  const fixedTownship = jurisdiction.length === 9 ? jurisdiction : null;
  const township = fixedTownship ?? (value.length >= 9 ? value.slice(0, 9) : '');
  const townships = useApi<DivisionItem[]>(
    !fixedVillage && !fixedTownship ? `/divisions?parent=${jurisdiction || COUNTY}` : null,
  );
  const villages = useApi<DivisionItem[]>(!fixedVillage && township ? `/divisions?parent=${township}` : null);
  const villageName = useDivisionName(fixedVillage ? jurisdiction : null);
  const townshipName = useDivisionName(fixedTownship);

  useEffect(() => {
    if (fixedVillage && value !== jurisdiction) onChange(jurisdiction);
  }, [fixedVillage, jurisdiction, value, onChange]);

  if (fixedVillage)
    return (
      <p className="desk-fixed" id={id}>
        {villageName ?? jurisdiction}
      </p>
    );
  const hasVillages = (villages.data?.length ?? 0) > 0;
  return (
    <div className="desk-division">
      {fixedTownship ? (
        <p className="desk-fixed">{townshipName ?? fixedTownship}</p>
      ) : (
        <select
          id={`${id}-township`}
          className="native-select"
          aria-label={t('desk.township')}
          value={township}
          onChange={(e) => onChange(e.target.value)}
          {...described(id, false, error)}
        >
          <option value="">{t('desk.chooseTownship')}</option>
          {townships.data?.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      )}
      <select
        id={id}
        className="native-select"
        aria-label={t('desk.village')}
        value={value.length >= 12 ? value : ''}
        disabled={!township || villages.loading || !hasVillages}
        onChange={(e) => onChange(e.target.value || township)}
        {...described(id, false, error)}
      >
        <option value="">
          {villages.loading
            ? t('common.loading')
            : hasVillages
              ? t('desk.chooseVillage')
              : t('desk.noVillages')}
        </option>
        {villages.data?.map((d) => (
          <option key={d.code} value={d.code}>
            {d.name}
          </option>
        ))}
      </select>
    </div>
  );
}
