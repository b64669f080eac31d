import { z } from 'zod';
import { query, mutation } from './method';
import { LocalDate } from './time';
import { ADMINS, KEEPERS, MANAGERS } from './roles';
import { Empty, EpochMs, Id, Version, optText, text } from './common';

/** Materials ledger (应急物资台账), standards §5. Quantities travel as decimal numbers of the item's unit. */

export const Tier = z.enum(['district', 'township', 'village']);
export type Tier = z.infer<typeof Tier>;
export const ReserveCategory = z.enum(['flood', 'relief']);
export type ReserveCategory = z.infer<typeof ReserveCategory>;
export const DocKind = z.enum(['receipt', 'issue', 'transfer', 'return', 'writeoff', 'adjustment', 'opening']);
export type DocKind = z.infer<typeof DocKind>;
export const DocStatus = z.enum(['draft', 'approved', 'posted', 'in_transit', 'received', 'void']);
export type DocStatus = z.infer<typeof DocStatus>;

/* The document status machine (which actions a status offers) lives in ./materials-docs. */
export const ReceiptSource = z.enum(['purchase', 'transfer_in', 'donation', 'return']);
export const AdjustReason = z.enum(['lost', 'found', 'damaged', 'expired', 'miscount', 'other']);
export type AdjustReason = z.infer<typeof AdjustReason>;

/** Calendar date in the station's zone. */

/** A quantity: positive, at most 3 decimals (integer units are checked against the item). */
export const Qty = z.number().positive().max(1e9);
export const QtyOrZero = z.number().min(0).max(1e9);

export const BatchInput = z
  .object({
    batchNo: z.string().trim().max(60).default(''),
    productionDate: LocalDate.or(z.literal('')).default(''),
    expiryDate: LocalDate.or(z.literal('')).default(''),
    origin: z.string().trim().max(60).default(''),
    labelNo: z.string().trim().max(60).default(''),
    quality: z.string().trim().max(60).default(''),
  })
  .strict();

export const DocLineInput = z
  .object({
    itemId: Id,
    qty: Qty,
    /** Existing batch (issue/transfer/write-off/return); omitted on an issue = first-expiry-first-out. */
    batchId: Id.optional(),
    /** New or existing batch by its label fields (receipt/return). */
    batch: BatchInput.optional(),
    reason: optText(200),
  })
  .strict();

export const DocSaveInput = z
  .object({
    id: Id.optional(),
    version: Version.optional(),
    kind: z.enum(['receipt', 'issue', 'transfer', 'return', 'writeoff']),
    warehouseId: Id,
    toWarehouseId: Id.optional(),
    source: ReceiptSource.optional(),
    incidentId: z.string().trim().min(1).max(64).optional(),
    recipient: optText(100),
    approvedByName: optText(50),
    reason: optText(200),
    note: optText(500),
    acceptance: optText(200),
    lines: z.array(DocLineInput).min(1).max(500),
  })
  .strict();

export interface ClassNode {
  code: string;
  name: string;
  en: string;
  level: 1 | 2 | 3 | 4;
}
export interface UnitDef {
  code: string;
  en: string;
  integer: boolean;
}

export interface WarehouseRow {
  id: string;
  code: string;
  name: string;
  tier: Tier;
  parentId: string | null;
  placeCode: string | null;
  address: string;
  retired: boolean;
  keepers: { id: string; userId: string; name: string }[];
  version: number;
}

export interface ItemRow {
  id: string;
  code: string;
  classCode: string;
  className: string;
  name: string;
  spec: string;
  unit: string;
  integerUnit: boolean;
  category: ReserveCategory;
  shelfLifeDays: number | null;
  retired: boolean;
  version: number;
}

export interface DocLineRow {
  lineNo: number;
  itemId: string;
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  batchId: string | null;
  batchNo: string;
  expiryDate: string;
  qty: number;
  /** Transfers: received in good order / damaged on arrival (null until received). */
  received: number | null;
  damaged: number | null;
  reason: string;
}

