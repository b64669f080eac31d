import { z } from 'zod';
import { mutation, query } from './method';
import { DUTY_STAFF, EVERY_ROLE, MANAGERS } from './roles';
import { EpochMs, Id, Version, optText, text } from './common';

/*
 * Early warnings (预警): a meteorological, hydrological or geological warning received by the duty
 * room, phoned to the leader on duty and forwarded to the townships and units concerned, each of
 * them confirming receipt (接、报、传、跟, standards §6).
 */

/** Warning levels 1–4: 1 red (highest), 2 orange, 3 yellow, 4 blue (standards §2, "Sudden events and warnings"). */
export const LEVELS = [1, 2, 3, 4] as const;
export const Level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Level = z.infer<typeof Level>;
export const LEVEL_COLOUR = { 1: 'red', 2: 'orange', 3: 'yellow', 4: 'blue' } as const satisfies Record<Level, string>;
export type LevelColour = (typeof LEVEL_COLOUR)[Level];

/** Common issuers (free text allowed: a flood-control HQ, a river basin office …). */
export const ISSUERS = ['气象', '水文', '自然资源', '水利', '林业', '应急管理', '防汛抗旱指挥部', '森林防火指挥部'] as const;
/** Common kinds (free text allowed). */
export const KINDS = ['暴雨', '大风', '寒潮', '暴雪', '高温', '干旱', '雷电', '冰雹', '大雾', '霾', '道路结冰', '霜冻', '台风', '沙尘暴', '山洪', '地质灾害', '森林火险', '洪水'] as const;

