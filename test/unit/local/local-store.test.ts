import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClockError, formatHlc, isHlc } from '../../../src/domain/hlc.js';
import { CategoryRepository } from '../../../src/local/category-repository.js';
import { LocalStore } from '../../../src/local/local-store.js';
import { UserRepository } from '../../../src/local/user-repository.js';

const T0 = new Date('2026-11-25T10:00:00.000Z');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pfm-store-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function allHlcs(store: LocalStore): string[] {
  const rows = store.db.prepare('SELECT hlc FROM app_user UNION ALL SELECT hlc FROM category').all() as {
    hlc: string;
  }[];
  return rows.map((r) => r.hlc);
}

describe('LocalStore clock', () => {
  it('survives a reopen: new clocks sort after the old ones even when the wall clock went back', () => {
    const path = join(dir, 'device', 'pfm.sqlite');
    const first = LocalStore.open({ path, now: () => T0 });
    const user = new UserRepository(first).create({ name: 'alice', currency: 'EUR', locale: 'en-US' });
    const deviceId = first.deviceId;
    const before = allHlcs(first);
    first.close();

    // The machine's clock is now an hour behind.
    const earlier = new Date(T0.getTime() - 3_600_000);
    const second = LocalStore.open({ path, now: () => earlier });
    try {
      expect(second.deviceId).toBe(deviceId);
      const pets = new CategoryRepository(second).create(user.id, 'Pets', 'expense');
      const hlc = (second.db.prepare('SELECT hlc FROM category WHERE id = ?').get(pets.id) as { hlc: string })
        .hlc;
      for (const old of before) expect(hlc > old, `${hlc} > ${old}`).toBe(true);
      expect(hlc.endsWith(deviceId)).toBe(true);
      expect(second.nextHlc() > hlc).toBe(true);
    } finally {
      second.close();
    }
  });

  it('keeps one device id per database, a new one for another database', () => {
    const a = LocalStore.open({ path: join(dir, 'a.sqlite'), now: () => T0 });
    const b = LocalStore.open({ path: join(dir, 'b.sqlite'), now: () => T0 });
    try {
      expect(a.deviceId).toMatch(/^[0-9a-f]{16}$/);
      expect(b.deviceId).not.toBe(a.deviceId);
    } finally {
      a.close();
      b.close();
    }
  });

  it('makes strictly increasing, valid clocks ending with the device id', () => {
    const store = LocalStore.open({ path: ':memory:', now: () => T0 });
    try {
      let previous = '';
      for (let i = 0; i < 200; i++) {
        const hlc = store.nextHlc();
        expect(isHlc(hlc)).toBe(true);
        expect(hlc.endsWith(`-${store.deviceId}`)).toBe(true);
        expect(hlc > previous).toBe(true);
        previous = hlc;
      }
      expect(previous.startsWith(T0.toISOString())).toBe(true);
    } finally {
      store.close();
    }
  });

  it('moves past an observed clock from another device, persisting it', () => {
    const path = join(dir, 'pfm.sqlite');
    const store = LocalStore.open({ path, now: () => T0 });
    const remote = formatHlc({ millis: T0.getTime() + 120_000, counter: 5, node: 'ffffffffffffffff' });
    store.observeHlc(remote);
    const next = store.nextHlc();
    expect(next > remote).toBe(true);
    store.close();
    const again = LocalStore.open({ path, now: () => T0 });
    try {
      expect(again.nextHlc() > next).toBe(true);
    } finally {
      again.close();
    }
  });

  it('refuses to observe a clock more than 5 minutes ahead, and keeps its own clock', () => {
    const store = LocalStore.open({ path: ':memory:', now: () => T0 });
    try {
      const mine = store.nextHlc();
      const remote = formatHlc({ millis: T0.getTime() + 10 * 60_000, counter: 0, node: 'ffffffffffffffff' });
      expect(() => store.observeHlc(remote)).toThrow(ClockError);
      expect(() => store.observeHlc(remote)).toThrow(/ahead/);
      const next = store.nextHlc();
      expect(next > mine).toBe(true);
      expect(next < remote).toBe(true);
    } finally {
      store.close();
    }
  });
});