export interface DocRow {
  id: string;
  docNo: string;
  kind: DocKind;
  status: DocStatus;
  warehouseId: string;
  warehouseName: string;
  toWarehouseId: string | null;
  toWarehouseName: string | null;
  source: string | null;
  incidentId: string | null;
  /** The incident's summary when the incidents module is present (read-only lookup, no foreign key). */
  incidentTitle: string | null;
  recipient: string;
  approvedByName: string;
  approverName: string | null;
  approvedAt: number | null;
  reason: string;
  note: string;
  acceptance: string;
  reversesId: string | null;
  reversedById: string | null;
  postedAt: number | null;
  postedByName: string | null;
  dispatchedAt: number | null;
  deadlineAt: number | null;
  receivedAt: number | null;
  overdue: boolean;
  createdAt: number;
  createdByName: string;
  version: number;
  lineCount: number;
  totalQty: number;
  lines: DocLineRow[];
}

export interface StockRow {
  key: string;
  warehouseId?: string;
  warehouseName?: string;
  tier?: Tier;
  itemId?: string;
  itemCode?: string;
  itemName?: string;
  spec?: string;
  unit?: string;
  category?: ReserveCategory;
  classCode?: string;
  batchId?: string;
  batchNo?: string;
  expiryDate?: string;
  qty: number;
  /** Agreement reserve capability (协议储备), shown beside stock, never added to it. */
  agreementQty?: number;
  standardQty?: number;
  minQty?: number;
}

export interface LevelRow {
  warehouseId: string;
  warehouseName: string;
  itemId: string;
  itemName: string;
  unit: string;
  qty: number;
  standardQty: number;
  minQty: number;
  belowMin: boolean;
  belowStandard: boolean;
}

export interface ExpiringRow {
  warehouseId: string;
  warehouseName: string;
  itemId: string;
  itemName: string;
  unit: string;
  batchId: string;
  batchNo: string;
  expiryDate: string;
  daysLeft: number;
  expired: boolean;
  qty: number;
}

export interface CardRow {
  at: number;
  docId: string;
  docNo: string;
  kind: DocKind;
  phase: 'post' | 'dispatch' | 'receive';
  warehouseName: string;
  batchNo: string;
  inQty: number;
  outQty: number;
  balance: number;
  reason: string;
  /** 摘要: document kind, counterparty, reason or incident (filled by the stock-card query). */
  summary?: string;
}
export interface StockCard {
  item: ItemRow;
  warehouseId: string | null;
  from: number;
  to: number;
  opening: number;
  closing: number;
  rows: CardRow[];
}

export interface FefoSuggestion {
  allocations: { batchId: string; batchNo: string; expiryDate: string; qty: number }[];
  shortfall: number;
  /** Batches passed over because they are expired (issue #1983: say why). */
  expired: { batchId: string; batchNo: string; expiryDate: string; qty: number }[];
}

export interface StocktakeLineRow {
  lineNo: number;
  itemId: string;
  itemName: string;
  spec: string;
  unit: string;
  batchId: string;
  batchNo: string;
  expiryDate: string;
  expired: boolean;
  systemQty: number;
  countedQty: number | null;
  counted: boolean;
  reason: string;
}
export interface StocktakeRow {
  id: string;
  warehouseId: string;
  warehouseName: string;
  status: 'open' | 'done' | 'void';
  adjustmentId: string | null;
  createdAt: number;
  finishedAt: number | null;
  version: number;
  counted: number;
  total: number;
  lines: StocktakeLineRow[];
}

export interface ContractRow {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  enterprisePhone: string;
  contractNo: string;
  validFrom: string;
  validTo: string;
  responseHours: number;
  contacts: string;
  daysLeft: number;
  expiringSoon: boolean;
  expired: boolean;
  items: { itemId: string; itemName: string; unit: string; qty: number }[];
  version: number;
}
export interface EnterpriseRow {
  id: string;
  name: string;
  contact: string;
  phone: string;
  address: string;
  version: number;
}

export interface MaterialsAlert {
  kind: 'belowMin' | 'expiring' | 'expired' | 'overdueTransfer' | 'contractExpiring' | FilingKindAlert;
  refId: string;
  text: string;
  severity: 'info' | 'warn' | 'urgent';
  dueAt: number | null;
}

/**
 * Materials reporting deadlines (standards §5): the acceptance report (验收报告) of a receipt, the
 * issue vouchers (出库凭证) of an issue, the annual storage report (年度储存报告). Numbers are station data.
 */