/** How a recipient was told (entered by hand). */
export const CHANNELS = ['phone', 'fax', 'sms'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** 待通知 → 已通知 → 已回执. */
export const RECEIPT_STATUSES = ['pending', 'notified', 'confirmed'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/** Changes after intake, each a timeline entry (append-only). */
export const CHANGES = ['upgrade', 'downgrade', 'extend', 'lift'] as const;
export type ChangeKind = (typeof CHANGES)[number];
export type EntryKind = 'intake' | 'leader' | 'recipients' | 'notified' | 'confirmed' | ChangeKind | 'attachment' | 'note';

/** Active: received, not lifted and still valid. */
export type WarningStatus = 'active' | 'lifted' | 'expired';

/** Who may acknowledge for the leader in the app (an operator records the leader told by phone). */
export const mayDecide = (user: { roles: readonly string[] } | null | undefined): boolean => !!user?.roles.includes('leader');

export interface WarningRow {
  id: string;
  no: string;
  issuer: string;
  kind: string;
  level: Level;
  colour: LevelColour;
  docNo: string | null;
  areaNames: string[];
  validFrom: number;
  validUntil: number | null;
  receivedAt: number;
  status: WarningStatus;
  liftedAt: number | null;
  /** Null when the station switched the rule off. */
  leaderDueAt: number | null;
  leaderNotifiedAt: number | null;
  forwardDueAt: number | null;
  /** When the last recipient was notified (null: someone still waits, or nobody listed yet). */
  forwardedAt: number | null;
  recipients: number;
  notified: number;
  confirmed: number;
  version: number;
}

export interface RecipientRow {
  id: string;
  name: string;
  unit: string;
  townshipCode: string | null;
  townshipName: string | null;
  phone: string;
  channel: Channel;
  status: ReceiptStatus;
  notifiedAt: number | null;
  notifiedByName: string | null;
  lateReason: string | null;
  confirmedAt: number | null;
  /** The person at the recipient's end who confirmed. */
  confirmedName: string | null;
  recordedByName: string | null;
}

export interface WarningEntry {
  id: string;
  kind: EntryKind;
  at: number;
  body: string;
  level: Level | null;
  validUntil: number | null;
  authorName: string;
}

export interface WarningAttachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  createdAt: number;
  createdByName: string;
}

export interface WarningDetail extends WarningRow {
  text: string;
  areaCodes: string[];
  leaderVia: 'app' | 'phone' | null;
  leaderName: string | null;
  leaderInstruction: string | null;
  leaderLateReason: string | null;
  createdByName: string;
  recipientList: RecipientRow[];
  entries: WarningEntry[];
  attachments: WarningAttachment[];
}

/** A deadline rule (data: national defaults in resources/warnings/deadline-rules.json, station overrides). */
export interface WarningRule {
  id: 'leader' | 'forward';
  minutes: number;
  enabled: boolean;
  label: string;
  labelEn: string;
  /** Where the default comes from (standards section). */
  basis: string;
}
export interface WarningRuleView extends WarningRule {
  defaults: { minutes: number; enabled: boolean };
  overridden: boolean;
  note: string | null;
  version: number;
}

const Township = z.string().regex(/^\d{9}$/);
const Village = z.string().regex(/^\d{12}$/);
const Recipient = z.object({
  name: text(50),
  unit: optText(100),
  townshipCode: Township.optional(),
  phone: optText(40),
  channel: Channel,
}).strict();

export const WarningFields = z.object({
  issuer: text(50),
  kind: text(30),
  level: Level,
  docNo: optText(60),
  /** Townships and villages of the station's divisions (at least one). */
  areaCodes: z.array(z.union([Township, Village])).min(1).max(400),
  validFrom: EpochMs,
  validUntil: EpochMs.optional(),
  receivedAt: EpochMs.optional(),
  text: text(4000),
}).strict();

export const warningsMethods = {
  'warnings.list': query<WarningRow[]>(EVERY_ROLE)(
    z.object({ activeOnly: z.boolean().optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
  ),
  'warnings.get': query<WarningDetail>(EVERY_ROLE)(z.object({ id: Id }).strict()),
  'warnings.create': mutation<WarningDetail>(DUTY_STAFF)(WarningFields),
  /** The leader on duty told: in the app by the leader (with an instruction), or by phone recorded by an operator. */
  'warnings.notifyLeader': mutation<WarningDetail>(DUTY_STAFF)(
    z.object({ id: Id, version: Version, via: z.enum(['app', 'phone']), leaderName: optText(50), instruction: optText(1000), lateReason: optText(500) }).strict(),
  ),
  'warnings.addRecipients': mutation<WarningDetail>(DUTY_STAFF)(
    z.object({ id: Id, version: Version, recipients: z.array(Recipient).min(1).max(200) }).strict(),
  ),
  /** One recipient moves on: 待通知 → 已通知 (we told them), 已通知 → 已回执 (they confirmed). */
  'warnings.receipt': mutation<WarningDetail>(DUTY_STAFF)(
    z.object({
      id: Id,
      version: Version,
      recipientId: Id,
      status: z.enum(['notified', 'confirmed']),
      at: EpochMs.optional(),
      confirmedName: optText(50),
      lateReason: optText(500),
    }).strict(),
  ),
  'warnings.change': mutation<WarningDetail>(DUTY_STAFF)(
    z.object({
      id: Id,
      version: Version,
      change: z.enum(CHANGES),
      level: Level.optional(),
      validUntil: EpochMs.optional(),
      at: EpochMs.optional(),
      note: text(1000),
    }).strict(),
  ),
  'warnings.attach': mutation<WarningDetail>(DUTY_STAFF)(
    z.object({
      id: Id,
      name: text(200),
      mime: text(120),
      /** Base64, at most ~700 KB of file (a scanned notice or a screenshot); the body limit is 1 MiB. */
      data: z.string().min(4).max(960_000),
    }).strict(),
  ),
  'warnings.attachment': query<{ name: string; mime: string; size: number; data: string }>(EVERY_ROLE)(z.object({ id: Id }).strict()),
  'warnings.rules': query<WarningRuleView[]>(EVERY_ROLE)(z.object({}).strict()),
  'warnings.setRule': mutation<WarningRuleView>(MANAGERS)(
    z.object({
      id: z.enum(['leader', 'forward']),
      version: Version,
      minutes: z.number().int().min(1).max(24 * 60).optional(),
      enabled: z.boolean().optional(),
      reset: z.boolean().optional(),
      note: optText(500),
    }).strict(),
  ),
};

/** Active now: not lifted and, when it has an end, not past it. */
export function statusAt(w: { liftedAt: number | null; validUntil: number | null }, now: number): WarningStatus {
  if (w.liftedAt !== null) return 'lifted';
  if (w.validUntil !== null && w.validUntil <= now) return 'expired';
  return 'active';
}
