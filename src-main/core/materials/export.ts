import type { Ctx } from '../api/types';
import { listDocs } from './ledger';
import { expiring, inTransit, levelRows, stockCard, stockOnHand, type StockFilter } from './views';
import { listContracts } from './repo-agreements';
import { localDate, zoneOf } from '../../contract/time';
import { cardSummary } from './card-summary';

type Cell = string | number | null;
const L = {
  'zh-CN': {
    stock: '库存',
    levels: '低于定额',
    expiring: '临期物资',
    transit: '在途调拨',
    card: '物资台账卡',
    docs: '单据',
    contracts: '协议储备',
    warehouse: '仓库',
    tier: '层级',
    code: '编码',
    item: '品名',
    spec: '规格',
    unit: '单位',
    category: '储备类别',
    batch: '批号',
    expiry: '有效期至',
    qty: '数量',
    agreement: '协议储备能力',
    standard: '储备定额',
    min: '最低库存',
    days: '剩余天数',
    docNo: '单号',
    kind: '类型',
    status: '状态',
    from: '调出',
    to: '调入',
    dispatched: '发出时间',
    deadline: '应到时限',
    date: '日期',
    in: '收入',
    out: '发出',
    balance: '结存',
    enterprise: '企业',
    contract: '合同号',
    validTo: '有效期至',
    hours: '响应时限(小时)',
    items: '物资',
    opening: '期初',
    closing: '期末',
    summary: '摘要',
    subjects: { stock: '物资库存表', levels: '低于储备定额物资表', expiring: '临期物资表', transit: '在途调拨单', card: '物资台账卡', docs: '物资单据登记表', contracts: '协议储备一览表' },
    within: '{n} 天内到期',
    until: ' 至 ',
    unitOf: '计量单位：',
    tiers: { district: '区库', township: '乡镇储备点', village: '村/社区储存室' },
    cats: { flood: '防汛抗旱类', relief: '生活救助类' },
  },
  en: {
    stock: 'Stock',
    levels: 'Below standard',
    expiring: 'Expiring',
    transit: 'In transit',
    card: 'Stock card',
    docs: 'Documents',
    contracts: 'Agreement reserves',
    warehouse: 'Warehouse',
    tier: 'Tier',
    code: 'Code',
    item: 'Item',
    spec: 'Spec',
    unit: 'Unit',
    category: 'Category',
    batch: 'Batch',
    expiry: 'Expiry',
    qty: 'Quantity',
    agreement: 'Agreement capability',
    standard: 'Reserve standard',
    min: 'Minimum',
    days: 'Days left',
    docNo: 'No.',
    kind: 'Kind',
    status: 'Status',
    from: 'From',
    to: 'To',
    dispatched: 'Dispatched',
    deadline: 'Deadline',
    date: 'Date',
    in: 'In',
    out: 'Out',
    balance: 'Balance',
    enterprise: 'Enterprise',
    contract: 'Contract',
    validTo: 'Valid to',
    hours: 'Response (h)',
    items: 'Items',
    opening: 'Opening',
    closing: 'Closing',
    summary: 'Summary',
    subjects: { stock: 'Stock on hand', levels: 'Below reserve standard', expiring: 'Expiring stock', transit: 'Transfers in transit', card: 'Stock card', docs: 'Documents', contracts: 'Agreement reserves' },
    within: 'expiring within {n} days',
    until: ' to ',
    unitOf: 'Unit: ',
    tiers: { district: 'District depot', township: 'Township point', village: 'Village storeroom' },
    cats: { flood: 'Flood & drought', relief: 'Living relief' },
  },
};

/** Voucher kinds and statuses in words (the docs sheet printed the codes). */
const DOC_WORDS: Record<'zh-CN' | 'en', { kind: Record<string, string>; status: Record<string, string> }> = {
  'zh-CN': {
    kind: { receipt: '入库单', issue: '出库单', transfer: '调拨单', return: '回收单', writeoff: '报废单', adjustment: '盘点调整单', opening: '期初单' },
    status: { draft: '草稿', approved: '已审批', posted: '已记账', in_transit: '在途', received: '已接收', void: '已作废' },
  },
  en: {
    kind: { receipt: 'Receipt', issue: 'Issue', transfer: 'Transfer', return: 'Return', writeoff: 'Write-off', adjustment: 'Adjustment', opening: 'Opening' },
    status: { draft: 'Draft', approved: 'Approved', posted: 'Posted', in_transit: 'In transit', received: 'Received', void: 'Void' },
  },
};

