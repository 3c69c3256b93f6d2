import { PageHeader } from '../../components/ui/PageHeader';
import { QuotesTable } from '../../features/estimations/components/QuotesTable';

export function QuotesListPage() {
  return (
    <>
      <PageHeader title="Quotes" subtitle="Estimations sent to customers, every revision" />
      <QuotesTable />
    </>
  );
}
