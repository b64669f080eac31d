import { z } from 'zod';
import { query, mutation } from './method';
import { ADMINS, DUTY_OR_ADMIN, KEEPERS, MANAGERS } from './roles';
import { Empty, EpochMs, Id, Version, optText, text } from './common';

/** Offline-first sync (离线与上报): station → district outbox, enrollment, district view, down-flow. */

export interface SyncStatus {
  /** hub: the district (receives); station: enrolled with a hub; standalone: neither. */
  mode: 'hub' | 'station' | 'standalone';
  hubUrl: string | null;
  hubName: string | null;
  enrolledAt: number | null;
  /** The last cycle succeeded (and no failure since). */
  online: boolean;
  lastOkAt: number | null;
  lastAttemptAt: number | null;
  nextAttemptAt: number | null;
  /** Outbox records the hub has not acknowledged yet. */
  waiting: number;
  ackedSeq: number;
  /** The last error in plain words (the user's language), while it is current. */
  lastError: string | null;
  lastErrorAt: number | null;
  failures: number;
  /** Hub: registered stations. */
  stations: number;
}

export interface StationRegRow {
  id: string;
  stationId: string | null;
  name: string;
  code: string;
  level: 'township' | 'depot' | 'district';
  state: 'pending' | 'enrolled' | 'revoked';
  codeExpiresAt: number | null;
  enrolledAt: number | null;
  revokedAt: number | null;
  revokeReason: string | null;
  lastSeenAt: number | null;
  lastPushAt: number | null;
  waiting: number;
  appliedSeq: number;
  copies: number;
  version: number;
}

export interface DistrictIncident {
  origin: string;
  originName: string;
  id: string;
  receivedAt: number | null;
  summary: string;
  grade: string | null;
  status: string | null;
  townshipCode: string | null;
  dead: number;
  injured: number;
  missing: number;
}
export interface DistrictReportRow {
  origin: string;
  originName: string;
  total: number;
  signed: number;
  onTime: number | null;
  late: number | null;
  lastSignedAt: number | null;
}
export interface DistrictStockRow {
  origin: string;
  originName: string;
  tier: string;
  warehouse: string;
  itemCode: string;
  itemName: string;
  unit: string;
  qty: number;
}
export interface DistrictTransitRow {
  origin: string;
  originName: string;
  kind: 'dispatch' | 'transfer';
  no: string;
  from: string;
  to: string;
  deadlineAt: number | null;
  issuedAt: number | null;
  /** dispatch: the addressee has pulled it (it is on their ledger as expected). */
  delivered: boolean | null;
  lines: string;
}
export interface DistrictOverview {
  hub: { id: string; name: string };
  stations: StationRegRow[];
  tables: { table: string; area: string; present: boolean; copies: number }[];
  incidents: DistrictIncident[];
  reports: DistrictReportRow[];
  stock: DistrictStockRow[];
  inTransit: DistrictTransitRow[];
}

export interface DispatchLine {
  itemCode: string;
  itemName: string;
  unit: string;
  qty: number;
}
export interface DispatchRow {
  id: string;
  orderNo: string;
  toRegId: string;
  toName: string;
  fromName: string;
  lines: DispatchLine[];
  deadlineAt: number | null;
  note: string;
  createdAt: number;
  createdByName: string;
  delivered: boolean;
}
export interface InboundRow {
  id: string;
  orderNo: string;
  originName: string;
  fromName: string;
  lines: DispatchLine[];
  deadlineAt: number | null;
  note: string;
  issuedAt: number;
  receivedAt: number;
  status: 'expected' | 'received' | 'void';
  /** The posted receipt document it was booked as. */
  receiptDocId: string | null;
  bookedAt: number | null;
}

export interface ExportedFile {
  fileName: string;
  content: string;
  records: number;
}
export interface ImportResult {
  stationName: string;
  records: number;
  applied: number;
  /** The same file (or its records) was imported before: nothing changed. */
  duplicate: boolean;
  appliedSeq: number;
}

const Level = z.enum(['township', 'depot']);

export const syncMethods = {
  'sync.status': query<SyncStatus>('authenticated')(Empty),
  'sync.syncNow': query<SyncStatus>(['admin', 'leader', 'operator', 'keeper'])(Empty),
  'sync.enroll': mutation<SyncStatus>(ADMINS)(
    z
      .object({
        hubUrl: z.string().trim().url().max(300),
        oneTimeSecret: z.string().trim().min(6).max(64),
        allowPlainHttp: z.boolean().default(false),
      })
      .strict(),
  ),
  'sync.exportFile': query<ExportedFile>(DUTY_OR_ADMIN)(Empty),
  'sync.importFile': mutation<ImportResult>(ADMINS)(z.object({ content: z.string().min(2).max(50_000_000) }).strict()),
  'sync.stations.list': query<StationRegRow[]>(MANAGERS)(Empty),
  'sync.stations.register': mutation<{ station: StationRegRow; oneTimeSecret: string }>(ADMINS)(
    z.object({ name: text(100), code: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, { message: 'adminCode' }), level: Level.default('township') }).strict(),
  ),
  'sync.stations.reissue': mutation<{ station: StationRegRow; oneTimeSecret: string }>(ADMINS)(z.object({ id: Id, version: Version }).strict()),
  'sync.stations.revoke': mutation<StationRegRow>(ADMINS)(z.object({ id: Id, version: Version, reason: text(200) }).strict()),
  'sync.district.overview': query<DistrictOverview>('authenticated')(Empty),
  'sync.dispatch.create': mutation<DispatchRow>(['admin', 'leader', 'keeper'])(
    z
      .object({
        toRegId: Id,
        fromName: text(100),
        deadlineAt: EpochMs.optional(),
        note: optText(500),
        lines: z
          .array(z.object({ itemCode: z.string().trim().max(30).default(''), itemName: text(100), unit: text(10), qty: z.number().positive().max(1e9) }).strict())
          .min(1)
          .max(200),
      })
      .strict(),
  ),
  'sync.dispatch.list': query<DispatchRow[]>('authenticated')(Empty),
  'sync.inbound.list': query<InboundRow[]>('authenticated')(Empty),
  /** Books an expected inbound transfer into this station's ledger as a posted receipt. */
  'sync.inbound.receive': mutation<InboundRow>(KEEPERS)(
    z
      .object({
        id: Id,
        warehouseId: Id,
        acceptance: optText(200),
        lines: z
          .array(
            z
              .object({
                index: z.number().int().min(0).max(199),
                itemId: Id,
                received: z.number().min(0).max(1e9),
                damaged: z.number().min(0).max(1e9).default(0),
                reason: optText(200),
              })
              .strict(),
          )
          .min(1)
          .max(200),
      })
      .strict(),
  ),
};
