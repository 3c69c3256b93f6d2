import type { ReactNode } from 'react';
import { type HistoryPage, HistoryTimeline } from './HistoryTimeline';
import { SectionCard } from './SectionCard';

/**
 * The "History" section every detail page ends with: the record's audit timeline in a titled card.
 * One component so the heading Playwright looks for (h2 "History") and its spacing stay the same on
 * every page. `children` go under the timeline (a version line, a note).
 */
export function HistoryCard({
  queryKey,
  fetchPage,
  children,
}: {
  queryKey: readonly unknown[];
  fetchPage: (skip: number) => Promise<HistoryPage>;
  children?: ReactNode;
}) {
  return (
    <SectionCard title="History">
      <HistoryTimeline queryKey={queryKey} fetchPage={fetchPage} />
      {children}
    </SectionCard>
  );
}
