import { describe, it, expect } from 'vitest';
import { hlcZero } from '../../../src/domain/hlc.js';
import {
  budgetIdFor,
  categoryIdFor,
  isId,
  naturalId,
  newDeviceId,
  newId,
  userIdFor,
} from '../../../src/domain/ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The millisecond timestamp in the first 48 bits of a UUIDv7. */
const millisOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('newId', () => {
  it('makes lowercase UUIDv7 text', () => {
    for (let i = 0; i < 100; i++) {
      const id = newId();
      expect(id).toMatch(UUID_V7);
      expect(isId(id)).toBe(true);
    }
  });

  it('carries the creation time, so ids sort by time', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(millisOf(id)).toBeGreaterThanOrEqual(before);
    expect(millisOf(id)).toBeLessThanOrEqual(after);
  });

  it('sorts ids made one after another in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('orders ids made in later milliseconds after earlier ones', async () => {
    const first = newId();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = newId();
    expect(millisOf(second)).toBeGreaterThan(millisOf(first));
    expect(second > first).toBe(true);
  });
});

describe('naturalId', () => {
  it('is deterministic: the same key gives the same id on every call', () => {
    expect(naturalId('category', 'u1', 'expense', 'food')).toBe(
      naturalId('category', 'u1', 'expense', 'food'),
    );
    expect(naturalId('category', 'u1', 'expense', 'food')).toMatch(UUID_V5);
    expect(isId(naturalId('x'))).toBe(true);
  });

  it('is distinct per key', () => {
    const ids = [
      naturalId('category', 'u1', 'expense', 'food'),
      naturalId('category', 'u1', 'income', 'food'),
      naturalId('category', 'u2', 'expense', 'food'),
      naturalId('category', 'u1', 'expense', 'Food'),
      naturalId('budget', 'u1', 'expense', 'food'),
      // Joining the parts must not make ("ab","c") and ("a","bc") the same key.
      naturalId('k', 'ab', 'c'),
      naturalId('k', 'a', 'bc'),
      naturalId('k', 'abc'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is not a time-ordered id', () => {
    expect(naturalId('app_user', 'alice')).not.toMatch(UUID_V7);
  });
});

describe('userIdFor / categoryIdFor / budgetIdFor', () => {
  it('gives one user id per name, whatever the case and surrounding spaces', () => {
    const id = userIdFor('Alice');
    expect(userIdFor('alice')).toBe(id);
    expect(userIdFor('ALICE')).toBe(id);
    expect(userIdFor('  aLiCe ')).toBe(id);
    expect(userIdFor('Alicia')).not.toBe(id);
    expect(userIdFor('Al ice')).not.toBe(id);
  });

  it('gives one category id per user, kind and name (case-insensitive)', () => {
    const u = userIdFor('alice');
    const food = categoryIdFor(u, 'expense', 'Food');
    expect(categoryIdFor(u, 'expense', ' food ')).toBe(food);
    expect(categoryIdFor(u, 'income', 'Food')).not.toBe(food);
    expect(categoryIdFor(userIdFor('bob'), 'expense', 'Food')).not.toBe(food);
  });

  it('gives one budget id per user, category and month', () => {
    const u = userIdFor('alice');
    const c = categoryIdFor(u, 'expense', 'Food');
    const id = budgetIdFor(u, c, '2026-11');
    expect(budgetIdFor(u, c, '2026-11')).toBe(id);
    expect(budgetIdFor(u, c, '2026-12')).not.toBe(id);
    expect(budgetIdFor(u, categoryIdFor(u, 'expense', 'Housing'), '2026-11')).not.toBe(id);
    expect(budgetIdFor(userIdFor('bob'), c, '2026-11')).not.toBe(id);
  });
});

describe('isId and device ids', () => {
  it('refuses text that is not a UUID', () => {
    for (const s of ['', 'abc', '123', 'not-a-uuid', `${newId()}x`, "1' OR '1'='1"])
      expect(isId(s), s).toBe(false);
  });

  it('makes random 16-hex-digit device ids that an HLC accepts', () => {
    const ids = Array.from({ length: 200 }, () => newDeviceId());
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{16}$/);
      expect(hlcZero(id).node).toBe(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
