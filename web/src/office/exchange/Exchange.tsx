import { Route, Routes } from 'react-router';
import { usePrefs } from '../../lib/prefs';
import Exports from './Exports';
import Flags from './Flags';
import ImportPage from './ImportPage';
import Imports from './Imports';
import { SubNav } from './parts';
import './messages';
import './exchange.css';

/** 数据交换: department lists loaded and matched, their candidates reviewed, and cross-check flags. */
export default function Exchange() {
  const { t } = usePrefs();
  return (
    <div className="exchange">
      <SubNav />
      <Routes>
        <Route index element={<Imports />} />
        <Route path="imports/:id" element={<ImportPage />} />
        <Route path="flags" element={<Flags />} />
        <Route path="exports" element={<Exports />} />
        <Route path="*" element={<p role="status">{t('office.notFound')}</p>} />
      </Routes>
    </div>
  );
}
