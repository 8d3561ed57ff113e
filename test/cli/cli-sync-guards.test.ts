import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PUSH_ROWS } from '../../src/sync/apply-push.js';
import { spawnCli, tempDataDir } from './cli-harness.js';

describe('pfm sync refuses what cannot work, up front (real processes)', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => {
    data = tempDataDir();
  });
  afterEach(() => data.dispose());

  it('a --batch-size above the push limit is bad input: exit 2, one line naming the limit, no sync', () => {
    const central = `pglite:${join(data.dir, 'central')}`;
    const r = spawnCli([
      '--data',
      join(data.dir, 'device'),
      '--central',
      central,
      'sync',
      '--user',
      'sam',
      '--batch-size',
      String(MAX_PUSH_ROWS + 1),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `pfm: --batch-size must be at most ${MAX_PUSH_ROWS} (the most rows a push batch may hold)\n`,
    );
    expect(r.stdout).toBe('');
    expect(existsSync(join(data.dir, 'device', 'logs'))).toBe(false);
    expect(existsSync(join(data.dir, 'central'))).toBe(false);
  });
});
