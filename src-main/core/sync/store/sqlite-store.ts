import type { DB } from '../../db/open';
import { RateLimiter } from '../../api/rate-limit';
import { getStation } from '../../station/repo';
import { ApiError } from '../../util/errors';
import { applyBatch, authStation, createDispatch, enroll, getReg, listRegs, pullFor, registerStation, reissueSecret, revokeStation } from '../hub';
import { dispatchList, districtOverview, toRegRow } from '../district';
import type { HubStore } from './hub-store';

/**
 * The embedded hub: the district station's own SQLite file. Each method is one IMMEDIATE
 * transaction (better-sqlite3 is synchronous, so the Promise only wraps the result); the hub's
 * single write lock is SQLite's. Rate limits live in process memory: one process owns the file.
 */
export function sqliteHubStore(db: DB, limiter = new RateLimiter()): HubStore {
  const tx = <T>(fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(db.transaction(fn).immediate());
    } catch (e) {
      return Promise.reject(e);
    }
  };
  return {
    engine: 'sqlite',
    identity: () => {
      const st = getStation(db);
      return Promise.resolve(st && st.level === 'district' ? { id: st.id, name: st.name, level: st.level } : null);
    },
    claim: () => Promise.resolve(), // the station row is the identity
    takeRate: (key, perMinute, now) => Promise.resolve(limiter.take(key, perMinute, now)),
    enroll: (req, hub, now) => tx(() => enroll(db, req, hub, now)),
    authenticate: (credential) => {
      try {
        return Promise.resolve(authStation(db, credential));
      } catch (e) {
        return Promise.reject(e);
      }
    },
    push: (credential, batch, now) => tx(() => applyBatch(db, authStation(db, credential), batch, 'http', now)),
    pull: (credential, req, now) =>
      tx(() => {
        const reg = authStation(db, credential);
        if (reg.station_id !== req.stationId) throw new ApiError('FORBIDDEN', 'sync.wrongStation');
        return pullFor(db, getReg(db, reg.id)!, req.cursor, req.limit, now);
      }),
    stations: () => tx(() => listRegs(db).map((r) => toRegRow(db, r))),
    station: (id) =>
      tx(() => {
        const r = getReg(db, id);
        return r ? toRegRow(db, r) : null;
      }),
    register: (f, by, now) =>
      tx(() => {
        const { reg, secret } = registerStation(db, f, by, now);
        return { station: toRegRow(db, reg), secret };
      }),
    reissue: (id, version, now) =>
      tx(() => {
        const { reg, secret } = reissueSecret(db, id, version, now);
        return { station: toRegRow(db, reg), secret };
      }),
    revoke: (id, version, reason, by, now) => tx(() => toRegRow(db, revokeStation(db, id, version, reason, by, now))),
    createDispatch: (input, hub, user, now) =>
      tx(() => {
        const r = createDispatch(db, input, hub, user, now);
        return dispatchList(db).find((d) => d.id === r.id)!;
      }),
    dispatchList: () => tx(() => dispatchList(db)),
    overview: (hub) => tx(() => districtOverview(db, hub)),
    close: () => Promise.resolve(),
  };
}
