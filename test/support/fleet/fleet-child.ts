import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { userIdFor } from '../../../src/domain/ids.js';
import { digestRows } from '../../../src/domain/digest.js';
import { hashPassword } from '../../../src/domain/password.js';
import { between, seededRandom } from '../../../src/domain/seeded-random.js';
import { SYNCED_TABLES, type SyncedTable } from '../../../src/domain/tables.js';
import { LocalSyncRows } from '../../../src/local/sync-rows.js';
import { HttpRemote, HubError } from '../../../src/sync/http-remote.js';
import { logInToHub } from '../../../src/sync/hub-login-client.js';
import { HubTokenFile } from '../../../src/sync/hub-token-file.js';
import { Device } from '../devices.js';
import { editAtRandom, WallClock } from '../random-edits.js';
import type {
  DeviceDigest,
  FleetChildSetup,
  FleetCommand,
  FleetDeviceSpec,
  FleetStepReport,
} from './fleet-messages.js';

/** A device of the fleet: a real SQLite file, a token file, and its own random choices. */
interface FleetDevice {
  readonly spec: FleetDeviceSpec;
  readonly device: Device;
  readonly tokens: HubTokenFile;
  readonly random: () => number;
}

/** The engine's retry policy for a hub answering 5xx/429 or a dropped connection, as `pfm sync` has it. */
const RETRY = { retries: 3, baseDelayMs: 200, jitter: 0.5 };

/** Counts of one step, filled by its syncs. */
class StepTally {
  readonly latenciesMs: number[] = [];
  readonly failures: string[] = [];
  pushed = 0;
  pulled = 0;
  conflicts = 0;

  report(digests: readonly DeviceDigest[] = []): FleetStepReport {
    const { latenciesMs, failures, pushed, pulled, conflicts } = this;
    return { type: 'done', latenciesMs, failures, pushed, pulled, conflicts, digests };
  }
}

/**
 * One device process of the fleet: many simulated devices, each a local SQLite store with the real sync
 * engine syncing through HttpRemote, driven step by step by the conductor's commands.
 */
export class FleetChild {
  private setup: FleetChildSetup | null = null;
  private devices: FleetDevice[] = [];

  async handle(command: FleetCommand): Promise<FleetStepReport> {
    switch (command.type) {
      case 'setup':
        return this.open(command.setup);
      case 'enroll':
        return this.enroll(command.creators);
      case 'solo':
        return this.solo(command.syncs);
      case 'pace':
        return this.pace(command.durationMs);
      case 'burst':
        return this.burst();
      case 'settle':
        return this.settle();
      case 'digest':
        return new StepTally().report(this.devices.map((d) => digestOf(d)));
      case 'close':
        return this.close();
    }
  }

  private get config(): FleetChildSetup {
    if (!this.setup) throw new Error('the fleet child has not been set up');
    return this.setup;
  }

  private open(setup: FleetChildSetup): FleetStepReport {
    this.setup = setup;
    mkdirSync(setup.dir, { recursive: true });
    const clock = new WallClock();
    this.devices = setup.devices.map((spec) => {
      const tokens = new HubTokenFile(join(setup.dir, `${spec.name}-hub-tokens.json`));
      const remote = () =>
        new HttpRemote({
          url: setup.hubUrl,
          tokens: (userId) => tokens.get(setup.hubUrl, userId)?.token ?? null,
        });
      const device = new Device(spec.name, remote, clock, join(setup.dir, `${spec.name}.db`));
      return { spec, device, tokens, random: seededRandom(spec.seed) };
    });
    return new StepTally().report();
  }

  /** Log in as `pfm login` does (the creator's login brings its new user), then a first sync. */
  private async enroll(creators: boolean): Promise<FleetStepReport> {
    const tally = new StepTally();
    const chosen = this.devices.filter((d) => d.spec.createsUser === creators);
    const passwordHash = creators && chosen.length > 0 ? await hashPassword(this.config.password) : null;
    for (const d of chosen) {
      if (passwordHash)
        d.device.users.create({ name: d.spec.user, currency: 'EUR', locale: 'en-IE', passwordHash });
      await this.logIn(d);
      await this.syncOnce(d, tally);
    }
    return tally.report();
  }

