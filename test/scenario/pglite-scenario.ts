import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { pgliteHarness } from '../contract/central-harness.js';
import { Device, direct, TestClock } from './sync-harness.js';

/**
 * The set-up scenario files share: one PGlite central store per file, emptied before each test, a fresh clock
 * per test, and devices that a test opens (closed after it). Call at the top of a test file.
 */
export function pgliteScenario(): {
  central: () => CentralStore;
  clock: () => TestClock;
  device: (name: string) => Device;
} {
  let central: CentralStore | undefined;
  let clock = new TestClock();
  let devices: Device[] = [];
  const store = () => {
    if (!central) throw new Error('the central store is opened in beforeAll');
    return central;
  };
  beforeAll(async () => {
    central = await pgliteHarness.setup(() => undefined);
  });
  afterAll(async () => {
    if (central) await pgliteHarness.teardown(central);
  });
  beforeEach(async () => {
    await pgliteHarness.reset(store());
    clock = new TestClock();
    devices = [];
  });
  afterEach(() => devices.forEach((d) => d.close()));
  return {
    central: store,
    clock: () => clock,
    device(name) {
      const d = new Device(name, direct(store, clock.now), clock);
      devices.push(d);
      return d;
    },
  };
}
