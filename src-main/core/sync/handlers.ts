import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Ctx, Handlers } from '../api/types';
import { listInbound, receiveInbound } from './inbound';
import { translate } from '../i18n/messages';
import { ApiError } from '../util/errors';
import { canonicalJson, sha256 } from '../util/ids';
import type { ImportResult, SyncStatus } from '../../contract/sync';
import {
  activeRegCount,
  applyBatch,
  checkVersions,
  createDispatch,
  getReg,
  importedFile,
  listRegs,
  recordImportedFile,
  regByStationId,
  registerStation,
  reissueSecret,
  revokeStation,
  type StationReg,
} from './hub';
import { dispatchList, districtOverview, toRegRow } from './district';
import { exportFile, getLink, setLink, versions, waitingCount } from './link';
import { SyncFile, type EnrollResponse } from './protocol';
import { checkHubUrl, hubCall, pusherFor, SyncFailure } from './pusher';
import type { HubStore } from './store/hub-store';
import type { PgHubStore } from './pg/store';

function status(ctx: Ctx): SyncStatus {
  const db = ctx.db;
  const st = ctx.requireStation();
  const link = getLink(db);
  const stations = activeRegCount(db);
  const enrolled = !!(link.hub_url && link.credential);
  const mode: SyncStatus['mode'] = enrolled ? 'station' : st.level === 'district' ? 'hub' : 'standalone';
  let lastError: string | null = null;
  if (link.last_error_key && link.failures > 0) {
    let params: Record<string, string | number> = {};
    try {
      params = JSON.parse(link.last_error_params ?? '{}');
    } catch {
      /* keep empty */
    }
    lastError = translate(ctx.locale, link.last_error_key, params);
  }
  return {
    mode,
    hubUrl: link.hub_url,
    hubName: link.hub_name,
    enrolledAt: link.enrolled_at,
    online: enrolled && link.failures === 0 && link.last_ok_at !== null,
    lastOkAt: link.last_ok_at,
    lastAttemptAt: link.last_attempt_at,
    nextAttemptAt: link.next_attempt_at,
    waiting: enrolled ? waitingCount(db, link.acked_seq) : 0,
    ackedSeq: link.acked_seq,
    lastError,
    lastErrorAt: link.last_error_at,
    failures: link.failures,
    stations,
  };
}

function requireDistrict(ctx: Ctx) {
  const st = ctx.requireStation();
  if (st.level !== 'district') throw new ApiError('FORBIDDEN', 'sync.districtOnly');
  return st;
}

function loadReg(ctx: Ctx, id: string): StationReg {
  const r = getReg(ctx.db, id);
  if (!r) throw new ApiError('NOT_FOUND', 'notFound', { entity: 'station', id });
  return r;
}

/** Hub: a file carried from a station with no network. Checked like a push, applied like one. */
export function importSyncFile(ctx: Ctx, content: string): ImportResult {
  const db = ctx.db;
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    throw new ApiError('VALIDATION', 'sync.badFile');
  }
  const head = SyncFile.pick({ protocol: true, schemaVersion: true }).safeParse(raw);
  if (head.success) checkVersions(head.data);
  const p = SyncFile.safeParse(raw);
  if (!p.success) throw new ApiError('VALIDATION', 'sync.badFile');
  const f = p.data;
  const reg = regByStationId(db, f.stationId);
  if (!reg || !reg.file_key || reg.revoked_at) throw new ApiError('FORBIDDEN', 'sync.fileUnknownStation');
  const { checksum, hmac, ...payload } = f;
  if (sha256(canonicalJson(payload)) !== checksum) throw new ApiError('VALIDATION', 'sync.fileChecksum');
  const expect = createHmac('sha256', reg.file_key).update(checksum).digest();
  if (!timingSafeEqual(expect, Buffer.from(hmac, 'hex'))) throw new ApiError('FORBIDDEN', 'sync.fileHmac');
  const before = importedFile(db, checksum);
  const r = applyBatch(
    db,
    reg,
    { stationId: f.stationId, batchId: `${f.stationId}:${f.fromSeq}-${f.toSeq}`, fromSeq: f.fromSeq, toSeq: f.toSeq, waiting: f.waiting, records: f.records },
    'file',
    ctx.clock.now(),
  );
  if (!before) {
    recordImportedFile(db, { digest: checksum, stationId: f.stationId, records: f.records.length, applied: r.applied, by: ctx.requireUser().id }, ctx.clock.now());
  }
  ctx.audit({ entity: 'sync_station', entityId: reg.id, before: { appliedSeq: reg.applied_seq }, after: { appliedSeq: r.appliedSeq, file: checksum } });
  return { stationName: reg.name, records: f.records.length, applied: r.applied, duplicate: !!before || r.applied === 0, appliedSeq: r.appliedSeq };
}

