import { Route, Routes } from 'react-router';
import { useT } from '../../lib/prefs';
import { ApplicationPage } from './ApplicationPage';
import { Worklist } from './Worklist';
import './messages';
import './cases.css';

/** `/office/cases/*`: the worklist (`''`) and one application (`:id`). */
export default function Cases() {
  const t = useT();
  return (
    <Routes>
      <Route index element={<Worklist />} />
      <Route path=":id" element={<ApplicationPage />} />
      <Route path="*" element={<p role="status">{t('office.notFound')}</p>} />
    </Routes>
  );
}
