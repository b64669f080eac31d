import { createRoot } from 'react-dom/client';
import './i18n';
import './ui/theme.css';
import { App } from './app/App';
import { ApiProvider } from './api/query';

createRoot(document.getElementById('root')!).render(
  <ApiProvider>
    <App />
  </ApiProvider>,
);
