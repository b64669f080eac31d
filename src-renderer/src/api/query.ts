import { createContext, createElement, useContext, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider, keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { InputOf, MethodName, OutputOf } from '@contract/index';
import { api, errorText } from './client';

/**
 * The renderer's data layer: every read goes through one TanStack Query cache keyed by
 * [method, input], so two panels asking the same question share one request and one answer.
 * Every successful write (a method whose spec says `mutates`) marks every cached read stale, and
 * the reads on screen refetch at once — a save shows on the duty board without waiting for a tick.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The main process already answers with translated errors; a failed read is shown, not retried.
      retry: false,
      refetchOnWindowFocus: true,
      staleTime: 0,
    },
  },
});

// Simplest correct invalidation: any write may change any read (board counts, open matters, alerts).
api.onWrite(() => void queryClient.invalidateQueries());

/** The duty board's one refresh policy: every board read refetches on this period (and on focus). */
export const BOARD_REFRESH_MS = 30_000;
const OnBoard = createContext(false);

/** Marks its children as duty-board panels: their reads follow the board's refresh policy. */
export function BoardRefresh({ children }: { children: ReactNode }) {
  return createElement(OnBoard.Provider, { value: true }, children);
}

export function ApiProvider({ children }: { children: ReactNode }) {
  return createElement(QueryClientProvider, { client: queryClient }, children);
}

export const queryKey = <M extends MethodName>(method: M, input?: InputOf<M>) => [method, input ?? {}] as const;

export interface ApiQueryOptions {
  /** false: not fetched (e.g. the user may not call it, or a selection is missing). */
  enabled?: boolean;
  /** Follow the board's refresh policy off the board too (e.g. the list of reports falling due). */
  live?: boolean;
  /** Reference data (taxonomy, places, templates): kept for the session, refreshed only after a write. */
  reference?: boolean;
}

/** Result shape the screens use: data (null until loaded), the translated error, and reload(). */
export interface ApiQuery<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** A read, cached by [method, input]; keeps the previous answer on screen while a new input loads. */
export function useApiQuery<M extends MethodName>(method: M, input?: InputOf<M>, opts: ApiQueryOptions = {}): ApiQuery<OutputOf<M>> {
  const onBoard = useContext(OnBoard);
  const q = useQuery({
    queryKey: queryKey(method, input),
    queryFn: () => api.send(method, input),
    enabled: opts.enabled ?? true,
    placeholderData: keepPreviousData,
    refetchInterval: onBoard || opts.live ? BOARD_REFRESH_MS : false,
    ...(opts.reference ? { staleTime: Infinity, refetchOnWindowFocus: false } : {}),
  });
  return {
    // A disabled read shows nothing (not the previous input's answer kept as a placeholder).
    data: opts.enabled === false ? null : ((q.data as OutputOf<M> | undefined) ?? null),
    error: q.error ? errorText(q.error) : null,
    loading: q.isFetching,
    reload: () => void q.refetch(),
  };
}

/** A write; on success every cached read is refreshed (through api.onWrite). */
export function useApiMutation<M extends MethodName>(method: M) {
  return useMutation<OutputOf<M>, Error, InputOf<M> | undefined>({ mutationFn: (input) => api.send(method, input) });
}

/** Forget everything cached (sign-out / another user signing in). */
export const clearApiCache = () => queryClient.clear();
