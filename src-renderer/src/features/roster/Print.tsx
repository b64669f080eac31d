import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * Renders `children` straight under <body> and prints only that (CSS print rules in roster.css):
 * A4 landscape for rosters, portrait for lists. `onDone` runs after the print dialog closes.
 */
export function PrintPortal({ orientation, children, onDone }: { orientation: 'landscape' | 'portrait'; children: ReactNode; onDone(): void }) {
  useEffect(() => {
    document.body.classList.add('printing-roster');
    const after = () => {
      document.body.classList.remove('printing-roster');
      onDone();
    };
    window.addEventListener('afterprint', after);
    const t = setTimeout(() => window.print(), 50);
    return () => {
      clearTimeout(t);
      window.removeEventListener('afterprint', after);
      document.body.classList.remove('printing-roster');
    };
  }, [onDone]);
  return createPortal(
    <div className={`roster-print-portal ${orientation}`} data-testid="roster-print">
      {children}
    </div>,
    document.body,
  );
}
