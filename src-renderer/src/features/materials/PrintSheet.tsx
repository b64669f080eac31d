import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';

/**
 * An A4 paper shown over the page with 打印 / 关闭; while it is open, printing shows only the
 * paper (body.print-voucher, materials.css). Vouchers and the stock card share it.
 */
export function PrintSheet({ className, testId, onClose, children }: { className: string; testId: string; onClose(): void; children: ReactNode }) {
  const { t } = useTranslation('materials');
  useEffect(() => {
    document.body.classList.add('print-voucher');
    return () => document.body.classList.remove('print-voucher');
  }, []);
  return createPortal(
    <div className="voucher-portal">
      <div className="voucher-backdrop">
        <div className="voucher-bar">
          <button type="button" className="primary" onClick={() => window.print()} data-testid="print">
            {t('a.print')}
          </button>
          <button type="button" onClick={onClose}>
            {t('a.close')}
          </button>
        </div>
        <article className={className} data-testid={testId}>
          {children}
        </article>
      </div>
    </div>,
    document.body,
  );
}
