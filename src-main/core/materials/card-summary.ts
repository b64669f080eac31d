import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { Locale } from '../../contract/roles';
import type { StockCard } from '../../contract/materials';
import { incidentLabel } from '../audit/subjects';

/*
 * 摘要 of a stock-card line, as a ledger keeper writes it: the document kind, the counterparty
 * (supplier/source, recipient, the other warehouse) and the reason or the incident by number and
 * short title. Words come from the table below; free text (recipient, reason) as entered.
 */
const W = {
  'zh-CN': {
    kind: { receipt: '入库', issue: '出库', transfer: '调拨', return: '回收', writeoff: '报废', adjustment: '盘点调整', opening: '期初' } as Record<string, string>,
    source: { purchase: '采购', transfer_in: '调入', donation: '捐赠', return: '归还', import: '期初导入' } as Record<string, string>,
    reason: { lost: '丢失', found: '盘盈', damaged: '损坏', expired: '过期', miscount: '记账差错', other: '其他', stocktake: '盘点差异', 'opening balance': '期初结存' } as Record<string, string>,
    to: '调往',
    from: '来自',
    dispatch: '发出',
    receive: '收到',
    reversal: '冲销',
    sep: '，',
  },
  en: {
    kind: { receipt: 'Receipt', issue: 'Issue', transfer: 'Transfer', return: 'Return', writeoff: 'Write-off', adjustment: 'Adjustment', opening: 'Opening' } as Record<string, string>,
    source: { purchase: 'purchase', transfer_in: 'transfer in', donation: 'donation', return: 'return', import: 'opening import' } as Record<string, string>,
    reason: { lost: 'lost', found: 'found', damaged: 'damaged', expired: 'expired', miscount: 'miscount', other: 'other', stocktake: 'stocktake difference', 'opening balance': 'opening balance' } as Record<string, string>,
    to: 'to',
    from: 'from',
    dispatch: 'dispatched',
    receive: 'received',
    reversal: 'reversal of',
    sep: ', ',
  },
};

interface DocInfo {
  id: string;
  kind: string;
  source: string | null;
  recipient: string;
  reason: string;
  incident_id: string | null;
  wname: string;
  toname: string | null;
  reverses_no: string | null;
}

export function cardSummary(db: DB, locale: Locale, docId: string, phase: string): string {
  const d = stmt(
    db,
    `SELECT d.id, d.kind, d.source, d.recipient, d.reason, d.incident_id, w.name wname, t.name toname, r.doc_no reverses_no
     FROM mat_docs d JOIN mat_warehouses w ON w.id = d.warehouse_id LEFT JOIN mat_warehouses t ON t.id = d.to_warehouse_id
     LEFT JOIN mat_docs r ON r.id = d.reverses_id WHERE d.id = ?`,
  ).get(docId) as DocInfo | undefined;
  if (!d) return '';
  const w = W[locale];
  const parts: string[] = [w.kind[d.kind] ?? ''];
  if (d.reverses_no) parts.push(`${w.reversal} ${d.reverses_no}`);
  switch (d.kind) {
    case 'receipt':
      if (d.source) parts.push(w.source[d.source] ?? '');
      if (d.recipient) parts.push(d.recipient);
      break;
    case 'transfer':
      parts.push(phase === 'receive' ? `${w.receive} ${w.from} ${d.wname}` : `${w.dispatch} ${w.to} ${d.toname ?? ''}`);
      break;
    case 'opening':
      if (d.source) parts.push(w.source[d.source] ?? '');
      return parts.filter(Boolean).join(w.sep);
    default:
      if (d.recipient) parts.push(d.recipient);
  }
  if (d.incident_id) parts.push(incidentLabel(db, d.incident_id, locale) ?? '');
  if (d.reason) parts.push(w.reason[d.reason] ?? d.reason);
  return parts.filter(Boolean).join(w.sep);
}

/** The card with each movement's 摘要 filled. */
export function withSummaries(db: DB, locale: Locale, card: StockCard): StockCard {
  const cache = new Map<string, string>();
  return {
    ...card,
    rows: card.rows.map((r) => {
      const k = `${r.docId}|${r.phase}`;
      if (!cache.has(k)) cache.set(k, cardSummary(db, locale, r.docId, r.phase));
      return { ...r, summary: cache.get(k)! };
    }),
  };
}
