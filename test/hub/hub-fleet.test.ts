import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { openCentral } from '../../src/central/open-central.js';
import { PFM_NODE_ARGS } from '../support/cli-runner.js';
import { runFleet } from '../support/fleet/fleet.js';
import { startHubProcess, type HubProcess } from '../support/fleet/hub-process.js';

// The fleet of `npm run bench:hub`, small: four devices of two users in two processes of their own log in to a
// real `pfm hub` process (SQLite central store), edit and sync at a quick pace, then all at once; afterwards
// every device holds exactly what the central store holds.
describe('a fleet of device processes through a pfm hub process', () => {
  let root: string;
  let hub: HubProcess;
  let central: CentralStore;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pfm-hub-fleet-'));
    const url = `sqlite:${join(root, 'central.db')}`;
    hub = await startHubProcess({
      pfm: PFM_NODE_ARGS,
      central: url,
      args: ['--port', '0', '--allow-registration', '--log-level', 'warn'],
      dataDir: join(root, 'hub-host'),
    });
    central = await openCentral(url);
  });
  afterAll(async () => {
    await central?.close();
    await hub?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('every device converges to the central store', async () => {
    const result = await runFleet({
      hubUrl: hub.url,
      central,
      dir: join(root, 'devices'),
      processes: 2,
      devices: 4,
      users: 2,
      password: 'a-long-household-passphrase',
      pace: { minIntervalMs: 300, maxIntervalMs: 900, maxEdits: 3, burstChance: 0.1, burstEdits: [10, 20] },
      pacedMs: 6_000,
      bursts: 2,
      soloSyncs: 3,
      seed: 11,
    });
    expect(result.paced.failures).toEqual([]);
    expect(result.burst.failures).toEqual([]);
    expect(result.solo.syncs).toBe(3);
    expect(result.solo.failures).toEqual([]);
    expect(result.settleFailures).toEqual([]);
    // Every device synced several times at its pace, and each saw the others' edits.
    expect(result.paced.syncs).toBeGreaterThanOrEqual(4 * 4);
    expect(result.paced.pulled).toBeGreaterThan(0);
    expect(result.burst.syncs).toBe(4 * 2);
    expect(result.differing).toEqual([]);
    expect(result.users.map((u) => u.devicesEqual)).toEqual([2, 2]);
  }, 120_000);
});