export const FilingKind = z.enum(['acceptance', 'issue', 'annual']);
export type FilingKind = z.infer<typeof FilingKind>;
export type FilingKindAlert = 'acceptanceDue' | 'issueDue' | 'annualDue';
export const filingAlertKind = (k: FilingKind): FilingKindAlert => `${k}Due`;

export interface MaterialsRules {
  /** Working days after a receipt for its acceptance report (standards §5: 5). */
  acceptanceDays: number;
  /** Working days after an issue for its vouchers (standards §5: 2). */
  issueDays: number;
  /** The annual storage report is due before this day of the next year, 'MM-DD' (standards §5: 01-10). */
  annualDue: string;
  /** Hours a dispatched transfer has to reach its destination (standards §5, a local rule: 12). */
  transferHours: number;
  /** Documents posted before this moment carry no reporting duty (they predate the rule). */
  trackedSince: number;
  version: number;
}
export const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date' });

export interface FilingRecord {
  id: string;
  filedAt: number;
  recipient: string;
  note: string;
  late: boolean;
  lateReason: string;
  backdateReason: string;
  filedByName: string;
}
export interface FilingRow {
  /** kind|docId or kind|year: one duty. */
  key: string;
  kind: FilingKind;
  docId: string | null;
  docNo: string | null;
  warehouseName: string | null;
  year: number | null;
  /** When the document was posted (the count starts the next working day). */
  postedAt: number | null;
  /** The last moment that is on time. */
  dueAt: number;
  /** Working days allowed (null for the annual report). */
  workingDays: number | null;
  overdue: boolean;
  /** The deadline ran over a year the station calendar does not cover (counted as plain weekdays). */
  calendarUncovered: boolean;
  filed: FilingRecord | null;
}

export interface VerifyResult {
  ok: boolean;
  lines: number;
  balances: number;
  mismatches: { warehouseId: string; itemId: string; batchId: string; balance: number; fromLines: number }[];
  negatives: number;
}

export const ImportField = z.enum(['warehouse', 'item', 'qty', 'batchNo', 'productionDate', 'expiryDate', 'origin', 'labelNo', 'quality']);
export type ImportField = z.infer<typeof ImportField>;
export const ImportMapping = z.partialRecord(ImportField, z.number().int().min(0).max(200));
export const ImportRowsInput = z
  .object({
    rows: z.array(z.array(z.string().max(200)).max(200)).max(20000),
    mapping: ImportMapping,
    /** Rows before this index (0-based) are headers and skipped. */
    firstDataRow: z.number().int().min(0).default(1),
  })
  .strict();
export interface ImportRowResult {
  row: number;
  errors: string[];
  warehouseName?: string;
  itemName?: string;
  qty?: number;
  batchNo?: string;
  expiryDate?: string;
}
export interface ImportPreview {
  total: number;
  valid: number;
  invalid: number;
  rows: ImportRowResult[];
}
export interface ImportSheet {
  name: string;
  rowCount: number;
  rows: string[][];
}

export const ExportView = z.enum(['stock', 'levels', 'expiring', 'transit', 'card', 'docs', 'contracts']);

const StockFilter = z
  .object({
    groupBy: z.enum(['warehouse', 'tier', 'item', 'category', 'detail']).default('item'),
    warehouseId: Id.optional(),
    tier: Tier.optional(),
    itemId: Id.optional(),
    category: ReserveCategory.optional(),
    classPrefix: z.string().regex(/^\d{1,7}$/).optional(),
  })
  .strict();
const CardInput = z.object({ itemId: Id, warehouseId: Id.optional(), from: EpochMs, to: EpochMs }).strict();