  /** A hub busy with other log-ins (503) or over its log-in limit (429) is asked again, as a person would. */
  private async logIn(d: FleetDevice): Promise<void> {
    const { hubUrl, password } = this.config;
    for (let attempt = 1; ; attempt++) {
      try {
        await logInToHub({
          hubUrl,
          store: d.device.store,
          tokens: d.tokens,
          userId: userIdFor(d.spec.user),
          password,
          label: d.spec.name,
        });
        return;
      } catch (e) {
        if (!(e instanceof HubError) || !e.transient || attempt >= 20) throw e;
        await sleep(500 * attempt);
      }
    }
  }

  private async syncOnce(d: FleetDevice, tally: StepTally): Promise<void> {
    const t0 = performance.now();
    const { log } = await d.device.sync(d.spec.user, { retry: RETRY });
    tally.latenciesMs.push(performance.now() - t0);
    if (log.status !== 'Success')
      tally.failures.push(`${d.spec.name}: ${log.status}: ${log.errorMessage ?? ''}`);
    tally.pushed += log.pushed;
    tally.pulled += log.pulled;
    tally.conflicts += log.conflicts;
  }

  /** Every device at a person's pace until the deadline: a pause with jitter, some edits, a sync. */
  private async pace(durationMs: number): Promise<FleetStepReport> {
    const tally = new StepTally();
    const { pace } = this.config;
    const until = Date.now() + durationMs;
    await Promise.all(
      this.devices.map(async (d) => {
        // The first pause is anywhere in one interval, so devices do not start in step.
        let pause = between(d.random, 0, pace.maxIntervalMs);
        while (Date.now() + pause < until) {
          await sleep(pause);
          const edits =
            d.random() < pace.burstChance
              ? between(d.random, pace.burstEdits[0], pace.burstEdits[1])
              : between(d.random, 0, pace.maxEdits);
          if (edits > 0) editAtRandom(d.device, d.spec.user, d.random, edits);
          await this.syncOnce(d, tally);
          pause = between(d.random, pace.minIntervalMs, pace.maxIntervalMs);
        }
      }),
    );
    return tally.report();
  }

  private async solo(syncs: number): Promise<FleetStepReport> {
    const tally = new StepTally();
    const d = this.devices[0];
    for (let i = 0; d && i < syncs; i++) {
      editAtRandom(d.device, d.spec.user, d.random, 1);
      await this.syncOnce(d, tally);
    }
    return tally.report();
  }

  private async burst(): Promise<FleetStepReport> {
    const tally = new StepTally();
    for (const d of this.devices) editAtRandom(d.device, d.spec.user, d.random);
    await Promise.all(this.devices.map((d) => this.syncOnce(d, tally)));
    return tally.report();
  }

  private async settle(): Promise<FleetStepReport> {
    const tally = new StepTally();
    for (const d of this.devices) await this.syncOnce(d, tally);
    return tally.report();
  }

  private close(): FleetStepReport {
    for (const d of this.devices) d.device.close();
    this.devices = [];
    if (this.setup) rmSync(this.setup.dir, { recursive: true, force: true });
    return new StepTally().report();
  }
}

function digestOf(d: FleetDevice): DeviceDigest {
  const rows = new LocalSyncRows(d.device.store);
  const userId = userIdFor(d.spec.user);
  const tables = {} as Record<SyncedTable, string>;
  for (const table of SYNCED_TABLES) {
    const digest = digestRows(table, rows.iterateAll(table, userId));
    tables[table] = `${digest.rows}:${digest.sha256}`;
  }
  return { device: d.spec.name, user: d.spec.user, tables };
}
