import { z } from 'zod';
import { CentralError } from '../central/central-store.js';
import { redactUrl } from '../central/redact.js';
import type { TableDigest } from '../domain/digest.js';
import type { FieldConflict } from '../domain/merge.js';
import type { SyncedTable } from '../domain/tables.js';
import {
  digestResponseSchema,
  errorResponseSchema,
  handshakeResponseSchema,
  headsResponseSchema,
  HUB_PREFIX,
  HUB_PROTOCOL_VERSION,
  hubPrefix,
  MAX_PULL_ROWS,
  pushResponseSchema,
  rowsResponseSchema,
  type PushRequest,
} from './hub-protocol.js';
import { MAX_PUSH_ROWS } from './apply-push.js';
import type { Handshake, PulledRow, PushBatch, PushResult, Remote, SyncActivityEntry } from './remote.js';
import {
  decodePulledRows,
  decodeSyncedRows,
  encodePushedRows,
  WireRowsError,
  type WireRows,
} from './wire-rows.js';

/** Where the device token of a user at this hub comes from (the device's token file), or null: not logged in. */
export type TokenSource = (userId: string) => string | null | Promise<string | null>;

export interface HttpRemoteOptions {
  /** The hub's base URL: `https://host[:port][/path]`. */
  readonly url: string;
  readonly tokens: TokenSource;
  /** Longest one request may take before it counts as a (transient) failure; default 60 s. */
  readonly timeoutMs?: number;
  /** The fetch to use (default the platform's). */
  readonly fetch?: typeof fetch;
}

/**
 * A failure answered by (or on the way to) a hub, as a CentralError so the engine's retry policy applies:
 * 5xx, 429, 408 and network failures are transient, any other 4xx permanent (426 among them: the hub speaks
 * a newer protocol, and only an upgrade helps). `status` is 0 when no answer came.
 */
export class HubError extends CentralError {
  override name = 'HubError';
  constructor(
    message: string,
    readonly status: number,
    transient: boolean,
    readonly field?: string,
    /** The protocol a hub says it speaks when it refuses another one's route. */
    readonly protocol?: number,
  ) {
    super(message, status === 0 ? 'PFM_HUB_UNREACHABLE' : `HTTP_${status}`, transient);
  }
}

