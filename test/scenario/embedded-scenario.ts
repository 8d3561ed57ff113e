import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { sqliteHarness } from '../support/central-stores.js';
import { Device, direct, TestClock } from '../support/devices.js';

/**
 * The set-up scenario files share: one central store on the default (an SQLite file) per file, emptied before
 * each test, a fresh clock
 * per test, and devices that a test opens (closed after it). Call at the top of a test file.
 */
export function embeddedScenario(): {
  central: () => CentralStore;
  clock: () => TestClock;
  device: (name: string) => Device;
} {
  const embedded = sqliteHarness();
  let central: CentralStore | undefined;
  let clock = new TestClock();
  let devices: Device[] = [];
  const store = () => {
    if (!central) throw new Error('the central store is opened in beforeAll');
    return central;
  };
  beforeAll(async () => {
    central = await embedded.setup(() => undefined);
  });
  afterAll(async () => {
    if (central) await embedded.teardown(central);
  });
  beforeEach(async () => {
    await embedded.reset(store());
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
