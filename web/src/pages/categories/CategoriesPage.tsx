import { useTranslation } from 'react-i18next';
import { useCategories } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { Card, EmptyState } from '../../components/ui';
import { CategoryRow } from './CategoryRow';
import { NewCategoryForm } from './NewCategoryForm';
import { PageFrame } from '../../components/PageFrame';

export function CategoriesPage() {
  const { t } = useTranslation();
  const list = useCategories();
  return (
    <PageFrame testId="page-categories" title={t('nav.categories')} subtitle={t('categories.subtitle')}>
      <NewCategoryForm />
      <QueryState query={list}>
        {(all) => (
          <div className="grid-2">
            {(['expense', 'income'] as const).map((k) => {
              const live = all.filter((c) => c.kind === k && !c.deleted);
              return (
                <Card key={k} title={t(`categories.title.${k}`)} data-testid={`categories-${k}`}>
                  {live.length === 0 ? (
                    <EmptyState icon="categories" title={t('categories.none')} />
                  ) : (
                    <ul className="category-list">
                      {[...live]
                        .sort((a, b) => a.name.localeCompare(b.name))
                        .map((c) => (
                          <CategoryRow key={c.id} category={c} />
                        ))}
                    </ul>
                  )}
                </Card>
              );
            })}
          </div>
        )}
      </QueryState>
    </PageFrame>
  );
}
