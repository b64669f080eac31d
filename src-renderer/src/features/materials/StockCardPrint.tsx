import { useTranslation } from 'react-i18next';
import type { StockCard } from '@contract/materials';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { fmtQty } from './shared';
import { PrintSheet } from './PrintSheet';

/**
 * 物资台账卡 on A4 portrait (CSS print, the voucher rules): item, unit and warehouse in the head,
 * opening → every movement with its 摘要 → closing; the table head repeats on every page.
 */
export function StockCardPrint({ card, warehouseName, from, to, onClose }: { card: StockCard; warehouseName: string; from: string; to: string; onClose(): void }) {
  const { t } = useTranslation('materials');
  const { station } = useSession();
  return (
    <PrintSheet className="voucher card-print" testId="stock-card-print" onClose={onClose}>
      <h1>{t('cardPrint.title')}</h1>
      <div className="v-sub">{station.name}</div>
      <div className="v-meta">
        <span>
          {t('f.name')}：{card.item.name}
        </span>
        <span>
          {t('f.spec')}：{card.item.spec}
        </span>
        <span>
          {t('voucher.unit')}：{card.item.unit}
        </span>
        <span>
          {t('f.code')}：{card.item.code}
        </span>
        <span>
          {t('f.warehouse')}：{warehouseName || t('cardPrint.allWarehouses')}
        </span>
        <span>
          {t('cardPrint.period')}：{from} — {to}
        </span>
      </div>
      <table>
        <thead>
          <tr>
            <th>{t('f.date')}</th>
            <th>{t('f.docNo')}</th>
            <th>{t('cardPrint.summary')}</th>
            <th>{t('f.batch')}</th>
            <th>{t('f.in')}</th>
            <th>{t('f.out')}</th>
            <th>{t('f.balance')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{from}</td>
            <td />
            <td className="v-left">{t('cardPrint.opening')}</td>
            <td />
            <td />
            <td />
            <td>{fmtQty(card.opening)}</td>
          </tr>
          {card.rows.map((r, i) => (
            <tr key={i}>
              <td>{formatDateTime(r.at, station.timeZone)}</td>
              <td>{r.docNo}</td>
              <td className="v-left">{r.summary ?? ''}</td>
              <td>{r.batchNo}</td>
              <td>{r.inQty ? fmtQty(r.inQty) : ''}</td>
              <td>{r.outQty ? fmtQty(r.outQty) : ''}</td>
              <td>{fmtQty(r.balance)}</td>
            </tr>
          ))}
          <tr>
            <td>{to}</td>
            <td />
            <td className="v-left">{t('cardPrint.closing')}</td>
            <td />
            <td>{fmtQty(card.rows.reduce((s, r) => s + r.inQty, 0))}</td>
            <td>{fmtQty(card.rows.reduce((s, r) => s + r.outQty, 0))}</td>
            <td>{fmtQty(card.closing)}</td>
          </tr>
        </tbody>
      </table>
      <div className="v-sign">
        <span>{t('voucher.signKeeper')}：</span>
        <span>{t('cardPrint.checkedBy')}：</span>
        <span />
      </div>
      <div className="v-foot">
        <span />
        <span>
          {t('voucher.printedAt')}：{formatDateTime(Date.now(), station.timeZone)}
        </span>
      </div>
    </PrintSheet>
  );
}
