import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ORACLE_MIGRATIONS } from '../../../src/central/oracle/oracle-sql.js';
import { POSTGRES_MIGRATIONS } from '../../../src/central/postgres/migrations.js';
import { SQLITE_MIGRATIONS } from '../../../src/central/sqlite/sqlite-migrations.js';

/**
 * A released migration has already run on stores in use: its text must never change, or a fresh store would
 * differ from an upgraded one. Each released step's text is pinned by its SHA-256; a new schema version adds
 * its own entry here when it is released.
 */
const RELEASED: Readonly<Record<'postgres' | 'sqlite' | 'oracle', Readonly<Record<number, string>>>> = {
  postgres: {
    1: '9cbe628ecb58bc7ddf7f31f506b4173503d8ea431e3a3d98cb5c4ac22ad71bd9',
    2: 'bf982aee37a8e69a1c8f1e58b0a109433125d84b5224e6285d8d5347c0c2ff75',
    3: 'ad1f6390f1f6f094e8cdefefd4f27a6c870d640da6b264d7a6513e02f7745e24',
    4: 'ac7a6e59f630f9b7cabc2659c015f01330a449eede9c67127b02ae9db31d75ff',
    5: '6508a4c5ce6e4bb4466ae89c88fde1bfcb4a592d21201d9d96492ff727b6705c',
    6: 'dfe7fb64c81fbc1515d9832c8f08043afa72f0ccd4474268e1a7e769b07a6c8b',
    7: '1418455429af2def307955af2fe5d4bd1e576e8dad2c24750f52d5394c765eaa',
    8: 'e1848b3ee8082e89b3dcfc8fce90bbf7486b0abcaaa23ff1f95dc360ec47b376',
  },
  sqlite: {
    5: '2eb98342c0335a9ac1f2f61aef8ddb8f295ff2af379a46d7f1d48f7921f474d5',
    6: '706a857abd7f8956137ec72d7904d12a2e66649acb2bb58c315eacdce1890b60',
    7: '950f7d52ff36d6a9253b47a673783f7ef10496fb5b01727854105927839c376d',
    8: 'ab3c8303b20ef85cc69fc87e978de16b00915a6f0ffd5c991bdea3e0e7a18d01',
  },
  oracle: {
    1: '045648eb7e32645b033f893a3e7dd651226cc33c033562f79338d20a02c8fbe5',
    2: '4fb479676a92e4378738c396bb577729f0a578edd132a3d081708dba6469fc22',
    3: '48153547609e0775ad7422b2587b6fb806a63baa961ed62c0b14d7d7e8423d5c',
    4: 'cef99001a069ce4bf9d79e1090e926ef2f2e09eae482e7dc5a8285295ea1bb03',
    5: '89ab0f33209aaadeb9bf384bd58d9890a64df67be43d87b308dc30932c90702a',
    6: '3a46972cc42cde7c08b2b481542d173438a01c1f037f394c06dc4c06e1ccef51',
    7: '66527fc9d14dfe4420a1f357bb091ef977629e91189d522aeb6429b8c0b2eb98',
    8: 'bee1e27e136593d965af52458a224f58b8d85b70ecd5555e02b1bd797e4885fb',
  },
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const CURRENT = {
  postgres: POSTGRES_MIGRATIONS.map((m) => [m.version, sha256(m.sql)] as const),
  sqlite: SQLITE_MIGRATIONS.map((m) => [m.version, sha256(m.sql)] as const),
  oracle: ORACLE_MIGRATIONS.map((m) => [m.version, sha256(JSON.stringify(m.statements))] as const),
};

describe.each(Object.keys(RELEASED) as (keyof typeof RELEASED)[])('released %s migrations', (dialect) => {
  it('are byte for byte as released', () => {
    const released = RELEASED[dialect];
    const now = Object.fromEntries(CURRENT[dialect].filter(([v]) => v in released));
    expect(now).toEqual(Object.fromEntries(Object.entries(released)));
  });

  it('are all still there, in order, with later versions only after them', () => {
    const versions = CURRENT[dialect].map(([v]) => v);
    const released = Object.keys(RELEASED[dialect]).map(Number);
    expect(versions.slice(0, released.length)).toEqual(released);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });
});
