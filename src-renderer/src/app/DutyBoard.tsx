import { useTranslation } from 'react-i18next';
import { BOARD_PANELS } from './board-panels';
import { visiblePanels } from './board-access';
import { can } from '@contract/index';
import { useSession } from './session';
import { BoardRefresh } from '../api/query';

export function DutyBoard() {
  const { t } = useTranslation();
  const { user } = useSession();
  const panels = visiblePanels(BOARD_PANELS, (m) => can(user, m)).sort((a, b) => a.order - b.order);
  return (
    <div className="page">
      <h1 className="page-title">{t('board.title')}</h1>
      <BoardRefresh>
        <div className="board">
          {panels.map((p) => (
            <section key={p.id} className={`panel span-${p.span ?? 1}`} data-panel={p.id}>
              <h2>{t(p.title)}</h2>
              <p.component />
            </section>
          ))}
        </div>
      </BoardRefresh>
    </div>
  );
}
