import { describe } from 'vitest';
import { sqliteHarness } from '../support/central-stores.js';
import { defineSeedScenarios } from './core-scenarios.js';
import { useWorld } from '../support/scenario-world.js';

/** The default central store: an SQLite file of this test file's own. */
const embedded = sqliteHarness();

// The original specification's conflict scenarios again, every device syncing through a hub (HTTP on
// loopback, device tokens) in front of the embedded central store: the same cases, the same expected results
// as seed-scenarios.test.ts.
const world = useWorld(embedded, 'hub');

describe.each([2, 3])(
  'conflict scenarios of the original specification through the hub, %i devices of one user (SQLite)',
  (count) => {
    defineSeedScenarios(world, count);
  },
);
