import { createRoot } from 'react-dom/client';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import i18n from '../i18n';

/**
 * The app's one dialog for reasons, confirmations and short texts. Electron does not implement
 * `window.prompt` (and a native `confirm` blocks the whole window), so every such question is asked
 * here: promise-based, keyboard-friendly (Enter confirms, Esc cancels, Tab stays inside), with
 * validation before it resolves, in the user's language. Focus returns where it was.
 *
 *   const why = await askReason({ title: t('prompt.void') });   // string | null (cancelled)
 *   if (await askConfirm({ title, message, danger: true })) …   // boolean
 *   const title = await askText({ title: t('newDisasterTitle') });
 */
export interface TextOptions {
  title: string;
  label?: string;
  message?: string;
  initial?: string;
  /** A non-blank answer is required (default true). */
  required?: boolean;
  maxLength?: number;
  /** More checks: return the translated problem, or null when the value is fine. */
  validate?: (value: string) => string | null;
  multiline?: boolean;
  confirmLabel?: string;
  danger?: boolean;
}
export interface ConfirmOptions {
  title: string;
  message?: string;
  confirmLabel?: string;
  danger?: boolean;
}

type Spec = ({ kind: 'text' } & TextOptions) | ({ kind: 'confirm' } & ConfirmOptions);

/** A reason the API requires: multi-line, required, at most 500 characters; resolves trimmed, or null. */
export function askReason(o: Omit<TextOptions, 'required' | 'multiline'>): Promise<string | null> {
  return askText({ maxLength: 500, ...o, required: true, multiline: true });
}

/** A short text (a title, a name): resolves trimmed, or null when cancelled. */
export function askText(o: TextOptions): Promise<string | null> {
  return open<string | null>({ kind: 'text', maxLength: 200, required: true, ...o });
}

/** A yes/no question: resolves true only when the user confirms. */
export function askConfirm(o: ConfirmOptions): Promise<boolean> {
  return open<boolean>({ kind: 'confirm', ...o });
}

export const dialog = { askReason, askText, askConfirm };

function open<T>(spec: Spec): Promise<T> {
  return new Promise<T>((resolve) => {
    const previous = document.activeElement as HTMLElement | null;
    const host = document.createElement('div');
    host.className = 'ui-dialog-host';
    document.body.appendChild(host);
    const root = createRoot(host);
    const done = (v: unknown) => {
      root.unmount();
      host.remove();
      if (previous && document.contains(previous)) previous.focus();
      resolve(v as T);
    };
    root.render(<Dialog spec={spec} onDone={done} />);
  });
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

function Dialog({ spec, onDone }: { spec: Spec; onDone(v: unknown): void }) {
  const t = i18n.t.bind(i18n);
  const box = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const okBtn = useRef<HTMLButtonElement>(null);
  const [value, setValue] = useState(spec.kind === 'text' ? (spec.initial ?? '') : '');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    (field.current ?? okBtn.current)?.focus();
  }, []);

  const problem = (v: string): string | null => {
    if (spec.kind !== 'text') return null;
    const s = v.trim();
    if (spec.required !== false && !s) return t('common:dialog.required');
    if (spec.maxLength && s.length > spec.maxLength) return t('common:dialog.tooLong', { n: spec.maxLength });
    return spec.validate ? spec.validate(s) : null;
  };
  const cancel = () => onDone(spec.kind === 'text' ? null : false);
  const ok = () => {
    if (spec.kind === 'confirm') return onDone(true);
    const p = problem(value);
    if (p) {
      setError(p);
      field.current?.focus();
      return;
    }
    onDone(value.trim());
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      cancel();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && (e.target as HTMLElement).tagName !== 'BUTTON') {
      // Shift+Enter adds a line in a reason; Enter during IME composition picks the candidate.
      e.preventDefault();
      ok();
    } else if (e.key === 'Tab' && box.current) {
      const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
      if (!items.length) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  const titleId = 'ui-dialog-title';
  const errId = 'ui-dialog-error';
  return (
    <div className="ui-dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && field.current?.focus()}>
      <div
        ref={box}
        className="ui-dialog card"
        role={spec.kind === 'confirm' ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="ui-dialog"
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{spec.title}</h2>
        {spec.message ? <p className="ui-dialog-message">{spec.message}</p> : null}
        {spec.kind === 'text' ? (
          <label className="ui-dialog-field">
            {spec.label ? <span>{spec.label}{spec.required !== false ? ' *' : ''}</span> : null}
            {spec.multiline ? (
              <textarea
                ref={field}
                rows={3}
                value={value}
                aria-label={spec.label ?? spec.title}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errId : undefined}
                data-testid="ui-dialog-input"
                onChange={(e) => { setValue(e.target.value); if (error) setError(problem(e.target.value)); }}
              />
            ) : (
              <input
                ref={field}
                value={value}
                aria-label={spec.label ?? spec.title}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errId : undefined}
                data-testid="ui-dialog-input"
                onChange={(e) => { setValue(e.target.value); if (error) setError(problem(e.target.value)); }}
              />
            )}
          </label>
        ) : null}
        {error ? <div id={errId} className="ui-dialog-error" role="alert" data-testid="ui-dialog-error">{error}</div> : null}
        <div className="actions">
          <button ref={okBtn} type="button" className={spec.danger ? 'danger' : 'primary'} onClick={ok} data-testid="ui-dialog-ok">
            {spec.confirmLabel ?? t('common:actions.confirm')}
          </button>
          <button type="button" onClick={cancel} data-testid="ui-dialog-cancel">{t('common:actions.cancel')}</button>
        </div>
      </div>
    </div>
  );
}