/** Node's socket error code behind a failed fetch, if any. */
function causeCode(e: unknown): string | undefined {
  for (let c: unknown = e, depth = 0; c && depth < 5; depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    c = (c as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The hub remote (docs/architecture.md, "Remotes and the hub"): the same protocol as DirectRemote, over
 * HTTP(S) with the user's device token. The device holds no database credentials, and every answer is checked
 * before it is used.
 */
export class HttpRemote implements Remote {
  private readonly root: string;
  private readonly base: string;
  private readonly shown: string;
  private readonly fetchFn: typeof fetch;
  private limits = { push: MAX_PUSH_ROWS, pull: MAX_PULL_ROWS };

  constructor(private readonly options: HttpRemoteOptions) {
    this.root = options.url.replace(/\/+$/, '');
    this.base = this.root + HUB_PREFIX;
    this.shown = redactUrl(options.url);
    this.fetchFn = options.fetch ?? fetch;
  }

  get batchLimits(): { readonly push: number; readonly pull: number } {
    return this.limits;
  }

  /**
   * For a user about to sync, the handshake goes with the user's token: a token the hub refuses fails the sync
   * before anything moves, and the user's feed heads come back with it (one round trip fewer).
   */
  async handshake(userId?: string): Promise<Handshake> {
    const path = userId === undefined ? '/handshake' : `${this.user(userId)}/handshake`;
    const answer = await this.call(handshakeResponseSchema, 'GET', path, null, userId).catch((e: unknown) =>
      e instanceof HubError && e.status === 404 ? this.olderHub(e) : Promise.reject(e),
    );
    if (answer.protocol !== HUB_PROTOCOL_VERSION) throw this.otherProtocol(answer.protocol, 200);
    this.limits = {
      push: Math.min(answer.limits.push, MAX_PUSH_ROWS),
      pull: Math.min(answer.limits.pull, MAX_PULL_ROWS),
    };
    const handshake = { remoteId: answer.remoteId, schemaVersion: answer.schemaVersion };
    return answer.feedHeads ? { ...handshake, feedHeads: answer.feedHeads } : handshake;
  }

  async feedHeads(userId: string): Promise<Readonly<Record<SyncedTable, number>>> {
    return (await this.call(headsResponseSchema, 'GET', `${this.user(userId)}/heads`, null, userId)).heads;
  }

  async push(batch: PushBatch): Promise<PushResult> {
    const { userId, batchId, deviceId, table, rows } = batch;
    const body: PushRequest = { batchId, deviceId, table, ...encodePushedRows(table, rows) };
    const answer = await this.call(pushResponseSchema, 'POST', `${this.user(userId)}/push`, body, userId);
    const result = {
      rows: this.read(() => decodeSyncedRows(table, answer)),
      conflicts: answer.conflicts as FieldConflict[],
      replayed: answer.replayed,
    };
    return answer.feed ? { ...result, feed: answer.feed } : result;
  }

  async pull(userId: string, table: SyncedTable, afterSeq: number, limit: number): Promise<PulledRow[]> {
    const query = `?after=${afterSeq}&limit=${Math.min(limit, this.limits.pull)}`;
    const path = `${this.user(userId)}/tables/${table}/changes${query}`;
    return this.pulled(table, await this.call(rowsResponseSchema, 'GET', path, null, userId));
  }

  async fetch(userId: string, table: SyncedTable, ids: readonly string[]): Promise<PulledRow[]> {
    const path = `${this.user(userId)}/tables/${table}/fetch`;
    return this.pulled(table, await this.call(rowsResponseSchema, 'POST', path, { ids }, userId));
  }

  async digest(userId: string, table: SyncedTable): Promise<TableDigest> {
    const path = `${this.user(userId)}/tables/${table}/digest`;
    return this.call(digestResponseSchema, 'GET', path, null, userId);
  }

  async recordActivity(entry: SyncActivityEntry): Promise<void> {
    // A user never logged in here has nowhere to report to (the run's own error says why).
    if ((await this.options.tokens(entry.userId)) === null) return;
    await this.call(null, 'POST', `${this.user(entry.userId)}/activity`, entry, entry.userId);
  }

  async close(): Promise<void> {
    // Nothing to release: connections belong to the platform's fetch and are closed when idle.
  }

  private user(userId: string): string {
    return `/users/${encodeURIComponent(userId)}`;
  }

  private pulled(table: SyncedTable, wire: WireRows): PulledRow[] {
    return this.read(() => decodePulledRows(table, wire));
  }

  /** Rows read from an answer; rows that do not fit their columns make the whole answer malformed. */
  private read<R>(decode: () => R[]): R[] {
    try {
      return decode();
    } catch (e) {
      if (e instanceof WireRowsError) throw this.malformed(e.path.join('.'), 200);
      throw e;
    }
  }

  /**
   * The hub has no route of this protocol: a hub older than this device answers 404 to it, and tells its own
   * protocol at the handshake of protocol 1, which every hub serves (one newer than 1 answers it 426, with its
   * protocol). Anything else there keeps the first answer: not a hub, or not at this address.
   */
  private async olderHub(notFound: HubError): Promise<never> {
    const url = `${this.root}${hubPrefix(1)}/handshake`;
    const protocol = await this.request(z.object({ protocol: z.number().int() }), 'GET', url, null).then(
      (answer) => answer.protocol,
      (e: unknown) => (e instanceof HubError && e.status === 426 ? e.protocol : undefined),
    );
    throw protocol !== undefined && protocol < HUB_PROTOCOL_VERSION
      ? this.otherProtocol(protocol, notFound.status)
      : notFound;
  }

  private otherProtocol(protocol: number, status: number): HubError {
    const upgrade =
      protocol < HUB_PROTOCOL_VERSION
        ? `older than this device's ${HUB_PROTOCOL_VERSION}: upgrade pfm on the hub`
        : `newer than this device's ${HUB_PROTOCOL_VERSION}: upgrade pfm on this device`;
    const message = `the hub at ${this.shown} speaks sync protocol ${protocol}, ${upgrade}`;
    return new HubError(message, status, false, undefined, protocol);
  }

  private malformed(at: string, status: number): HubError {
    return new HubError(`the hub at ${this.shown} sent a malformed answer (${at})`, status, false);
  }

  private call<S extends z.ZodType>(
    schema: S | null,
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    userId?: string,
  ): Promise<z.output<S>> {
    return this.request(schema, method, this.base + path, body, userId);
  }

  private async request<S extends z.ZodType>(
    schema: S | null,
    method: 'GET' | 'POST',
    url: string,
    body: unknown,
    userId?: string,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (userId !== undefined) {
      const token = await this.options.tokens(userId);
      if (token === null)
        throw new HubError(
          `this device is not logged in to the hub at ${this.shown} for this user: run pfm login --user USER --central ${this.shown}`,
          401,
          false,
        );
      headers.authorization = `Bearer ${token}`;
    }
    if (body !== null) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        method,
        headers,
        body: body === null ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (e) {
      const code = causeCode(e) ?? (e as Error).name;
      throw new HubError(`cannot reach the hub at ${this.shown} (${code})`, 0, true);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      throw new HubError(
        `the hub at ${this.shown} broke off its answer (${causeCode(e) ?? 'aborted'})`,
        0,
        true,
      );
    }
    if (!response.ok) throw this.failure(response.status, text);
    if (schema === null) return undefined as z.output<S>;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HubError(
        `the hub at ${this.shown} answered with something that is not JSON`,
        response.status,
        false,
      );
    }
    const checked = schema.safeParse(parsed);
    if (!checked.success)
      throw this.malformed(checked.error.issues[0]?.path.join('.') ?? '', response.status);
    return checked.data;
  }

  private failure(status: number, text: string): HubError {
    // 426 Upgrade Required: the hub speaks a newer protocol. Its message is for the person at this device, as
    // it is; a proxy's page in its place still says what to do.
    let message =
      status === 426
        ? `the hub at ${this.shown} speaks a newer sync protocol than this device's ${HUB_PROTOCOL_VERSION}: upgrade pfm on this device`
        : `the hub at ${this.shown} answered HTTP ${status}`;
    let field: string | undefined;
    let protocol: number | undefined;
    try {
      const body = errorResponseSchema.safeParse(JSON.parse(text));
      if (body.success) ({ error: message, field, protocol } = body.data);
    } catch {
      // not JSON (a proxy's error page): the status says enough
    }
    if (status === 401) message = `${message} (hub ${this.shown})`;
    const transient = status >= 500 || status === 429 || status === 408;
    return new HubError(message, status, transient, field, protocol);
  }
}
