import { CENTRAL_SCHEMA_VERSION, type CentralStore } from '../central/central-store.js';
import type { TableDigest } from '../domain/digest.js';
import type { SyncedTable } from '../domain/tables.js';
import { applyPush } from './apply-push.js';
import type { Handshake, PulledRow, PushBatch, PushResult, Remote, SyncActivityEntry } from './remote.js';

/**
 * The seed's two-tier design: this device talks to the central database itself. The central half of the
 * protocol (validation, merge, batch ids) runs here in-process, inside the central store's transaction.
 */
export class DirectRemote implements Remote {
  constructor(
    private readonly central: CentralStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async handshake(): Promise<Handshake> {
    await this.central.checkSchema();
    return { remoteId: await this.central.instanceId(), schemaVersion: CENTRAL_SCHEMA_VERSION };
  }

  push(batch: PushBatch): Promise<PushResult> {
    return applyPush(this.central, batch, this.now().getTime());
  }

  pull(userId: string, table: SyncedTable, afterSeq: number, limit: number): Promise<PulledRow[]> {
    return this.central.readChanges(userId, table, afterSeq, limit);
  }

  fetch(userId: string, table: SyncedTable, ids: readonly string[]): Promise<PulledRow[]> {
    return this.central.readRowsById(userId, table, ids);
  }

  digest(userId: string, table: SyncedTable): Promise<TableDigest> {
    return this.central.digest(userId, table);
  }

  recordActivity(entry: SyncActivityEntry): Promise<void> {
    return this.central.recordSyncActivity(entry);
  }

  close(): Promise<void> {
    return this.central.close();
  }
}
