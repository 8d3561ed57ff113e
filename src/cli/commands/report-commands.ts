import type { Command } from 'commander';
import type { CentralStore } from '../../central/central-store.js';
import type { AccountBalanceReport, NetWorthReport } from '../../domain/accounts.js';
import { addMonths, monthRange, toIsoMonth } from '../../domain/dates.js';
import type { User } from '../../domain/entities.js';
import { formatMoney } from '../../domain/money.js';
import type {
  BudgetReport,
  CategoryReport,
  GoalReport,
  MonthlySummary,
  TagReport,
  TrendReport,
} from '../../domain/reports.js';
import type { CliContext } from '../cli-context.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { check } from '../input-schemas.js';
import { formatTable } from '../table-output.js';
import { UsageError } from '../cli-errors.js';
import { categoryLabel, categoryLabeller } from '../category-labels.js';

interface ReportOptions {
  user: string;
  month?: string;
  from?: string;
  to?: string;
  asOf?: string;
}

// Months a net-worth report shows when --from is not given: a year up to --to.
const NET_WORTH_MONTHS = 12;

const BAR_WIDTH = 30;

export function registerReportCommands(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('monthly | categories | tags | budgets | goals | trend | balances | networth')
    .argument('<name>', 'which report')
    .requiredOption('--user <user>', 'user name or id')
    .option('--month <month>', 'YYYY-MM (default: this month)')
    .option(
      '--from <date>',
      'categories, tags: first date (default: start of --month); networth: first month YYYY-MM',
    )
    .option(
      '--to <date>',
      'categories, tags: last date (default: end of --month); networth: last month (default: --month)',
    )
    .option('--as-of <date>', 'balances: at the end of this day (default: today)')
    .addHelpText(
      'after',
      '\nWith --central, the central store computes the report (SQL functions / PL/SQL package).',
    )
    .action(
      action<ReportOptions>(io, async (ctx, [name], opts) => {
        const user = ctx.users.resolve(opts.user);
        // --central (bare or with a URL) asks the central store for the report instead of this device.
        const central = ctx.options.central === undefined ? null : await ctx.openCentral();
        try {
          await printReport(ctx, central, user, String(name), opts);
        } finally {
          await central?.close();
        }
      }),
    );
}

async function printReport(
  ctx: CliContext,
  central: CentralStore | null,
  user: User,
  name: string,
  opts: ReportOptions,
): Promise<void> {
  const reports = central ? central.reports : ctx.reports;
  const month =
    opts.month === undefined ? toIsoMonth(ctx.store.now()) : await check((s) => s.isoMonth, opts.month);
  const fmt = (n: number) => formatMoney(n, user.currency, user.locale);
  switch (name) {
    case 'monthly':
      return show(ctx, await reports.monthly(user.id, month), (r) => monthlyText(r, fmt));
    case 'categories':
    case 'tags': {
      const range = monthRange(month);
      const from = opts.from === undefined ? range.from : await check((s) => s.isoDate('from'), opts.from);
      const to = opts.to === undefined ? range.to : await check((s) => s.isoDate('to'), opts.to);
      if (name === 'tags') return show(ctx, await reports.tags(user.id, from, to), (r) => tagsText(r, fmt));
      return show(ctx, await reports.categories(user.id, from, to), (r) => categoriesText(r, fmt));
    }
    case 'budgets':
      return show(ctx, await reports.budgets(user.id, month), (r) =>
        budgetsText(r, fmt, categoryLabeller(ctx, user.id)),
      );
    case 'goals':
      return show(ctx, await reports.goals(user.id, ctx.today()), (r) => goalsText(r, fmt));
    case 'trend':
      return show(ctx, await reports.trend(user.id, month), (r) => trendText(r, fmt));
    case 'balances': {
      const asOf = opts.asOf === undefined ? ctx.today() : await check((s) => s.isoDate('as-of'), opts.asOf);
      return show(ctx, await reports.balances(user.id, asOf), (r) => balancesText(r, fmt));
    }
    case 'networth': {
      const to = opts.to === undefined ? month : await check((s) => s.isoMonth, opts.to);
      const from =
        opts.from === undefined
          ? addMonths(to, 1 - NET_WORTH_MONTHS)
          : await check((s) => s.isoMonth, opts.from);
      return show(ctx, await reports.netWorth(user.id, from, to), (r) => netWorthText(r, fmt));
    }
    default:
      throw new UsageError(
        `unknown report "${name}": use monthly, categories, tags, budgets, goals, trend, balances or networth`,
      );
  }
}

