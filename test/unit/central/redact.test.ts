import { describe, expect, it } from 'vitest';
import { CentralError } from '../../../src/central/central-store.js';
import { openCentral } from '../../../src/central/open-central.js';
import { isTransient, toCentralError } from '../../../src/central/postgres/sql-pool.js';
import { redactUrl, scrubSecrets, urlPassword } from '../../../src/central/redact.js';
import { ValidationError } from '../../../src/domain/validation.js';

describe('credentials never leave the central store', () => {
  it('redacts the password of a URL and nothing else', () => {
    expect(redactUrl('postgres://me:s3cr%40t@db.example:5432/pfm')).toBe(
      'postgres://me:***@db.example:5432/pfm',
    );
    expect(redactUrl('postgres://me@db:5432/pfm')).toBe('postgres://me@db:5432/pfm');
    expect(redactUrl('postgres://db/pfm?user=me&password=hunter2&ssl=1')).toBe(
      'postgres://db/pfm?user=me&password=***&ssl=1',
    );
    expect(redactUrl('oracle://scott:tiger@host:1521/XEPDB1')).toBe('oracle://scott:***@host:1521/XEPDB1');
    expect(redactUrl('sqlite:./pfm-central.db')).toBe('sqlite:./pfm-central.db');
    expect(urlPassword('postgres://me:s3cr%40t@db/pfm')).toBe('s3cr@t');
    expect(urlPassword('postgres://me@db/pfm')).toBeUndefined();
  });

  it('scrubs secrets, raw and URL-encoded, and URL credentials from any text', () => {
    expect(scrubSecrets('auth failed for p@ss w0rd and p%40ss%20w0rd', ['p@ss w0rd'])).toBe(
      'auth failed for *** and ***',
    );
    expect(scrubSecrets('could not parse postgres://u:pw@h/db', [])).toBe(
      'could not parse postgres://u:***@h/db',
    );
  });

  it('turns driver errors into CentralErrors with the code, scrubbed, without the query or its parameters', () => {
    const driver = Object.assign(new Error('password authentication failed: hunter2'), {
      code: '28P01',
      query: 'SELECT secret',
      params: ['hunter2'],
    });
    const e = toCentralError(driver, 'postgres://u:***@h/db', ['hunter2']);
    expect(e).toBeInstanceOf(CentralError);
    expect(e.message).toBe('central store postgres://u:***@h/db: password authentication failed: ***');
    expect(e).toMatchObject({ code: '28P01', transient: false });
    expect(JSON.stringify(e)).not.toContain('hunter2');
    expect(e.stack).not.toContain('hunter2');
    expect(isTransient('08006', '')).toBe(true);
    expect(isTransient('57P01', '')).toBe(true);
    expect(isTransient('ECONNREFUSED', '')).toBe(true);
    expect(isTransient(undefined, 'Connection terminated unexpectedly')).toBe(true);
    expect(isTransient('23505', 'duplicate key')).toBe(false);
  });

  it('never shows the password when a server cannot be reached, and calls that transient', async () => {
    for (const [url, env] of [
      ['postgres://pfm:Zq9-very-secret@127.0.0.1:1/pfm', undefined],
      ['postgresql://pfm@127.0.0.1:1/pfm', 'Env-Only-Secret-77'],
    ] as const) {
      const e = await openCentral(url, { password: env }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(CentralError);
      const text = `${String((e as Error).message)} ${String((e as Error).stack)} ${JSON.stringify(e)}`;
      expect(text).not.toContain('Zq9-very-secret');
      expect(text).not.toContain('Env-Only-Secret-77');
      expect(e).toMatchObject({ transient: true, code: 'ECONNREFUSED' });
      expect((e as Error).message).toContain('127.0.0.1:1');
    }
  });

  it('an unreachable Oracle and unknown schemes fail with clear messages and no password', async () => {
    const oracle = await openCentral('oracle://scott:tiger@127.0.0.1:1/XEPDB1').then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(oracle?.message).toContain('oracle://scott:***@127.0.0.1:1/XEPDB1');
    expect(oracle?.message).not.toContain('tiger');
    await expect(openCentral('mysql://root:pw@db/x')).rejects.toBeInstanceOf(ValidationError);
    await expect(openCentral('mysql://root:pw@db/x')).rejects.not.toThrow(/:pw@/);
    await expect(openCentral('sqlite:')).rejects.toBeInstanceOf(ValidationError);
  });
});
