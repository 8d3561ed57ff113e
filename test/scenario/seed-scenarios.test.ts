import { describe } from 'vitest';
import { sqliteHarness } from '../support/central-stores.js';
import { defineSeedScenarios } from './core-scenarios.js';
import { useWorld } from '../support/scenario-world.js';

/** The default central store: an SQLite file of this test file's own. */
const embedded = sqliteHarness();

// The six conflict scenarios of the original specification on the embedded central store, one SQLite file per
// file, reset between cases. The same cases run on the PostgreSQL server in finance-cases.test.ts.
const world = useWorld(embedded);

describe.each([2, 3])(
  'conflict scenarios of the original specification, %i devices of one user (SQLite)',
  (count) => {
    defineSeedScenarios(world, count);
  },
);