function show<R>(ctx: CliContext, report: R, text: (r: R) => string): void {
  emit(ctx, report, () => text(report));
}

function monthlyText(r: MonthlySummary, fmt: (n: number) => string): string {
  return formatTable(
    ['month', 'income', 'expenses', 'net', 'savings rate'],
    [
      [
        r.month,
        fmt(r.income),
        fmt(r.expenses),
        fmt(r.net),
        r.savingsRate === null ? '-' : `${r.savingsRate}%`,
      ],
    ],
  );
}

function categoriesText(r: CategoryReport, fmt: (n: number) => string): string {
  const top = Math.max(1, ...r.categories.map((c) => c.total));
  return (
    `Spending ${r.from} to ${r.to}: ${fmt(r.total)}\n` +
    formatTable(
      ['category', 'total', 'share', 'count', ''],
      r.categories.map((c) => [
        categoryLabel(c.name, c.deleted),
        fmt(c.total),
        `${c.share}%`,
        String(c.count),
        bar(c.total, top),
      ]),
    )
  );
}

function tagsText(r: TagReport, fmt: (n: number) => string): string {
  // A row with several tags counts under each, so the tags do not add up to the period's totals.
  const top = Math.max(1, ...r.tags.map((t) => t.expenses));
  return (
    `By tag ${r.from} to ${r.to}\n` +
    formatTable(
      ['tag', 'expenses', 'income', 'count', ''],
      r.tags.map((t) => [t.tag, fmt(t.expenses), fmt(t.income), String(t.count), bar(t.expenses, top)]),
    )
  );
}

function budgetsText(
  r: BudgetReport,
  fmt: (n: number) => string,
  label: (categoryId: string, name: string) => string,
): string {
  // Spending no budget covers is listed too, so the table adds up to what was spent.
  const table = formatTable(
    ['category', 'limit', 'carried', 'spent', 'remaining', 'available', 'used', 'status', 'rollover'],
    [
      ...r.budgets.map((b) => [
        label(b.categoryId, b.category),
        fmt(b.limit),
        fmt(b.carried),
        fmt(b.spent),
        fmt(b.remaining),
        fmt(b.available),
        `${b.percent}%`,
        b.status,
        b.rollover ? 'on' : 'off',
      ]),
      ...r.unbudgetedCategories.map((c) => [
        label(c.categoryId, c.name),
        '',
        '',
        fmt(c.spent),
        '',
        '',
        '',
        'no budget',
        '',
      ]),
    ],
  );
  const budgeted = r.totalSpent - r.unbudgeted;
  return `${table}${fmt(r.totalSpent)} spent, ${fmt(budgeted)} of it budgeted\n`;
}

function goalsText(r: GoalReport, fmt: (n: number) => string): string {
  return formatTable(
    ['goal', 'saved', 'target', 'done', 'target date', 'a month', 'projected', 'on track'],
    r.goals.map((g) => [
      g.name,
      fmt(g.saved),
      fmt(g.target),
      `${g.percent}%`,
      g.targetDate ?? '',
      // What to save each month to reach it by the target date.
      g.neededPerMonth === null ? '' : fmt(g.neededPerMonth),
      g.projectedDate ?? '',
      g.onTrack === null ? '' : g.onTrack ? 'yes' : 'no',
    ]),
  );
}

function balancesText(r: AccountBalanceReport, fmt: (n: number) => string): string {
  const table = formatTable(
    ['account', 'kind', 'balance', 'archived'],
    r.accounts.map((a) => [a.name, a.kind, fmt(a.balance), a.archived ? 'yes' : '']),
  );
  return `Balances at the end of ${r.asOf}\n${table}Net worth: ${fmt(r.total)}\n`;
}

function netWorthText(r: NetWorthReport, fmt: (n: number) => string): string {
  return formatTable(
    ['month', ...r.accounts.map((a) => a.name), 'net worth'],
    r.months.map((m) => [m.month, ...m.balances.map(fmt), fmt(m.total)]),
  );
}

function trendText(r: TrendReport, fmt: (n: number) => string): string {
  const top = Math.max(1, ...r.months.map((m) => Math.max(m.income, m.expenses)));
  return formatTable(
    ['month', 'income', 'expenses', 'net', 'expenses'],
    r.months.map((m) => [m.month, fmt(m.income), fmt(m.expenses), fmt(m.net), bar(m.expenses, top)]),
  );
}

/** A terminal bar chart cell: people compare lengths faster than figures. */
function bar(value: number, top: number): string {
  return '#'.repeat(Math.round((BAR_WIDTH * Math.max(0, value)) / top));
}
