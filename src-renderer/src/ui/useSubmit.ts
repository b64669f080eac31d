import { useState } from 'react';
import { ApiCallError } from '../api/client';
import { errorText } from '../api/client';

/**
 * The state every form keeps around a call: the translated error, per-field messages from the
 * main process's validation, and a busy flag. `run` resolves true when the call succeeded.
 */
export function useSubmit() {
  const [error, setError] = useState<string | null>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    setErrs({});
    setBusy(true);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiCallError) setErrs(e.fieldErrors());
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, errs, busy, run, setErrs };
}
