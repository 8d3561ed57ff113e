import { useCategories } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { Card, EmptyState } from '../../components/ui';
import { CategoryRow } from './CategoryRow';
import { NewCategoryForm } from './NewCategoryForm';
import { PageFrame } from '../../components/PageFrame';

export function CategoriesPage() {
  const list = useCategories();
  return (
    <PageFrame
      testId="page-categories"
      title="Categories"
      subtitle="Group your spending and income the way you think about it."
    >
      <NewCategoryForm />
      <QueryState query={list}>
        {(all) => (
          <div className="grid-2">
            {(['expense', 'income'] as const).map((k) => {
              const live = all.filter((c) => c.kind === k && !c.deleted);
              return (
                <Card
                  key={k}
                  title={k === 'expense' ? 'Expense categories' : 'Income categories'}
                  data-testid={`categories-${k}`}
                >
                  {live.length === 0 ? (
                    <EmptyState icon="categories" title="None yet" />
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
