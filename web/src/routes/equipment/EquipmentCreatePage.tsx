import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { PageHeader } from '../../components/ui/PageHeader';
import { createEquipment, equipmentKeys } from '../../features/equipment/api';
import { EquipmentForm, toInput, useEquipmentForm } from '../../features/equipment/components/EquipmentForm';
import { notifySuccess } from '../../lib/notify';

export function EquipmentCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useEquipmentForm();
  const idempotencyKey = useRef(crypto.randomUUID());
  const { onSubmit, pending, formError } = useFormSubmit(
    form,
    (values) => createEquipment(toInput(values), idempotencyKey.current),
    {
      onSuccess: (item) => {
        void queryClient.invalidateQueries({ queryKey: equipmentKeys.all });
        notifySuccess(`${item.asset_number} was registered.`, 'Equipment registered');
        navigate(`/equipment/${item.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader title="Register equipment" />
      <EquipmentForm
        form={form}
        onSubmit={onSubmit}
        pending={pending}
        formError={formError}
        submitLabel="Register"
        onCancel={() => navigate('/equipment')}
      />
    </>
  );
}
