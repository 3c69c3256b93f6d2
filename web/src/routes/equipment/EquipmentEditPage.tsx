import { Skeleton } from '@mantine/core';
import { useParams } from 'react-router';
import { useSetCrumb } from '../../app/shell/crumbs';
import { useRecordEdit } from '../../components/forms/useRecordEdit';
import { PageHeader } from '../../components/ui/PageHeader';
import { QueryError } from '../../components/ui/QueryState';
import {
  type Equipment,
  equipmentKeys,
  equipmentQuery,
  replaceEquipment,
  useEquipment,
} from '../../features/equipment/api';
import {
  EQUIPMENT_FIELDS,
  EquipmentForm,
  toFormValues,
  toInput,
  useEquipmentForm,
} from '../../features/equipment/components/EquipmentForm';

export function EquipmentEditPage() {
  const { id = '' } = useParams();
  const item = useEquipment(id);
  useSetCrumb(item.data?.asset_number);
  if (item.isLoading) return <Skeleton h={400} />;
  if (item.error || !item.data) return <QueryError error={item.error} what="equipment" />;
  return <EditForm item={item.data} />;
}

function EditForm({ item }: { item: Equipment }) {
  const form = useEquipmentForm(item);
  const edit = useRecordEdit({
    record: item,
    form,
    replace: replaceEquipment,
    toInput,
    toFormValues,
    query: equipmentQuery,
    keys: equipmentKeys,
    fields: EQUIPMENT_FIELDS,
    detailPath: (record) => `/equipment/${record.id}`,
    savedMessage: (updated) => `${updated.asset_number} was saved.`,
    savedTitle: 'Equipment saved',
  });
  return (
    <>
      <PageHeader title={`Edit ${item.asset_number}`} subtitle={`Version ${edit.base.version}`} />
      <EquipmentForm
        form={form}
        onSubmit={edit.onSubmit}
        pending={edit.pending}
        formError={edit.formError}
        submitLabel="Save changes"
        onCancel={edit.cancel}
      />
      {edit.conflictDialog}
    </>
  );
}
