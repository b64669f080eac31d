import type { Locale } from '../../contract/roles';

/** A domain's messages: the same keys in every locale (checked when the catalogue is built). */
export type MessageTables = Record<Locale, Record<string, string>>;
