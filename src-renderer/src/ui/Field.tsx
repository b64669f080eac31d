import type { ReactNode } from 'react';

/** A labelled form row; `error` shows under the input and marks it for screen readers. */
export function Field(props: { label: string; hint?: string; error?: string; children: ReactNode; htmlFor?: string }) {
  return (
    <label className={`field${props.error ? ' field-error' : ''}`} htmlFor={props.htmlFor}>
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.error ? (
        <span className="field-msg" role="alert">
          {props.error}
        </span>
      ) : props.hint ? (
        <span className="field-hint">{props.hint}</span>
      ) : null}
    </label>
  );
}

export function ErrorBanner({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      {error}
    </div>
  );
}
