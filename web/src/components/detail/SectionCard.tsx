import { Card, type CardProps, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface SectionCardProps extends Omit<CardProps, 'title' | 'children'> {
  /** The section's h2; its text is the heading's accessible name. */
  title: ReactNode;
  /** Space under the heading row. */
  titleGap?: 'xs' | 'sm' | 'md';
  /**
   * Shown at the right end of the heading row (a button, a count). When the prop is given at all,
   * even as `false`, the heading is laid out as a row, so `actions={canWrite && <Button …/>}` keeps
   * the same markup whether or not the button shows.
   */
  actions?: ReactNode;
  children?: ReactNode;
}

/**
 * A bordered card with an h2 title: the section of a detail page (History, Limits, Revisions…).
 * It exists so every page draws its sections the same way — one heading level (h2, sized as h4,
 * under the page's h1), one padding, one spacing under the title — instead of each page spelling
 * out the Card and Title by hand and drifting. Card props (mb, data-testid…) pass through.
 */
export function SectionCard({ title, titleGap = 'md', actions, children, ...card }: SectionCardProps) {
  return (
    <Card withBorder padding="lg" {...card}>
      {actions === undefined ? (
        <Title order={2} fz="h4" mb={titleGap}>
          {title}
        </Title>
      ) : (
        <Group justify="space-between" mb={titleGap}>
          <Title order={2} fz="h4">
            {title}
          </Title>
          {actions}
        </Group>
      )}
      {children}
    </Card>
  );
}
