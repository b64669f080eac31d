import type { Handlers } from '../api/types';
import { conflict } from '../util/errors';
import { getStation, updateStation } from './repo';
import { listPlaces, seedPlaces } from './places';

export const stationHandlers: Handlers<'station.get' | 'station.update' | 'station.places'> = {
  'station.get': { handler: (ctx) => ctx.requireStation() },
  'station.places': { handler: (ctx) => listPlaces(ctx.db) },
  'station.update': {
    handler: (ctx, input) => {
      const before = ctx.requireStation();
      const { version, ...patch } = input;
      if (!updateStation(ctx.db, patch, version, ctx.clock.now())) throw conflict();
      const after = getStation(ctx.db)!;
      if (after.code !== before.code) seedPlaces(ctx.db, after.code);
      ctx.audit({ entity: 'station', entityId: after.id, before, after });
      return after;
    },
  },
};