/** The same import into a hub store that is not this SQLite file (PostgreSQL): one transaction there. */
async function importSyncFileTo(ctx: Ctx, content: string, hub: HubStore): Promise<ImportResult> {
  if (hub.engine !== 'pg') throw new Error('importSyncFileTo: SQLite imports run in the dispatcher transaction');
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    throw new ApiError('VALIDATION', 'sync.badFile');
  }
  const head = SyncFile.pick({ protocol: true, schemaVersion: true }).safeParse(raw);
  if (head.success) checkVersions(head.data);
  const p = SyncFile.safeParse(raw);
  if (!p.success) throw new ApiError('VALIDATION', 'sync.badFile');
  const f = p.data;
  const { checksum, hmac, ...payload } = f;
  if (sha256(canonicalJson(payload)) !== checksum) throw new ApiError('VALIDATION', 'sync.fileChecksum');
  const check = (key: string | null) => {
    if (!key) throw new ApiError('FORBIDDEN', 'sync.fileUnknownStation');
    if (!timingSafeEqual(createHmac('sha256', key).update(checksum).digest(), Buffer.from(hmac, 'hex'))) throw new ApiError('FORBIDDEN', 'sync.fileHmac');
  };
  const { reg, res, before } = await (hub as PgHubStore).importBatch(
    f.stationId,
    { stationId: f.stationId, batchId: `${f.stationId}:${f.fromSeq}-${f.toSeq}`, fromSeq: f.fromSeq, toSeq: f.toSeq, waiting: f.waiting, records: f.records },
    checksum,
    ctx.requireUser().id,
    ctx.clock.now(),
    check,
  );
  ctx.audit({ entity: 'sync_station', entityId: reg.id, before: { appliedSeq: reg.applied_seq }, after: { appliedSeq: res.appliedSeq, file: checksum } });
  return { stationName: reg.name, records: f.records.length, applied: res.applied, duplicate: before || res.applied === 0, appliedSeq: res.appliedSeq };
}

export const syncHandlers: Handlers<
  | 'sync.status'
  | 'sync.syncNow'
  | 'sync.enroll'
  | 'sync.exportFile'
  | 'sync.importFile'
  | 'sync.stations.list'
  | 'sync.stations.register'
  | 'sync.stations.reissue'
  | 'sync.stations.revoke'
  | 'sync.district.overview'
  | 'sync.dispatch.create'
  | 'sync.dispatch.list'
  | 'sync.inbound.list'
  | 'sync.inbound.receive'
