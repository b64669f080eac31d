import { deflateRawSync } from 'node:zlib';
import { Packer, type Document } from 'docx';

/**
 * A docx packed synchronously, so sign and send can store the exact document inside their
 * transaction. The docx library compiles its parts synchronously (`Packer.pack` merely wraps the
 * result in a promise); we take the compiled parts and write the zip here, with a fixed entry
 * time so the bytes depend on the content only.
 */
type Compiled = Map<string, string | Uint8Array | Buffer>;
const compiler = (Packer as unknown as { compiler: { compile(doc: Document, prettify?: unknown, overrides?: unknown[]): Compiled } }).compiler;

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of the given entries (deflated), in the given order. */
export function zipSync(entries: [string, Uint8Array][]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (46 << 9) | (1 << 5) | 1; // 2026-01-01
  for (const [name, data] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const comp = deflateRawSync(data);
    const crc = crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0x0800, 6); h.writeUInt16LE(8, 8);
    h.writeUInt16LE(DOS_TIME, 10); h.writeUInt16LE(DOS_DATE, 12); h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(comp.length, 18); h.writeUInt32LE(data.length, 22); h.writeUInt16LE(nameBuf.length, 26); h.writeUInt16LE(0, 28);
    local.push(h, nameBuf, comp);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0x0800, 8); c.writeUInt16LE(8, 10);
    c.writeUInt16LE(DOS_TIME, 12); c.writeUInt16LE(DOS_DATE, 14); c.writeUInt32LE(crc, 16); c.writeUInt32LE(comp.length, 20);
    c.writeUInt32LE(data.length, 24); c.writeUInt16LE(nameBuf.length, 28); c.writeUInt32LE(offset, 42);
    central.push(c, nameBuf);
    offset += 30 + nameBuf.length + comp.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

/**
 * Paragraphs marked with this style id do not snap to the document grid: the docx library has no
 * paragraph-level <w:snapToGrid w:val="0"/>, so the mark is turned into it here (placed before
 * <w:spacing>, where the schema wants it).
 */
export const OFF_GRID_STYLE = 'WatchroomOffGrid';
const offGrid = (xml: string) =>
  xml.replace(/<w:pPr>([\s\S]*?)<\/w:pPr>/g, (m, inner: string) => {
    if (!inner.includes(`<w:pStyle w:val="${OFF_GRID_STYLE}"/>`)) return m;
    const rest = inner.replace(`<w:pStyle w:val="${OFF_GRID_STYLE}"/>`, '');
    return `<w:pPr>${rest.includes('<w:spacing') ? rest.replace('<w:spacing', '<w:snapToGrid w:val="0"/><w:spacing') : `${rest}<w:snapToGrid w:val="0"/>`}</w:pPr>`;
  });

export function packDocxSync(doc: Document): Buffer {
  const parts = compiler.compile(doc, undefined, []);
  const entries: [string, Uint8Array][] = [...parts].map(([p, d]) => [p, typeof d === 'string' ? Buffer.from(p === 'word/document.xml' ? offGrid(d) : d, 'utf8') : d]);
  // [Content_Types].xml first, as Office writes it.
  entries.sort((a, b) => (a[0] === '[Content_Types].xml' ? -1 : b[0] === '[Content_Types].xml' ? 1 : 0));
  return zipSync(entries);
}
