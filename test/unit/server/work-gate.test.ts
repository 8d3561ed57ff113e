import { describe, expect, it } from 'vitest';
import { WorkGate } from '../../../src/server/work-gate.js';

describe('WorkGate', () => {
  it('runs at most `concurrency` at once, queues `queue` more, and refuses the rest without running them', async () => {
    const gate = new WorkGate(2, 1);
    let active = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const task = () =>
      gate.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((r) => releases.push(r));
        active--;
        return 'done';
      });
    const first = task();
    const second = task();
    const third = task(); // queued
    let refusedRan = false;
    const fourth = await gate.run(async () => {
      refusedRan = true;
      return 'ran';
    });
    expect(fourth).toBeNull();
    expect(refusedRan).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(releases).toHaveLength(2); // the third waits for a slot
    releases.shift()?.();
    expect(await first).toBe('done');
    await new Promise((r) => setImmediate(r));
    expect(releases).toHaveLength(2); // the third got the freed slot
    releases.splice(0).forEach((r) => r());
    expect(await Promise.all([second, third])).toEqual(['done', 'done']);
    expect(peak).toBe(2);
    expect(await gate.run(async () => 'free again')).toBe('free again');
  });

  it('frees the slot when a task fails', async () => {
    const gate = new WorkGate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'next')).toBe('next');
  });
});