export function exportTable(
  ctx: Ctx,
  input: { view: 'stock' | 'levels' | 'expiring' | 'transit' | 'card' | 'docs' | 'contracts'; stock?: StockFilter; days?: number; card?: { itemId: string; warehouseId?: string; from: number; to: number } },
): { title: string; subject: string; period: string; headers: string[]; rows: Cell[][]; orientation?: 'portrait' | 'landscape' } {
  const l = L[ctx.locale];
  const tz = zoneOf(ctx.station);
  const now = ctx.clock.now();
  const today = localDate(now, tz);
  // One formatter per export, not per row: building one costs ≈50× formatting a date (issue 19).
  const fmt = new Intl.DateTimeFormat('zh-CN', { timeZone: tz, dateStyle: 'short', timeStyle: 'short', hour12: false });
  const dt = (ms: number | null) => (ms === null ? '' : fmt.format(ms));
  const db = ctx.db;
  const day = (ms: number) => localDate(ms, tz);
  const subject = l.subjects[input.view];
  const out = (t: { title: string; headers: string[]; rows: Cell[][]; period?: string; subject?: string; orientation?: 'portrait' | 'landscape' }) => ({ subject, period: '', ...t });
  return db.transaction(() => {
    switch (input.view) {
      case 'stock': {
        const f = input.stock ?? { groupBy: 'detail' as const };
        const rows = stockOnHand(db, { ...f, groupBy: f.groupBy ?? 'detail' }, today);
        return out({
          title: l.stock,
          headers: [l.warehouse, l.tier, l.code, l.item, l.spec, l.unit, l.category, l.batch, l.expiry, l.qty, l.standard, l.min, l.agreement],
          rows: rows.map((r) => [
            r.warehouseName ?? '',
            r.tier ? l.tiers[r.tier] : '',
            r.itemCode ?? '',
            r.itemName ?? '',
            r.spec ?? '',
            r.unit ?? '',
            r.category ? l.cats[r.category] : '',
            r.batchNo ?? '',
            r.expiryDate ?? '',
            r.qty,
            r.standardQty ?? null,
            r.minQty ?? null,
            r.agreementQty ?? null,
          ]),
        });
      }
      case 'levels':
        return out({
          title: l.levels,
          headers: [l.warehouse, l.item, l.unit, l.qty, l.standard, l.min],
          rows: levelRows(db, true).map((r) => [r.warehouseName, r.itemName, r.unit, r.qty, r.standardQty, r.minQty]),
        });
      case 'expiring':
        return out({
          title: l.expiring,
          headers: [l.warehouse, l.item, l.unit, l.batch, l.expiry, l.days, l.qty],
          period: l.within.replace('{n}', String(input.days ?? 90)),
          rows: expiring(db, today, input.days ?? 90).map((r) => [r.warehouseName, r.itemName, r.unit, r.batchNo, r.expiryDate, r.daysLeft, r.qty]),
        });
      case 'transit':
        return out({
          title: l.transit,
          headers: [l.docNo, l.from, l.to, l.dispatched, l.deadline, l.items],
          rows: inTransit(db, now).map((d) => [d.docNo, d.warehouseName, d.toWarehouseName, dt(d.dispatchedAt), dt(d.deadlineAt), d.lines.map((x) => `${x.itemName}×${x.qty}${x.unit}`).join('；')]),
        });
      case 'card': {
        const c = stockCard(db, input.card!);
        return out({
          title: `${l.card}-${c.item.name}`,
          subject: `${l.card} ${c.item.name}${c.item.spec ? `（${c.item.spec}）` : ''} ${l.unitOf}${c.item.unit}`,
          period: `${day(input.card!.from)}${l.until}${day(input.card!.to)}`,
          orientation: 'landscape',
          headers: [l.date, l.docNo, l.summary, l.warehouse, l.batch, l.in, l.out, l.balance],
          rows: [
            ['', l.opening, '', '', '', null, null, c.opening],
            ...c.rows.map((r) => [dt(r.at), r.docNo, cardSummary(db, ctx.locale, r.docId, r.phase), r.warehouseName, r.batchNo, r.inQty || null, r.outQty || null, r.balance] as Cell[]),
            ['', l.closing, '', '', '', null, null, c.closing],
          ],
        });
      }
      case 'docs':
        return out({
          title: l.docs,
          headers: [l.docNo, l.kind, l.status, l.warehouse, l.to, l.date, l.items],
          rows: listDocs(db, { offset: 0, limit: 500 }, now).rows.map((d) => [d.docNo, DOC_WORDS[ctx.locale].kind[d.kind] ?? '', DOC_WORDS[ctx.locale].status[d.status] ?? '', d.warehouseName, d.toWarehouseName ?? '', dt(d.postedAt ?? d.createdAt), d.lines.length]),
        });
      case 'contracts':
        return out({
          title: l.contracts,
          headers: [l.enterprise, l.contract, l.validTo, l.hours, l.items],
          rows: listContracts(db, today).map((c) => [c.enterpriseName, c.contractNo, c.validTo, c.responseHours, c.items.map((i) => `${i.itemName}×${i.qty}${i.unit}`).join('；')]),
        });
    }
  })();
}
