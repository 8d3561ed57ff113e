import { Suspense, use, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/ui';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { usePageModules, type PageComponent, type PageName } from './page-modules';

/** The page of a route (the part of the URL after `#`). */
export function Page({ route }: { route: string }) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Loading label={t('app.openingPage')} />}>
      <RoutePage route={route} />
    </Suspense>
  );
}

/** A page from its own chunk: rendered at once when the chunk is here, else after "Opening the page…". */
function Chunk<K extends PageName>({
  name,
  render,
}: {
  name: K;
  render: (page: PageComponent<K>) => ReactNode;
}) {
  return render(use(usePageModules().load(name)));
}

function RoutePage({ route }: { route: string }) {
  const { t } = useTranslation();
  const [path] = route.split('?');
  if (path === '/' || path === '') return <DashboardPage />;
  if (path === '/expenses')
    return <Chunk name="transactions" render={(P) => <P key="expense" kind="expense" />} />;
  if (path === '/income')
    return <Chunk name="transactions" render={(P) => <P key="income" kind="income" />} />;
  if (path === '/accounts') return <Chunk name="accounts" render={(P) => <P />} />;
  if (path?.startsWith('/accounts/')) {
    const id = path.slice('/accounts/'.length);
    return <Chunk name="register" render={(P) => <P key={id} accountId={id} />} />;
  }
  if (path === '/categories') return <Chunk name="categories" render={(P) => <P />} />;
  if (path === '/budgets') return <Chunk name="budgets" render={(P) => <P />} />;
  if (path === '/goals') return <Chunk name="goals" render={(P) => <P />} />;
  if (path === '/schedules') return <Chunk name="schedules" render={(P) => <P />} />;
  if (path?.startsWith('/reports'))
    return <Chunk name="reports" render={(P) => <P report={path.split('/')[2] ?? 'monthly'} />} />;
  if (path === '/sync') return <Chunk name="sync" render={(P) => <P />} />;
  if (path === '/import') return <Chunk name="import" render={(P) => <P />} />;
  return (
    <div className="not-found">
      <h1>{t('app.notFound')}</h1>
      <a href="#/">{t('app.backToDashboard')}</a>
    </div>
  );
}