export const materialsMethods = {
  'materials.refData': query<{ classes: ClassNode[]; units: UnitDef[] }>('authenticated')(Empty),
  'materials.warehouses.list': query<WarehouseRow[]>('authenticated')(Empty),
  'materials.warehouses.save': mutation<WarehouseRow>(ADMINS)(
    z
      .object({
        id: Id.optional(),
        version: Version.optional(),
        code: z.string().trim().regex(/^[A-Za-z0-9-]{1,20}$/),
        name: text(60),
        tier: Tier,
        parentId: Id.nullable().optional(),
        placeCode: z.string().regex(/^\d{9}(\d{3})?$/).nullable().optional(),
        address: optText(200),
      })
      .strict(),
  ),
  'materials.warehouses.retire': mutation<WarehouseRow>(ADMINS)(z.object({ id: Id, version: Version, reason: text(200) }).strict()),
  'materials.keepers.assign': mutation<WarehouseRow>(ADMINS)(z.object({ warehouseId: Id, userId: Id }).strict()),
  'materials.keepers.revoke': mutation<WarehouseRow>(ADMINS)(z.object({ assignmentId: Id }).strict()),
  'materials.items.list': query<ItemRow[]>('authenticated')(z.object({ includeRetired: z.boolean().default(false) }).strict()),
  'materials.items.save': mutation<ItemRow>(ADMINS)(
    z
      .object({
        id: Id.optional(),
        version: Version.optional(),
        code: z.string().trim().regex(/^[A-Za-z0-9-]{1,30}$/),
        classCode: z.string().regex(/^\d{7}$/),
        name: text(60),
        spec: optText(100),
        unit: text(10),
        category: ReserveCategory,
        shelfLifeDays: z.number().int().min(1).max(36500).nullable().optional(),
      })
      .strict(),
  ),
  'materials.items.retire': mutation<ItemRow>(ADMINS)(z.object({ id: Id, version: Version, reason: text(200) }).strict()),
  'materials.levels.set': mutation<LevelRow>(MANAGERS)(
    z.object({ warehouseId: Id, itemId: Id, standardQty: QtyOrZero, minQty: QtyOrZero }).strict(),
  ),

  'materials.docs.list': query<{ total: number; rows: DocRow[] }>('authenticated')(
    z
      .object({
        kind: DocKind.optional(),
        status: DocStatus.optional(),
        warehouseId: Id.optional(),
        incidentId: z.string().max(64).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  'materials.docs.get': query<DocRow>('authenticated')(z.object({ id: Id }).strict()),
  'materials.docs.save': mutation<DocRow>(KEEPERS)(DocSaveInput),
  'materials.docs.approve': mutation<DocRow>(['leader'])(z.object({ id: Id, version: Version }).strict()),
  /** Posts a draft; for a transfer this is the dispatch (stock leaves the source, in transit). */
  'materials.docs.post': mutation<DocRow>(KEEPERS)(z.object({ id: Id, version: Version }).strict()),
  'materials.docs.receive': mutation<DocRow>(KEEPERS)(
    z
      .object({
        id: Id,
        version: Version,
        lines: z
          .array(z.object({ lineNo: z.number().int().min(1), received: QtyOrZero, damaged: QtyOrZero.default(0), reason: optText(200) }).strict())
          .min(1)
          .max(500),
      })
      .strict(),
  ),
  'materials.docs.void': mutation<DocRow>(['keeper', 'leader'])(z.object({ id: Id, version: Version, reason: text(200) }).strict()),
  'materials.docs.reverse': mutation<DocRow>(KEEPERS)(z.object({ id: Id, reason: text(200) }).strict()),
  'materials.fefo': query<FefoSuggestion>('authenticated')(z.object({ warehouseId: Id, itemId: Id, qty: Qty }).strict()),

  'materials.stock': query<StockRow[]>('authenticated')(StockFilter),
  'materials.levels': query<LevelRow[]>('authenticated')(z.object({ onlyBelow: z.boolean().default(true), warehouseId: Id.optional() }).strict()),
  'materials.expiring': query<ExpiringRow[]>('authenticated')(z.object({ days: z.number().int().min(0).max(3650).default(90) }).strict()),
  'materials.inTransit': query<DocRow[]>('authenticated')(Empty),
  'materials.stockCard': query<StockCard>('authenticated')(CardInput),
  'materials.alerts': query<MaterialsAlert[]>('authenticated')(Empty),
  'materials.verifyLedger': query<VerifyResult>('authenticated')(Empty),
  'materials.incidentUsage': query<{ docs: DocRow[]; items: { itemId: string; itemName: string; unit: string; qty: number }[] }>('authenticated')(
    z.object({ incidentId: z.string().trim().min(1).max(64) }).strict(),
  ),

  'materials.stocktakes.list': query<StocktakeRow[]>('authenticated')(Empty),
  'materials.stocktakes.get': query<StocktakeRow>('authenticated')(z.object({ id: Id }).strict()),
  'materials.stocktakes.start': mutation<StocktakeRow>(KEEPERS)(z.object({ warehouseId: Id, note: optText(200) }).strict()),
  'materials.stocktakes.count': mutation<StocktakeRow>(KEEPERS)(
    z
      .object({
        id: Id,
        version: Version,
        lines: z.array(z.object({ lineNo: z.number().int().min(1), countedQty: QtyOrZero, reason: AdjustReason.optional() }).strict()).min(1).max(2000),
      })
      .strict(),
  ),
  'materials.stocktakes.finish': mutation<StocktakeRow>(KEEPERS)(z.object({ id: Id, version: Version }).strict()),

  'materials.agreements.list': query<{ enterprises: EnterpriseRow[]; contracts: ContractRow[] }>('authenticated')(Empty),
  'materials.agreements.saveEnterprise': mutation<EnterpriseRow>(MANAGERS)(
    z.object({ id: Id.optional(), version: Version.optional(), name: text(100), contact: optText(50), phone: optText(30), address: optText(200) }).strict(),
  ),
  'materials.agreements.saveContract': mutation<ContractRow>(MANAGERS)(
    z
      .object({
        id: Id.optional(),
        version: Version.optional(),
        enterpriseId: Id,
        contractNo: text(60),
        validFrom: LocalDate,
        validTo: LocalDate,
        responseHours: z.number().int().min(1).max(720),
        contacts: optText(200),
        items: z.array(z.object({ itemId: Id, qty: Qty }).strict()).min(1).max(200),
      })
      .strict(),
  ),

  'materials.export': query<{ filename: string; base64: string }>('authenticated')(
    z
      .object({
        view: ExportView,
        stock: StockFilter.optional(),
        days: z.number().int().min(0).max(3650).optional(),
        card: CardInput.optional(),
      })
      .strict()
      // The stock-card view needs its item and period.
      .refine((x) => x.view !== 'card' || x.card !== undefined, { message: 'cardRequired', path: ['card'] }),
  ),
  'materials.rules': query<MaterialsRules>('authenticated')(Empty),
  'materials.rules.set': mutation<MaterialsRules>(ADMINS)(
    z
      .object({
        version: Version,
        acceptanceDays: z.number().int().min(1).max(60),
        issueDays: z.number().int().min(1).max(60),
        annualDue: MonthDay,
        transferHours: z.number().int().min(1).max(720),
      })
      .strict(),
  ),
  /** Reporting duties: open ones (with their deadlines) and/or the reports made, late ones with reasons. */
  'materials.filings.list': query<FilingRow[]>('authenticated')(
    z.object({ state: z.enum(['open', 'filed', 'late', 'all']).default('open'), kind: FilingKind.optional() }).strict(),
  ),
  /** Records that a report was made (报送); after its deadline a reason is required, a backdated time needs one too. */
  'materials.filings.file': mutation<FilingRow>(['keeper', 'leader'])(
    z
      .object({
        kind: FilingKind,
        docId: Id.optional(),
        year: z.number().int().min(2000).max(2100).optional(),
        filedAt: EpochMs.optional(),
        recipient: optText(100),
        note: optText(500),
        lateReason: optText(500),
        backdateReason: optText(500),
      })
      .strict()
      .refine((x) => (x.kind === 'annual') === (x.year !== undefined) && (x.kind === 'annual') === (x.docId === undefined), { message: 'target', path: ['kind'] }),
  ),
  'materials.import.read': query<{ sheets: ImportSheet[] }>(['keeper', 'admin'])(
    z.object({ base64: z.string().min(1).max(1_300_000) }).strict(),
  ),
  'materials.import.preview': query<ImportPreview>(['keeper', 'admin'])(ImportRowsInput),
  'materials.import.commit': mutation<{ docs: { id: string; docNo: string; warehouseName: string; lines: number }[] }>(['keeper', 'admin'])(ImportRowsInput),
};
