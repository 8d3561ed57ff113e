import { z } from 'zod';
import { SYNCED_TABLES } from '../domain/tables.js';
import { MAX_PUSH_ROWS } from './apply-push.js';
import { decodeInZod, decodePushedRows, wireRowsShape } from './wire-rows.js';

/**
 * The hub's wire protocol, version 2: JSON over HTTP under `/sync/v2`, one route per `Remote` call, rows in
 * columnar form (wire-rows.ts). Both sides use these schemas: the hub to refuse malformed requests before
 * anything runs (400 naming the field), the device to refuse a malformed answer rather than apply it. Row
 * contents (field types, owners, clocks) are checked again by applyPush, as for the direct remote.
 *
 *   GET  /sync/v2/handshake                               -> HubHandshake (no token needed)
 *   GET  /sync/v2/users/:user/handshake                   -> HubHandshake with the user's feedHeads
 *   POST /sync/v2/login                                   LoginRequest -> LoginResponse
 *   GET  /sync/v2/users/:user/heads                       -> { heads }
 *   POST /sync/v2/users/:user/push                        PushRequest -> PushResponse
 *   GET  /sync/v2/users/:user/tables/:table/changes?after=&limit= -> { fields, rows }
 *   POST /sync/v2/users/:user/tables/:table/fetch         { ids } -> { fields, rows }
 *   GET  /sync/v2/users/:user/tables/:table/digest        -> TableDigest
 *   POST /sync/v2/users/:user/activity                    SyncActivityEntry -> 204
 *
 * Every route but handshake and login needs `Authorization: Bearer <device token>`, and `:user` must be the
 * token's user. Errors are `{ error, field? }` with a 4xx (permanent) or 5xx/429 (worth retrying) status.
 * Every route of protocol 1 (`/sync/v1/...`) answers 426 with OUTDATED_DEVICE, which a device of protocol 1
 * shows as it is and does not retry.
 */
export const HUB_PROTOCOL_VERSION = 2;
export const HUB_PREFIX = hubPrefix(HUB_PROTOCOL_VERSION);

/** Where a protocol's routes are: the version is in the path. */
export function hubPrefix(protocol: number): string {
  return `/sync/v${protocol}`;
}

/** What a device of an older protocol is told (HTTP 426), in words its own pfm shows as they are. */
export const OUTDATED_DEVICE = `This hub speaks sync protocol ${HUB_PROTOCOL_VERSION}; upgrade pfm on this device`;

/** Most ids one fetch may name (a pulled batch's missing parents). */
export const MAX_FETCH_IDS = 5000;
/** Most rows one pull returns (memory on both sides is bounded by it). */
export const MAX_PULL_ROWS = 5000;

const text = (max: number) => z.string().min(1).max(max);
const fieldValue = z.union([z.string().max(10_000), z.number(), z.null()]);
const table = z.enum(SYNCED_TABLES);

const syncRowShape = {
  id: text(64),
  values: z.record(z.string().max(64), fieldValue),
  hlc: text(64),
  clock: z.record(z.string().max(64), text(64)),
  modifiedAt: text(40),
};

/** One row as an object (protocol 1's form), for the single row a log-in may bring. */
export const pushedRowSchema = z.strictObject({
  ...syncRowShape,
  base: text(64).nullable(),
  baseClock: syncRowShape.clock.nullable().optional(),
});

/** A push: the batch's rows in columnar form, read into PushedRows; a malformed batch is refused whole. */
export const pushRequestSchema = z
  .strictObject({ batchId: text(200), deviceId: text(64), table, ...wireRowsShape(MAX_PUSH_ROWS) })
  .transform(({ batchId, deviceId, table, ...wire }, ctx) => ({
    batchId,
    deviceId,
    table,
    rows: decodeInZod(ctx, () => decodePushedRows(table, wire)),
  }));
export type PushRequest = z.input<typeof pushRequestSchema>;

const fieldConflictSchema = z.object({
  rowId: text(64),
  field: text(64),
  keptValue: fieldValue,
  keptHlc: text(64),
  lostValue: fieldValue,
  lostHlc: text(64),
  loser: z.enum(['receiver', 'incoming']),
});

/** A push's answer: the central versions of the pushed rows, in columnar form (read by the device). */
export const pushResponseSchema = z.object({
  ...wireRowsShape(MAX_PUSH_ROWS),
  conflicts: z.array(fieldConflictSchema),
  replayed: z.boolean(),
  feed: z.object({ after: z.number().int(), upTo: z.number().int() }).optional(),
});

export const changesQuerySchema = z.strictObject({
  after: z.coerce.number().int().nonnegative(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_ROWS),
});

export const fetchRequestSchema = z.strictObject({ ids: z.array(text(64)).max(MAX_FETCH_IDS) });
/** Pulled or fetched rows, in columnar form (read by the device, which knows the table). */
export const rowsResponseSchema = z.object(wireRowsShape(Math.max(MAX_PULL_ROWS, MAX_FETCH_IDS)));

const headsSchema = z.object(
  Object.fromEntries(SYNCED_TABLES.map((t) => [t, z.number().int().nonnegative()])) as Record<
    (typeof SYNCED_TABLES)[number],
    z.ZodNumber
  >,
);
export const headsResponseSchema = z.object({ heads: headsSchema });

export const digestResponseSchema = z.object({
  table,
  rows: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const timestamp = text(40);
export const activityRequestSchema = z.strictObject({
  userId: text(64),
  deviceId: text(64),
  syncType: z.enum(['Manual', 'Automatic']),
  status: z.enum(['Success', 'Partial', 'Failed']),
  startedAt: timestamp,
  finishedAt: timestamp.nullable(),
  pushed: z.number().int().nonnegative(),
  pulled: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  errorMessage: z.string().max(4000).nullable(),
});

export const handshakeResponseSchema = z.object({
  protocol: z.number().int(),
  remoteId: text(200),
  schemaVersion: z.number().int(),
  limits: z.object({ push: z.number().int().positive(), pull: z.number().int().positive() }),
  /** The user's feed heads, from the per-user handshake (one round trip fewer per sync). */
  feedHeads: headsSchema.optional(),
});
export type HubHandshake = z.output<typeof handshakeResponseSchema>;

export const loginRequestSchema = z.strictObject({
  userId: text(64),
  deviceId: text(64),
  password: z.string().min(1).max(1024),
  /** What the device calls itself (its host name), shown by `pfm hub tokens list`: no control characters. */
  label: text(200).regex(/^[^\p{Cc}]+$/u, { error: 'label must not hold control characters' }),
  /**
   * The device's own user row, for a user the central store does not have yet: accepted only by a hub run
   * with registration open, and only when the password matches the row's password hash.
   */
  register: pushedRowSchema.optional(),
});
export type LoginRequest = z.output<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({
  token: z.string().min(20),
  tokenId: text(64),
  userId: text(64),
  deviceId: text(64),
});
export type LoginResponse = z.output<typeof loginResponseSchema>;

export const errorResponseSchema = z.object({
  error: z.string(),
  field: z.string().optional(),
  /** The hub's protocol, with a refusal of another protocol's route. */
  protocol: z.number().int().optional(),
});
