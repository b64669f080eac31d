import type { Ctx, Handlers } from '../api/types';
import type { ListName, ResourceRow } from '../../contract/resources';
import { localDate, zoneOf } from '../../contract/time';
import { notFound } from '../util/errors';
import { newId } from '../util/ids';
import { insertRecord, listRecords, liveRecordByName, recordById, saveSettings, settingsRow, stationNames, updateRecord, voidRecord } from './repo';
import { checkTownship, normalize, toRows } from './records';
import { exportList, parseSheet, readSheet } from './sheet';
import { forIncident } from './nearby';
import { listTitle } from './words';
import { ApiError } from '../util/errors';
import { stamp } from '../paper/workbook';

const today = (ctx: Ctx) => localDate(ctx.clock.now(), zoneOf(ctx.station));

function rowOf(ctx: Ctx, list: ListName, id: string): ResourceRow {
  const r = recordById(ctx.db, list, id);
  if (!r) throw notFound(list, id);
  return toRows(ctx.db, list, [r], ctx.station?.id ?? null, today(ctx))[0];
}

/** Records of another station (township copies a district keeps) are that station's to change. */
function requireOwn(ctx: Ctx, list: ListName, id: string) {
  const r = recordById(ctx.db, list, id);
  if (!r) throw notFound(list, id);
  if (r.station_id !== ctx.requireStation().id) throw new ApiError('FORBIDDEN', 'resources.notOwn', { station: stationNames(ctx.db).get(r.station_id) ?? '' });
  return r;
}

const entity = (list: ListName) => `res_${list}`;

export const resourcesHandlers: Handlers<
  | 'resources.list'
  | 'resources.save'
  | 'resources.void'
  | 'resources.export'
  | 'resources.readSheet'
  | 'resources.import'
  | 'resources.forIncident'
  | 'resources.settings'
  | 'resources.setSettings'
> = {
  'resources.list': {
    handler: (ctx, input) => toRows(ctx.db, input.list, listRecords(ctx.db, input.list, !!input.includeVoided), ctx.station?.id ?? null, today(ctx)),
  },
  'resources.save': {
    handler: (ctx, input) => {
      const st = ctx.requireStation();
      const user = ctx.requireUser();
      const values = normalize(input.list, input.values);
      checkTownship(ctx.db, ctx.locale, values.townshipCode ?? null);
      const now = ctx.clock.now();
      let id = input.id;
      let before: ResourceRow | undefined;
      if (id) {
        requireOwn(ctx, input.list, id);
        before = rowOf(ctx, input.list, id);
        updateRecord(ctx.db, input.list, id, input.version ?? -1, st.id, values, now);
      } else {
        id = newId();
        insertRecord(ctx.db, input.list, id, st.id, user.id, values, now);
      }
      const after = rowOf(ctx, input.list, id);
      ctx.audit({ entity: entity(input.list), entityId: id, before, after });
      return after;
    },
  },
  'resources.void': {
    handler: (ctx, input) => {
      requireOwn(ctx, input.list, input.id);
      const before = rowOf(ctx, input.list, input.id);
      voidRecord(ctx.db, input.list, input.id, input.version, ctx.requireUser().id, input.reason, ctx.clock.now());
      const after = rowOf(ctx, input.list, input.id);
      ctx.audit({ entity: entity(input.list), entityId: input.id, before, after });
      return after;
    },
  },
  'resources.export': {
    mode: 'async',
    handler: async (ctx, input) => {
      const st = ctx.requireStation();
      const rows = toRows(ctx.db, input.list, listRecords(ctx.db, input.list, false), st.id, today(ctx));
      const data = await exportList(ctx.db, ctx.locale, input.list, rows, { station: st.name, period: '', exportedAt: stamp(ctx.clock.now(), zoneOf(st)) });
      return { fileName: `${listTitle(ctx.locale, input.list)}-${today(ctx)}.xlsx`, data, rows: rows.length };
    },
  },
  'resources.readSheet': {
    mode: 'async',
    handler: async (_ctx, input) => ({ rows: await readSheet(input.base64) }),
  },
  'resources.import': {
    handler: (ctx, input) => {
      const st = ctx.requireStation();
      const user = ctx.requireUser();
      const parsed = parseSheet(ctx.db, ctx.locale, input.list, input.rows);
      const now = ctx.clock.now();
      let added = 0;
      let updated = 0;
      for (const p of parsed) {
        const existing = liveRecordByName(ctx.db, input.list, st.id, String(p.values.name));
        let id: string;
        let before: ResourceRow | undefined;
        if (existing) {
          id = existing.id;
          before = rowOf(ctx, input.list, id);
          updateRecord(ctx.db, input.list, id, existing.version, st.id, p.values, now);
          updated++;
        } else {
          id = newId();
          insertRecord(ctx.db, input.list, id, st.id, user.id, p.values, now);
          added++;
        }
        ctx.audit({ entity: entity(input.list), entityId: id, before, after: rowOf(ctx, input.list, id) });
      }
      return { added, updated };
    },
  },
  'resources.forIncident': {
    handler: (ctx, input) => forIncident(ctx.db, ctx.board, ctx.locale, ctx.station?.id ?? null, today(ctx), input),
  },
  'resources.settings': {
    handler: (ctx) => {
      const s = settingsRow(ctx.db, ctx.station?.id ?? '');
      return { planReviewYears: s.plan_review_years, planReviewNoticeDays: s.plan_review_notice_days, version: s.version };
    },
  },
  'resources.setSettings': {
    handler: (ctx, input) => {
      const st = ctx.requireStation();
      const b = settingsRow(ctx.db, st.id);
      const before = { planReviewYears: b.plan_review_years, planReviewNoticeDays: b.plan_review_notice_days, version: b.version };
      saveSettings(ctx.db, st.id, input.version, input.planReviewYears, input.planReviewNoticeDays, ctx.clock.now());
      const s = settingsRow(ctx.db, st.id);
      const after = { planReviewYears: s.plan_review_years, planReviewNoticeDays: s.plan_review_notice_days, version: s.version };
      ctx.audit({ entity: 'res_settings', entityId: st.id, before, after });
      return after;
    },
  },
};
