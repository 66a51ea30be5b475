import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './Layout';
import { usePrefs } from './lib/prefs';
import { Loading } from './lib/status';

// Every page is its own chunk: the first visit loads the shell and the page it lands on.
const Home = lazy(() => import('./pages/Home'));
const Policies = lazy(() => import('./pages/Policies'));
const Guide = lazy(() => import('./pages/Guide'));
const OnSite = lazy(() => import('./pages/OnSite'));
const Calculator = lazy(() => import('./pages/Calculator'));
const Complaint = lazy(() => import('./pages/Complaint'));
const ComplaintTrack = lazy(() => import('./pages/ComplaintTrack'));
const NotFound = lazy(() => import('./pages/NotFound'));
const Login = lazy(() => import('./pages/Login'));
// Self-service after login (citizens, enterprises): its own chunk.
const Self = lazy(() => import('./self/Self'));
// The back office: its own chunks, never loaded by the public pages.
const Office = lazy(() => import('./office/Office'));

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <Home /> },
      { path: '/policies', element: <Policies /> },
      { path: '/policies/:id', element: <Guide /> },
      { path: '/on-site', element: <OnSite /> },
      { path: '/calculator', element: <Calculator /> },
      { path: '/complaints', element: <Complaint /> },
      { path: '/complaints/track', element: <ComplaintTrack /> },
      { path: '/login', element: <Login /> },
      { path: '/me/*', element: <Self /> },
      { path: '*', element: <NotFound /> },
    ],
  },
  {
    path: '/office/*',
    element: (
      <Suspense fallback={<Loading />}>
        <Office />
      </Suspense>
    ),
  },
]);

export function App() {
  const { lang, largeText } = usePrefs();
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{
        token: {
          colorPrimary: '#0b57d0',
          // Darker on hover and press (the default lightens it): white text keeps 4.5:1 contrast.
          colorPrimaryHover: '#0842a0',
          colorPrimaryActive: '#06357f',
          fontSize: largeText ? 20 : 15,
          controlHeight: largeText ? 44 : 36,
          fontFamily: 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
        },
      }}
    >
      <RouterProvider router={router} />
    </ConfigProvider>
  );
}
