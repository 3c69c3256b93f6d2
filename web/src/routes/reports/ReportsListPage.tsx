import { Button } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useState } from 'react';
import { PageHeader } from '../../components/ui/PageHeader';
import { GenerateReportDialog } from '../../features/reports/components/GenerateReportDialog';
import { ReportsTable } from '../../features/reports/components/ReportsTable';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';

export function ReportsListPage() {
  const me = useMe();
  const [generating, setGenerating] = useState(false);
  const generate = hasRole(me.role, ['admin', 'manager', 'engineer']) ? (
    <Button leftSection={<IconFilePlus size={16} aria-hidden />} onClick={() => setGenerating(true)}>
      Generate report
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title={me.role === 'customer' ? 'My reports' : 'Test reports'}
        subtitle="ISO/IEC 17025 test reports: drafts, issued, amended"
        actions={generate}
      />
      <ReportsTable emptyAction={generate} />
      <GenerateReportDialog opened={generating} onClose={() => setGenerating(false)} />
    </>
  );
}
