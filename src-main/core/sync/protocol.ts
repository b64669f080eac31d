import { z } from 'zod';

/**
 * Wire messages between a station and its hub (HTTP bodies of /api/sync/*, and exported files).
 * Every exchange carries the protocol version and the schema version (latest migration id);
 * a mismatch is refused before anything is read further, so nothing is applied.
 */
export const Versions = z.object({ protocol: z.number().int(), schemaVersion: z.number().int() });

/** One outbox record: [seq, table, key (JSON array text), row (JSON object text)]. Text is sent as written by the trigger. */
export const WireRecord = z.tuple([z.number().int().positive(), z.string().min(1).max(64), z.string().max(2000), z.string().max(1_000_000)]);
export type WireRecord = z.infer<typeof WireRecord>;

export const EnrollRequest = Versions.extend({
  oneTimeSecret: z.string().trim().min(6).max(64),
  stationId: z.string().uuid(),
  name: z.string().trim().min(1).max(100),
  code: z.string().regex(/^\d{6,12}$/),
  level: z.enum(['township', 'depot', 'district']),
}).strict();
export type EnrollRequest = z.infer<typeof EnrollRequest>;
export interface EnrollResponse {
  credential: string;
  hubStationId: string;
  hubName: string;
  registrationId: string;
}

/** Idempotency key = `${stationId}:${fromSeq}-${toSeq}`; a batch is always the contiguous range fromSeq..toSeq of the outbox. */
export const PushRequest = Versions.extend({
  stationId: z.string().uuid(),
  batchId: z.string().min(1).max(120),
  fromSeq: z.number().int().positive(),
  toSeq: z.number().int().positive(),
  /** Outbox records after this batch, for the district's "items waiting". */
  waiting: z.number().int().min(0),
  records: z.array(WireRecord).max(5000),
}).strict();
export type PushRequest = z.infer<typeof PushRequest>;
export interface PushResponse {
  /** Highest sequence of this station the hub has applied (the station's cursor moves to it). */
  appliedSeq: number;
  applied: number;
  duplicate: boolean;
}

/** Down-flow. cursor = the highest down-message sequence the station has applied. */
export const PullRequest = Versions.extend({ stationId: z.string().uuid(), cursor: z.number().int().min(0), limit: z.number().int().min(1).max(2000).default(500) }).strict();
export type PullRequest = z.infer<typeof PullRequest>;

/** A master-data row (catalogue, taxonomies, rules, templates) owned by the district. */
export interface MasterMessage {
  seq: number;
  type: 'master';
  kind: string;
  key: string;
  data: { table: string; row: Record<string, unknown> };
}
/** A dispatch order (调拨通知单) addressed to the station: lands as an expected inbound transfer. */
export interface DispatchMessage {
  seq: number;
  type: 'dispatch';
  kind: 'dispatch_order';
  key: string;
  data: {
    id: string;
    orderNo: string;
    fromName: string;
    lines: { itemCode: string; itemName: string; unit: string; qty: number }[];
    deadlineAt: number | null;
    note: string;
    issuedAt: number;
    originName: string;
    origin: string;
  };
}
export type DownMessage = MasterMessage | DispatchMessage;
export interface PullResponse {
  messages: DownMessage[];
  cursor: number;
  more: boolean;
}

/** The file carried on a USB stick when there is no network at all. */
export const SyncFile = z.object({
  format: z.literal('watchroom-sync-batch'),
  protocol: z.number().int(),
  schemaVersion: z.number().int(),
  stationId: z.string().uuid(),
  stationName: z.string(),
  createdAt: z.number().int(),
  fromSeq: z.number().int().positive(),
  toSeq: z.number().int().positive(),
  waiting: z.number().int().min(0),
  records: z.array(WireRecord),
  /** SHA-256 of the canonical payload (all fields above). */
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  /** HMAC-SHA256(fileKey(credential), checksum). */
  hmac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SyncFile = z.infer<typeof SyncFile>;
