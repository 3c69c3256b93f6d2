import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

/** Lets a detail page name its breadcrumb ("Acme Textiles" instead of "Details"). */
const CrumbContext = createContext<{ label: string | null; set: (label: string | null) => void }>({
  label: null,
  set: () => {},
});

export function CrumbProvider({ children }: { children: ReactNode }) {
  const [label, set] = useState<string | null>(null);
  return <CrumbContext.Provider value={{ label, set }}>{children}</CrumbContext.Provider>;
}

export const useCrumbLabel = () => useContext(CrumbContext).label;

export function useSetCrumb(label: string | null | undefined) {
  const { set } = useContext(CrumbContext);
  useEffect(() => {
    set(label ?? null);
    return () => set(null);
  }, [label, set]);
}
