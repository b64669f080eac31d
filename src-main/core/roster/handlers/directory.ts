import type { Ctx, Handlers } from '../../api/types';
import { ApiError, invalid, notFound } from '../../util/errors';
import { newId } from '../../util/ids';
import { userById } from '../../users/repo';
import { contactById, contactRec, insertContact, insertPerson, listContacts, listPeople, personById, personByUser, setPersonDisabled, toPerson, updateContact, updatePerson, voidContact } from '../repo-directory';

export function loadPerson(ctx: Ctx, id: string) {
  const p = personById(ctx.db, id);
  if (!p) throw notFound('person', id);
  return p;
}

function checkUserLink(ctx: Ctx, userId: string | null | undefined, selfId: string | null) {
  if (!userId) return;
  if (!userById(ctx.db, userId)) throw invalid('roster.unknownUser');
  const other = personByUser(ctx.db, userId);
  if (other && other.id !== selfId) throw new ApiError('CONFLICT', 'roster.userLinked', { name: other.name });
}

/** The duty people and the contact directory. */
export const directoryHandlers: Handlers<
  | 'roster.people.list'
  | 'roster.people.create'
  | 'roster.people.update'
  | 'roster.people.setDisabled'
  | 'roster.contacts.list'
  | 'roster.contacts.create'
  | 'roster.contacts.update'
  | 'roster.contacts.void'
> = {
  'roster.people.list': {
    handler: (ctx, i) => listPeople(ctx.db, ctx.requireStation().id, i.q || undefined, i.includeDisabled),
  },
  'roster.people.create': {
    handler: (ctx, i) => {
      checkUserLink(ctx, i.userId, null);
      const id = newId();
      insertPerson(ctx.db, { id, stationId: ctx.requireStation().id, ...i }, ctx.clock.now());
      const after = toPerson(personById(ctx.db, id)!);
      ctx.audit({ entity: 'roster_person', entityId: id, after });
      return after;
    },
  },
  'roster.people.update': {
    handler: (ctx, i) => {
      const before = toPerson(loadPerson(ctx, i.id));
      if (i.userId !== undefined) checkUserLink(ctx, i.userId, i.id);
      updatePerson(ctx.db, i.id, i.version, i, ctx.clock.now());
      const after = toPerson(personById(ctx.db, i.id)!);
      ctx.audit({ entity: 'roster_person', entityId: i.id, before, after });
      return after;
    },
  },
  'roster.people.setDisabled': {
    handler: (ctx, i) => {
      const before = toPerson(loadPerson(ctx, i.id));
      const now = ctx.clock.now();
      if (!i.disabled && before.userId) checkUserLink(ctx, before.userId, i.id);
      setPersonDisabled(ctx.db, i.id, i.version, i.disabled ? { by: ctx.requireUser().id, reason: i.reason } : null, now);
      const after = toPerson(personById(ctx.db, i.id)!);
      ctx.audit({ entity: 'roster_person', entityId: i.id, before, after });
      return after;
    },
  },
  'roster.contacts.list': { handler: (ctx, i) => listContacts(ctx.db, ctx.requireStation().id, i.q || undefined) },
  'roster.contacts.create': {
    handler: (ctx, i) => {
      const id = newId();
      const now = ctx.clock.now();
      insertContact(ctx.db, { id, stationId: ctx.requireStation().id, ...i }, now);
      const after = contactById(ctx.db, id)!;
      ctx.audit({ entity: 'roster_contact', entityId: id, after });
      return after;
    },
  },
  'roster.contacts.update': {
    handler: (ctx, i) => {
      const rec = contactRec(ctx.db, i.id);
      if (!rec || rec.voided_at) throw notFound('contact', i.id);
      const before = contactById(ctx.db, i.id)!;
      updateContact(ctx.db, i.id, i.version, i, ctx.clock.now());
      const after = contactById(ctx.db, i.id)!;
      ctx.audit({ entity: 'roster_contact', entityId: i.id, before, after });
      return after;
    },
  },
  'roster.contacts.void': {
    handler: (ctx, i) => {
      const before = contactById(ctx.db, i.id);
      if (!before) throw notFound('contact', i.id);
      voidContact(ctx.db, i.id, i.version, ctx.requireUser().id, i.reason, ctx.clock.now());
      ctx.audit({ entity: 'roster_contact', entityId: i.id, before, after: { voided: true, reason: i.reason } });
      return { id: i.id };
    },
  },
};
