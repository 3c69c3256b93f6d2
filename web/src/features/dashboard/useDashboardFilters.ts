import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { DashboardFilters } from './api';

const KEYS = ['from', 'to', 'customer_id', 'method_id'] as const;

/** The dashboard's filters live in the URL, so a filtered view can be bookmarked and shared. */
export function useDashboardFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: DashboardFilters = {};
    for (const key of KEYS) {
      const value = params.get(key);
      if (value) f[key] = value;
    }
    return f;
  }, [params]);
  const setFilters = useCallback(
    (patch: Partial<DashboardFilters>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { filters, setFilters };
}
