import { Anchor, Card, Grid, Skeleton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { Fields } from '../../components/detail/Fields';
import { HistoryCard } from '../../components/detail/HistoryCard';
import { SectionCard } from '../../components/detail/SectionCard';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import { VerdictChip } from '../../components/ui/VerdictChip';
import { SignaturesCard } from '../../features/signatures/SignatureList';
import {
  formatValue,
  resultHistory,
  resultKeys,
  type TestResult,
  useResult,
} from '../../features/test-results/api';
import { CorrectionChain } from '../../features/test-results/components/CorrectionChain';
import { ResultActions } from '../../features/test-results/components/ResultActions';
import { ResultStatusBadge } from '../../features/test-results/components/ResultStatusBadge';
import { VerdictsTable } from '../../features/test-results/components/VerdictsTable';
import { useMe } from '../../lib/auth/useAuth';
import { formatDateTime } from '../../lib/format';

export function ResultDetailPage() {
  const { id = '' } = useParams();
  const result = useResult(id);
  useSetCrumb(result.data ? `${result.data.sample_number} · ${result.data.parameter}` : undefined);
  if (result.isLoading) return <Skeleton h={320} />;
  if (result.error || !result.data)
    return <QueryError error={result.error} what="result" onRetry={() => result.refetch()} />;
  return <ResultDetail result={result.data} />;
}

function ResultDetail({ result }: { result: TestResult }) {
  const me = useMe();
  const staff = me.role !== 'customer';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const changed = (next: TestResult) => {
    void queryClient.invalidateQueries({ queryKey: resultKeys.all });
    if (next.id !== result.id) navigate(`/test-results/${next.id}`);
  };
  return (
    <>
      <PageHeader
        title={`${result.parameter}: ${formatValue(result)}`}
        badge={<VerdictChip verdict={result.overall_verdict} size="lg" />}
        subtitle={`${result.project_number} · ${result.sample_number} · ${result.method_code}`}
        actions={staff && <ResultActions result={result} role={me.role} onChanged={changed} />}
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: staff ? 8 : 12 }}>
          <Card withBorder padding="lg" mb="md">
            <Fields
              items={[
                { label: 'Status', value: <ResultStatusBadge result={result} /> },
                {
                  label: 'Decision rule',
                  value: result.decision_rule === 'guarded' ? 'Guarded acceptance' : 'Simple acceptance',
                },
                { label: 'Value', value: result.value },
                { label: 'Unit', value: result.unit },
                { label: 'Uncertainty (±)', value: result.uncertainty },
                {
                  label: 'Execution',
                  value: staff ? (
                    <Anchor component={Link} to={`/test-executions/${result.execution_id}`} size="sm">
                      {result.sample_number}
                    </Anchor>
                  ) : (
                    result.sample_number
                  ),
                },
                {
                  label: 'Entered',
                  value: `${formatDateTime(result.created_at)} by ${result.entered_by_name ?? '—'}`,
                },
                {
                  label: 'Reviewed',
                  value: result.reviewed_at
                    ? `${formatDateTime(result.reviewed_at)} by ${result.reviewed_by_name ?? '—'}`
                    : null,
                },
                {
                  label: 'Approved',
                  value: result.approved_at
                    ? `${formatDateTime(result.approved_at)} by ${result.approved_by_name ?? '—'}`
                    : null,
                },
                { label: 'Rejected because', value: result.rejection_reason },
                { label: 'Correction reason', value: result.correction_reason },
              ]}
            />
          </Card>
          <SectionCard title="Verdicts per specification" titleGap="sm" mb="md">
            <VerdictsTable verdicts={result.verdicts} />
          </SectionCard>
          <SignaturesCard title="Approval signature" signatures={result.signatures} mb="md" />
          <SectionCard title="Corrections" titleGap="sm">
            <CorrectionChain result={result} />
          </SectionCard>
        </Grid.Col>
        {staff && (
          <Grid.Col span={{ base: 12, md: 4 }}>
            <HistoryCard
              queryKey={[...resultKeys.history(result.id), result.version]}
              fetchPage={(skip) => resultHistory(result.id, skip)}
            />
          </Grid.Col>
        )}
      </Grid>
    </>
  );
}
