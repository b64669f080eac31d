import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWithRoles } from '../helpers';
import { isAcknowledged } from '../../../src-main/core/sync/link';
import { enrollTown, pusher, startHub, startTown, tableDigest, type Hub, type Town } from './fixture';

/** With the real domain APIs (incidents, reports): what the "Done when" needs, in-process. */
let hub: Hub;
let town: Town;
beforeAll(async () => {
  hub = await startHub();
  town = await startTown();
});
afterAll(async () => {
  await hub.srv.close();
  hub.t.close();
  town.t.close();
});

describe('records of other domains travel without them knowing', () => {
  it('an incident and a signed report logged while the hub is unreachable arrive with their origin; drafts stay home', async () => {
    await enrollTown(hub, town);
    await hub.srv.close(); // the line goes down
    const inc = (await town.admin.ok('incidents.create', {
      source: 'phone',
      classCode: '1',
      typeCode: '14',
      summary: '东村村道山体塌方，交通中断',
      placeText: '新站镇东村村道',
      measures: '已设置警示，疏导交通',
      occurredAt: town.t.clock.now() - 600_000,
    } as never)) as { id: string };
    const op = await userWithRoles(town.t, town.admin, 'op1', ['operator']);
    const leader = await userWithRoles(town.t, town.admin, 'ld1', ['leader']);
    const draft = (await op.caller.ok('reports.create', { templateId: 'event-report', stage: 'initial', incidentId: inc.id } as never)) as { id: string; version: number };
    expect(town.t.db.prepare("SELECT count(*) FROM sync_outbox WHERE tbl = 'reports'").pluck().get()).toBe(0); // a draft stays home
    const sub = (await op.caller.ok('reports.submit', { id: draft.id, version: draft.version })) as { version: number };
    await leader.caller.ok('reports.sign', { id: draft.id, version: sub.version });
    expect((await pusher(town.t).syncNow()).state).toBe('error');
    expect(isAcknowledged(town.t.db, 'reports', [draft.id])).toBe(false);

    hub.srv = await (await import('../../../src-main/server/http')).startServer({ app: hub.t, port: Number(new URL(hub.srv.url).port) });
    expect((await pusher(town.t).syncNow()).state).toBe('ok');
    expect(isAcknowledged(town.t.db, 'reports', [draft.id])).toBe(true);
    for (const tbl of ['incidents', 'incident_entries', 'reports', 'report_chains']) {
      expect(tableDigest(hub.t.db, tbl, ['id'], town.stationId), tbl).toEqual(tableDigest(town.t.db, tbl, ['id']));
    }
    const ov = await hub.admin.ok('sync.district.overview');
    expect(ov.incidents).toEqual([expect.objectContaining({ id: inc.id, originName: '新站镇应急办', summary: '东村村道山体塌方，交通中断' })]);
    expect(ov.reports).toEqual([expect.objectContaining({ originName: '新站镇应急办', total: 1, signed: 1 })]);
    expect(ov.stations[0]).toMatchObject({ name: '新站镇应急办', waiting: 0, state: 'enrolled' });
  });
});
