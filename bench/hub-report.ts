import type { Measurement } from './report.js';
import { fmtMs } from './stats.js';

/** The section of `npm run bench` for a device syncing with PostgreSQL through one hub (bench/hub-target.ts). */
export const HUB_TARGET = 'PostgreSQL through one hub';

/** The measurements' ids: 100 rows changed of `rows`, and a sync with nothing to do, at `rows`. */
export const hubIncrementalId = 'hub-incr-pfm-100';
export const hubNoopId = (rows: number) => `hub-noop-pfm-${rows}`;

/** The targets of a sync through a hub: incremental ≤ 8 ms, no-op ≤ 2 ms (medians). */
export function hubChecks(
  results: readonly Measurement[],
  rows: number,
): { what: string; target: string; value: string; met: boolean | null }[] {
  const check = (id: string, limit: number, what: string) => {
    const m = results.find((r) => r.target === HUB_TARGET && r.id === id);
    return {
      what,
      target: `≤ ${limit} ms`,
      value: m ? fmtMs(m.pfm.median) : 'not measured',
      met: m ? m.pfm.median <= limit : null,
    };
  };
  return [
    check(hubIncrementalId, 8, 'incremental sync through a hub, 100 rows'),
    check(hubNoopId(rows), 2, `no-op sync through a hub, ${rows.toLocaleString('en-US')} rows`),
  ];
}
