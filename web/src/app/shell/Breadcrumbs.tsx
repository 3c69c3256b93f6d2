import { Anchor, Breadcrumbs as MantineBreadcrumbs, Text } from '@mantine/core';
import { Link, type UIMatch, useMatches } from 'react-router';
import { useCrumbLabel } from './crumbs';

export interface CrumbHandle {
  crumb?: string;
}

/** Trail from the route handles (`handle: { crumb }`); a page may name its own last crumb. */
export function Breadcrumbs() {
  const matches = useMatches() as UIMatch<unknown, CrumbHandle>[];
  const override = useCrumbLabel();
  const crumbs = matches.filter((m) => m.handle?.crumb);
  if (crumbs.length < 2) return <div style={{ minHeight: 22 }} />;
  // a navigation landmark, so screen readers list the trail with the page's other navigation
  return (
    <nav aria-label="Breadcrumb">
      <MantineBreadcrumbs mb="sm" style={{ minHeight: 22 }}>
        {crumbs.map((match, i) => {
          const last = i === crumbs.length - 1;
          const label = last && override ? override : match.handle.crumb;
          return last ? (
            <Text key={match.id} size="sm" aria-current="page">
              {label}
            </Text>
          ) : (
            <Anchor key={match.id} component={Link} to={match.pathname} size="sm">
              {label}
            </Anchor>
          );
        })}
      </MantineBreadcrumbs>
    </nav>
  );
}