> = {
  'sync.status': { handler: (ctx) => status(ctx) },

  // Everyone on duty may press "sync now"; it sends what is already decided, nothing new.
  'sync.syncNow': {
    mode: 'async',
    handler: async (ctx) => {
      await pusherFor(ctx.db, ctx.clock, ctx.services.log).syncNow();
      return status(ctx);
    },
  },

  'sync.enroll': {
    mode: 'async',
    handler: async (ctx, input) => {
      const st = ctx.requireStation();
      if (st.level === 'district') throw new ApiError('CONFLICT', 'sync.isHub');
      const before = getLink(ctx.db);
      let res: EnrollResponse;
      try {
        const base = checkHubUrl(input.hubUrl, input.allowPlainHttp).toString();
        res = await hubCall<EnrollResponse>(base, '/api/sync/enroll', {
          ...versions(),
          oneTimeSecret: input.oneTimeSecret,
          stationId: st.id,
          name: st.name,
          code: st.code,
          level: st.level,
        }, null);
      } catch (e) {
        if (e instanceof SyncFailure) throw new ApiError(e.key === 'sync.badSecret' || e.key === 'sync.protocolMismatch' || e.key === 'sync.schemaMismatch' ? 'CONFLICT' : 'UNAVAILABLE', e.key, e.params);
        throw e;
      }
      const now = ctx.clock.now();
      ctx.db
        .transaction(() =>
          setLink(
            ctx.db,
            {
              hub_url: input.hubUrl.replace(/\/+$/, ''),
              hub_name: res.hubName,
              credential: res.credential,
              allow_plain_http: input.allowPlainHttp ? 1 : 0,
              enrolled_at: now,
              failures: 0,
              last_error_key: null,
              last_error_params: null,
              next_attempt_at: now,
              version: before.version + 1,
            },
            now,
          ),
        )
        .immediate();
      ctx.audit({ entity: 'sync_link', entityId: res.registrationId, before: { hubUrl: before.hub_url }, after: { hubUrl: input.hubUrl, hub: res.hubName } });
      void pusherFor(ctx.db, ctx.clock, ctx.services.log).cycle();
      return status(ctx);
    },
  },

  'sync.exportFile': {
    handler: (ctx) => {
      const st = ctx.requireStation();
      const { file, fileName } = exportFile(ctx.db, st, ctx.clock.now());
      return { fileName, content: JSON.stringify(file), records: file.records.length };
    },
  },

  'sync.importFile': {
    handler: (ctx, input) => {
      requireDistrict(ctx);
      return importSyncFile(ctx, input.content);
    },
    hubHandler: async (ctx, input, hub) => {
      requireDistrict(ctx);
      return importSyncFileTo(ctx, input.content, hub);
    },
  },

  'sync.stations.list': {
    handler: (ctx) => {
      requireDistrict(ctx);
      return listRegs(ctx.db).map((r) => toRegRow(ctx.db, r));
    },
    hubHandler: async (ctx, _input, hub) => {
      requireDistrict(ctx);
      return hub.stations();
    },
  },

  'sync.stations.register': {
    handler: (ctx, input) => {
      requireDistrict(ctx);
      const { reg, secret } = registerStation(ctx.db, input, ctx.requireUser().id, ctx.clock.now());
      const row = toRegRow(ctx.db, reg);
      ctx.audit({ entity: 'sync_station', entityId: reg.id, after: row });
      return { station: row, oneTimeSecret: secret };
    },
    hubHandler: async (ctx, input, hub) => {
      const st = requireDistrict(ctx);
      await hub.claim({ id: st.id, name: st.name, level: st.level }, ctx.clock.now()); // a station set up after the hub started
      const { station, secret } = await hub.register(input, ctx.requireUser().id, ctx.clock.now());
      ctx.audit({ entity: 'sync_station', entityId: station.id, after: station });
      return { station, oneTimeSecret: secret };
    },
  },

  'sync.stations.reissue': {
    handler: (ctx, input) => {
      requireDistrict(ctx);
      const before = toRegRow(ctx.db, loadReg(ctx, input.id));
      const { reg, secret } = reissueSecret(ctx.db, input.id, input.version, ctx.clock.now());
      const row = toRegRow(ctx.db, reg);
      ctx.audit({ entity: 'sync_station', entityId: reg.id, before, after: row });
      return { station: row, oneTimeSecret: secret };
    },
    hubHandler: async (ctx, input, hub) => {
      requireDistrict(ctx);
      const before = await hub.station(input.id);
      if (!before) throw new ApiError('NOT_FOUND', 'notFound', { entity: 'station', id: input.id });
      const { station, secret } = await hub.reissue(input.id, input.version, ctx.clock.now());
      ctx.audit({ entity: 'sync_station', entityId: station.id, before, after: station });
      return { station, oneTimeSecret: secret };
    },
  },

  'sync.stations.revoke': {
    handler: (ctx, input) => {
      requireDistrict(ctx);
      const before = toRegRow(ctx.db, loadReg(ctx, input.id));
      const row = toRegRow(ctx.db, revokeStation(ctx.db, input.id, input.version, input.reason, ctx.requireUser().id, ctx.clock.now()));
      ctx.audit({ entity: 'sync_station', entityId: input.id, before, after: row });
      return row;
    },
    hubHandler: async (ctx, input, hub) => {
      requireDistrict(ctx);
      const before = await hub.station(input.id);
      if (!before) throw new ApiError('NOT_FOUND', 'notFound', { entity: 'station', id: input.id });
      const row = await hub.revoke(input.id, input.version, input.reason, ctx.requireUser().id, ctx.clock.now());
      ctx.audit({ entity: 'sync_station', entityId: input.id, before, after: row });
      return row;
    },
  },

  'sync.district.overview': {
    handler: (ctx) => {
      const st = requireDistrict(ctx);
      return districtOverview(ctx.db, { id: st.id, name: st.name });
    },
    hubHandler: async (ctx, _input, hub) => {
      const st = requireDistrict(ctx);
      return hub.overview({ id: st.id, name: st.name }, ctx.db);
    },
  },

  'sync.dispatch.create': {
    handler: (ctx, input) => {
      const st = requireDistrict(ctx);
      const u = ctx.requireUser();
      const r = createDispatch(ctx.db, input, { id: st.id, name: st.name }, u, ctx.clock.now());
      const row = dispatchList(ctx.db).find((d) => d.id === r.id)!;
      ctx.audit({ entity: 'sync_dispatch', entityId: r.id, after: row });
      return row;
    },
    hubHandler: async (ctx, input, hub) => {
      const st = requireDistrict(ctx);
      const row = await hub.createDispatch(input, { id: st.id, name: st.name }, ctx.requireUser(), ctx.clock.now());
      ctx.audit({ entity: 'sync_dispatch', entityId: row.id, after: row });
      return row;
    },
  },

  'sync.dispatch.list': {
    handler: (ctx) => {
      requireDistrict(ctx);
      return dispatchList(ctx.db);
    },
    hubHandler: async (ctx, _input, hub) => {
      requireDistrict(ctx);
      return hub.dispatchList();
    },
  },

  'sync.inbound.list': { handler: (ctx) => listInbound(ctx) },
  'sync.inbound.receive': { handler: (ctx, input) => receiveInbound(ctx, input) },
};
