import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { certificationKeys } from '../../features/certifications/api';
import { CertificationForm } from '../../features/certifications/components/CertificationForm';
import { notifySuccess } from '../../lib/notify';

export function CertificationCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <>
      <PageHeader
        title="New certificate of conformity"
        subtitle="A draft until a manager issues it with a signature"
      />
      <CertificationForm
        onCreated={(c) => {
          void queryClient.invalidateQueries({ queryKey: certificationKeys.all });
          notifySuccess(`${c.number} is drafted.`);
          navigate(`/certifications/${c.id}`);
        }}
      />
    </>
  );
}
