import { useTranslation } from 'react-i18next';
import type { DocRow } from '@contract/materials';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { fmtQty } from './shared';
import { PrintSheet } from './PrintSheet';
import { totalsByUnit } from './totals';

/** 入库单 / 出库单 / 调拨单 on A4 (CSS print): the rest of the page is hidden while printing. */
export function Voucher({ doc, onClose }: { doc: DocRow; onClose(): void }) {
  const { t } = useTranslation('materials');
  const { station } = useSession();
  const transfer = doc.kind === 'transfer';
  const when = doc.postedAt ?? doc.createdAt;
  return (
    <PrintSheet className="voucher" testId="voucher" onClose={onClose}>
      <h1>{t(`kinds.${doc.kind}`)}</h1>
      <div className="v-sub">{station.name}</div>
      <div className="v-meta">
        <span>
          {t('f.docNo')}：{doc.docNo}
        </span>
        <span>
          {t('f.date')}：{formatDateTime(when, station.timeZone)}
        </span>
        <span>
          {t('f.status')}：{t(`status.${doc.status}`)}
        </span>
        <span>
          {transfer ? t('f.warehouse') : t('f.warehouse')}：{doc.warehouseName}
        </span>
        {transfer ? (
          <span>
            {t('f.toWarehouse')}：{doc.toWarehouseName}
          </span>
        ) : (
          <span>
            {doc.kind === 'receipt' ? `${t('f.source')}：${doc.source ? t(`sources.${doc.source}`) : ''}` : `${t('f.recipient')}：${doc.recipient}`}
          </span>
        )}
        <span>{doc.incidentId ? `${t('f.incidentShort')}：${doc.incidentTitle ?? ''}` : doc.reason ? `${t('f.reason')}：${doc.reason}` : ''}</span>
        {transfer && doc.deadlineAt ? (
          <span>
            {t('f.deadline')}：{formatDateTime(doc.deadlineAt, station.timeZone)}
          </span>
        ) : null}
      </div>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>{t('f.code')}</th>
            <th>{t('f.name')}</th>
            <th>{t('f.spec')}</th>
            <th>{t('f.batch')}</th>
            <th>{t('f.expiry')}</th>
            <th>{t('voucher.unit')}</th>
            <th>{transfer ? t('f.sent') : t('f.qty')}</th>
            {transfer ? <th>{t('f.received')}</th> : null}
            {transfer ? <th>{t('f.damaged')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {doc.lines.map((l) => (
            <tr key={l.lineNo}>
              <td>{l.lineNo}</td>
              <td>{l.itemCode}</td>
              <td>{l.itemName}</td>
              <td>{l.spec}</td>
              <td>{l.batchNo}</td>
              <td>{l.expiryDate}</td>
              <td>{l.unit}</td>
              <td>{fmtQty(l.qty)}</td>
              {transfer ? <td>{fmtQty(l.received)}</td> : null}
              {transfer ? <td>{fmtQty(l.damaged)}</td> : null}
            </tr>
          ))}
          {totalsByUnit(doc.lines, (l) => l.qty).map((u, i) => (
            <tr key={`total-${u.unit}`} className="v-total" data-testid="voucher-total">
              <td colSpan={6}>{i === 0 ? t('voucher.total') : ''}</td>
              <td>{u.unit}</td>
              <td>{fmtQty(u.qty)}</td>
              {transfer ? <td>{fmtQty(totalsByUnit(doc.lines, (l) => l.received).find((x) => x.unit === u.unit)?.qty ?? 0)}</td> : null}
              {transfer ? <td>{fmtQty(totalsByUnit(doc.lines, (l) => l.damaged).find((x) => x.unit === u.unit)?.qty ?? 0)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      {doc.acceptance ? (
        <p>
          {t('f.acceptance')}：{doc.acceptance}
        </p>
      ) : null}
      <div className="v-sign">
        <span>
          {t('voucher.signApprover')}：{doc.approverName ?? doc.approvedByName}
        </span>
        <span>
          {t('voucher.signKeeper')}：{doc.postedByName ?? ''}
        </span>
        <span>{t('voucher.signReceiver')}：</span>
      </div>
      <div className="v-foot">
        <span>{t('voucher.page')}</span>
        <span>
          {t('voucher.printedAt')}：{formatDateTime(Date.now(), station.timeZone)}
        </span>
      </div>
    </PrintSheet>
  );
}
