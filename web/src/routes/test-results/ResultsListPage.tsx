import { Badge, Button, CloseButton, Group } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import type { ResultsQuery } from '../../features/test-results/api';
import { ResultsTable } from '../../features/test-results/components/ResultsTable';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

/** Links narrow the list to one record's results: ?plan_id=, ?execution_id=, ?sample_id=, ?project_id=. */
const SCOPES = ['plan_id', 'execution_id', 'sample_id', 'project_id'] as const;
const SCOPE_LABELS: Record<(typeof SCOPES)[number], string> = {
  plan_id: 'one test plan',
  execution_id: 'one execution',
  sample_id: 'one sample',
  project_id: 'one project',
};

export function ResultsListPage() {
  const me = useMe();
  const portal = me.role === 'customer';
  const [params, setParams] = useSearchParams();
  const fixed: ResultsQuery = {};
  for (const s of SCOPES) {
    const v = params.get(s);
    if (v) fixed[s] = v;
  }
  const scope = SCOPES.find((s) => fixed[s]);
  return (
    <>
      <PageHeader
        title={portal ? 'Approved results' : 'Test results'}
        subtitle={
          portal
            ? 'Results of your projects, once the laboratory has approved them'
            : 'Every value entered at the bench, with its verdicts'
        }
        actions={
          hasRole(me.role, ['manager', 'engineer']) && (
            <Button
              component={Link}
              to="/test-results/review"
              leftSection={<IconChecklist size={16} aria-hidden />}
            >
              Review and approve
            </Button>
          )
        }
      />
      {scope && (
        <Group mb="sm">
          <Badge
            variant="light"
            size="lg"
            rightSection={
              <CloseButton
                size="xs"
                aria-label="Show all results"
                onClick={() => {
                  for (const s of SCOPES) params.delete(s);
                  setParams(params);
                }}
              />
            }
          >
            Results of {SCOPE_LABELS[scope]}
          </Badge>
        </Group>
      )}
      <ResultsTable portal={portal} fixed={fixed} />
    </>
  );
}
