import { setUpStation, testApp, userWithRoles, type Caller, type TestApp } from '../helpers';
import type { InputOf } from '../../../src-main/contract';

export const MIN = 60_000;
export const H = 60 * MIN;

/** A warehouse fire in 东昌街道 (an accident: class 2). */
export function fire(over: Partial<InputOf<'incidents.create'>> = {}): InputOf<'incidents.create'> {
  return {
    source: 'phone', callerUnit: '东昌街道办事处', callerName: '李明', callerTitle: '安全员', callerPhone: '13904351234',
    townshipCode: '220502001', placeText: '新华社区商业街12号', classCode: '2', typeCode: '21', accidentType: '08',
    summary: '一家小型仓库发生火灾，现场浓烟较大，消防队已出动。',
    casualties: { dead: 0, injured: 2, serious: 1, missing: 0, trapped: 2, evacuated: 30 },
    directLoss: 200_000, measures: '已疏散周边群众，消防救援大队到场处置', informed: '已报119', trend: '火势得到初步控制',
    ...over,
  };
}

export interface World { t: TestApp; admin: Caller; op: Caller; leader: Caller; leader2: Caller; viewer: Caller }

export async function world(): Promise<World> {
  const t = testApp();
  const { admin } = await setUpStation(t);
  const op = (await userWithRoles(t, admin, 'op1', ['operator'])).caller;
  const leader = (await userWithRoles(t, admin, 'lead1', ['leader'])).caller;
  const leader2 = (await userWithRoles(t, admin, 'lead2', ['leader', 'operator'])).caller;
  const viewer = (await userWithRoles(t, admin, 'view1', ['viewer'])).caller;
  return { t, admin, op, leader, leader2, viewer };
}

/** Row counts of the reports tables: "nothing changed" checks compare these. */
export function counts(t: TestApp) {
  const q = (s: string) => (t.db.prepare(s).get() as { c: number }).c;
  return {
    reports: q('SELECT count(*) c FROM reports'),
    chains: q('SELECT count(*) c FROM report_chains'),
    sends: q('SELECT count(*) c FROM report_sends'),
    timeliness: q('SELECT count(*) c FROM report_timeliness'),
    versions: q('SELECT sum(version) c FROM reports'),
    audit: q('SELECT count(*) c FROM audit_log'),
  };
}

/** A tiny zip reader (stored + deflate entries) over node:zlib: docx/xlsx are zips. */
export async function unzip(buf: Buffer): Promise<Map<string, string>> {
  const { inflateRawSync } = await import('node:zlib');
  const out = new Map<string, string>();
  // End of central directory.
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const n = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < n; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const lStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(lStart, lStart + size);
    out.set(name, (method === 8 ? inflateRawSync(raw) : raw).toString('utf8'));
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

/** The visible text of word/document.xml, paragraph by paragraph. */
export function docxParagraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''));
}
