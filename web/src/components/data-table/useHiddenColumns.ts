import { useCallback, useState } from 'react';
import type { Column } from './types';

/** Which columns the user hid, remembered per table in localStorage. */
export function useHiddenColumns<T>(tableId: string, columns: Column<T>[]) {
  const storageKey = `labline.table.${tableId}.hidden`;
  const [hidden, setHidden] = useState<Set<string>>(() => {
    try {
      const stored = localStorage.getItem(storageKey);
      if (stored) return new Set(JSON.parse(stored) as string[]);
    } catch {
      // unreadable preference: fall back to the defaults
    }
    return new Set(columns.filter((c) => c.hiddenByDefault).map((c) => c.key));
  });
  const toggle = useCallback(
    (key: string) =>
      setHidden((current) => {
        const next = new Set(current);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        try {
          localStorage.setItem(storageKey, JSON.stringify([...next]));
        } catch {
          // storage full or blocked: the choice lasts for this page only
        }
        return next;
      }),
    [storageKey],
  );
  return { hidden, toggle };
}
