/**
 * The paragraphs of a .docx (Office Open XML) as plain text, one line per paragraph — enough to
 * read a pasted-into-Word holiday notice. Pure and dependency-free (runs in the renderer and in
 * Node): the zip's central directory is read by hand and `word/document.xml` inflated with the
 * platform's DecompressionStream. Returns null when the bytes are not a readable .docx.
 */
export async function docxText(bytes: Uint8Array): Promise<string | null> {
  const xml = await zipEntry(bytes, 'word/document.xml');
  if (xml === null) return null;
  const paragraphs = xml.split(/<\/w:p>/);
  const lines: string[] = [];
  for (const p of paragraphs) {
    let line = '';
    for (const m of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) line += m[1] !== undefined ? m[1] : m[0] === '<w:tab/>' ? '\t' : '\n';
    lines.push(unescapeXml(line));
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );

async function zipEntry(b: Uint8Array, name: string): Promise<string | null> {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65_557); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const dec = new TextDecoder('utf-8');
  for (let n = 0; n < count && p + 46 <= b.length; n++) {
    if (dv.getUint32(p, true) !== 0x02014b50) return null;
    const method = dv.getUint16(p + 10, true);
    const size = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const entry = dec.decode(b.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (entry !== name) continue;
    if (local + 30 > b.length || dv.getUint32(local, true) !== 0x04034b50) return null;
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    const data = b.subarray(start, start + size);
    if (method === 0) return dec.decode(data);
    if (method !== 8) return null;
    try {
      const out = new Blob([new Uint8Array(data)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      return dec.decode(new Uint8Array(await new Response(out).arrayBuffer()));
    } catch {
      return null;
    }
  }
  return null;
}
