import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AuthProvider } from '../lib/auth';
import { useLabels } from '../lib/labels';
import { ErrorNotice, Loading } from '../lib/status';
import Home from './Home';
import './messages';
import './self.css';

// The wizard and the case page load when opened (the home page comes first after a login).
const Apply = lazy(() => import('./Apply'));
const ApplicationPage = lazy(() => import('./ApplicationPage'));
const NotFound = lazy(() => import('../pages/NotFound'));

/** `/me/*`: self-service for citizens and enterprises after login (its own chunk). */
export default function Self() {
  useLabels(); // the label catalogue, loaded once for every page of the area
  return (
    <AuthProvider fallback={(error) => (error ? <ErrorNotice error={error} /> : <Loading />)}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Home />} />
          <Route path="applications/:id" element={<ApplicationPage />} />
          <Route path="apply/:programmeId" element={<Apply />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </AuthProvider>
  );
}
