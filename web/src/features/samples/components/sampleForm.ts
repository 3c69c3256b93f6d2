import { useForm } from '@mantine/form';
import type { Sample, SampleCondition, SampleInput } from '../api';

/** The sample form's values and their conversion to and from the API body. */
export interface SampleFormValues {
  project_id: string | null;
  trf_id: string | null;
  trf_item_no: string | null;
  description: string;
  received_date: string | null;
  condition: SampleCondition;
  condition_notes: string;
  storage_location: string;
  retention_until: string | null;
}

export const SAMPLE_FIELDS = [
  { key: 'project_id', label: 'Project' },
  { key: 'trf_id', label: 'TRF' },
  { key: 'trf_item_no', label: 'TRF item' },
  { key: 'description', label: 'Description' },
  { key: 'received_date', label: 'Received' },
  { key: 'condition', label: 'Condition' },
  { key: 'condition_notes', label: 'Condition notes' },
  { key: 'storage_location', label: 'Storage location' },
  { key: 'retention_until', label: 'Retain until' },
];

export function toFormValues(sample?: Sample, defaults: Partial<SampleFormValues> = {}): SampleFormValues {
  return {
    project_id: sample?.project_id ?? defaults.project_id ?? null,
    trf_id: sample?.trf_id ?? defaults.trf_id ?? null,
    trf_item_no: sample?.trf_item_no != null ? String(sample.trf_item_no) : (defaults.trf_item_no ?? null),
    description: sample?.description ?? '',
    received_date: sample?.received_date ?? null,
    condition: sample?.condition ?? 'ok',
    condition_notes: sample?.condition_notes ?? '',
    storage_location: sample?.storage_location ?? defaults.storage_location ?? '',
    retention_until: sample?.retention_until ?? null,
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** Form values → the API body; an empty received date means today (server default). */
export function toInput(values: SampleFormValues): SampleInput {
  return {
    project_id: values.project_id ?? '',
    trf_id: values.trf_id || null,
    trf_item_no: values.trf_id && values.trf_item_no ? Number(values.trf_item_no) : null,
    description: values.description.trim(),
    ...(values.received_date ? { received_date: values.received_date } : {}),
    condition: values.condition,
    condition_notes: orNull(values.condition_notes),
    storage_location: orNull(values.storage_location),
    retention_until: values.retention_until || null,
  };
}

export function useSampleForm(initial?: Sample, defaults?: Partial<SampleFormValues>) {
  return useForm<SampleFormValues>({
    initialValues: toFormValues(initial, defaults),
    validate: {
      project_id: (v) => (v ? null : 'Choose the project'),
      description: (v) => (v.trim() ? null : 'Describe the sample'),
      trf_item_no: (v, values) => (values.trf_id && !v ? 'Choose the item of the TRF' : null),
      condition_notes: (v, values) =>
        values.condition !== 'ok' && !v.trim() ? 'Describe the condition (required unless OK)' : null,
      retention_until: (v, values) =>
        v && values.received_date && v < values.received_date ? 'Cannot be before the received date' : null,
    },
  });
}

export type SampleFormApi = ReturnType<typeof useSampleForm>;
