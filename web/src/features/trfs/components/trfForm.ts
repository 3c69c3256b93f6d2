import { useForm } from '@mantine/form';
import type { Trf, TrfInput } from '../api';

/** The TRF form's values (text as typed) and their conversion to and from the API body. */
export interface ItemRow {
  description: string;
  composition: string;
  colour: string;
  quantity: number | string;
  end_use: string;
  method_ids: string[];
  specification_ids: string[];
}

export interface TrfFormValues {
  project_id: string | null;
  applicant: { name: string; company: string; address: string; email: string; phone: string };
  items: ItemRow[];
  special_instructions: string;
  declaration_accepted: boolean;
  signature_name: string;
  signature_date: string | null;
}

/** Labels for the conflict dialog (field → label). */
export const TRF_FIELDS = [
  { key: 'project_id', label: 'Project' },
  { key: 'applicant', label: 'Applicant' },
  { key: 'items', label: 'Items' },
  { key: 'special_instructions', label: 'Special instructions' },
  { key: 'declaration_accepted', label: 'Declaration accepted' },
  { key: 'signature_name', label: 'Signed by' },
  { key: 'signature_date', label: 'Signature date' },
];

export const DECLARATION =
  'I confirm that the information in this request is correct, that the samples may be tested as requested ' +
  'and that the laboratory’s terms and conditions apply.';

export const emptyItem = (): ItemRow => ({
  description: '',
  composition: '',
  colour: '',
  quantity: '',
  end_use: '',
  method_ids: [],
  specification_ids: [],
});

/** Prefill for a new request (the portal fills the applicant from the signed-in customer). */
export interface TrfDefaults {
  project_id?: string | null;
  applicant?: Partial<TrfFormValues['applicant']>;
  signature_name?: string;
}

export function toFormValues(trf?: Trf, defaults: TrfDefaults = {}): TrfFormValues {
  const a = trf?.applicant;
  return {
    project_id: trf?.project_id ?? defaults.project_id ?? null,
    applicant: {
      name: a?.name ?? defaults.applicant?.name ?? '',
      company: a?.company ?? defaults.applicant?.company ?? '',
      address: a?.address ?? defaults.applicant?.address ?? '',
      email: a?.email ?? defaults.applicant?.email ?? '',
      phone: a?.phone ?? defaults.applicant?.phone ?? '',
    },
    items: trf
      ? trf.items.map((i) => ({
          description: i.description,
          composition: i.composition ?? '',
          colour: i.colour ?? '',
          quantity: i.quantity ?? '',
          end_use: i.end_use ?? '',
          method_ids: i.method_ids,
          specification_ids: i.specification_ids,
        }))
      : [emptyItem()],
    special_instructions: trf?.special_instructions ?? '',
    declaration_accepted: trf?.declaration_accepted ?? false,
    signature_name: trf?.signature_name ?? defaults.signature_name ?? '',
    signature_date: trf?.signature_date ?? null,
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** Form values → the API body: items numbered 1..n in the order shown; no date means today. */
export function toInput(values: TrfFormValues): TrfInput {
  return {
    project_id: values.project_id ?? '',
    applicant: {
      name: values.applicant.name.trim(),
      company: orNull(values.applicant.company),
      address: orNull(values.applicant.address),
      email: orNull(values.applicant.email),
      phone: orNull(values.applicant.phone),
    },
    items: values.items.map((item, i) => ({
      item_no: i + 1,
      description: item.description.trim(),
      composition: orNull(item.composition),
      colour: orNull(item.colour),
      quantity: item.quantity === '' ? null : Number(item.quantity),
      end_use: orNull(item.end_use),
      method_ids: item.method_ids,
      specification_ids: item.specification_ids,
    })),
    special_instructions: orNull(values.special_instructions),
    declaration_accepted: values.declaration_accepted,
    signature_name: orNull(values.signature_name),
    signature_date: values.signature_date || null,
  };
}

export function useTrfForm(initial?: Trf, defaults?: TrfDefaults) {
  return useForm<TrfFormValues>({
    initialValues: toFormValues(initial, defaults),
    validate: {
      project_id: (v) => (v ? null : 'Choose the project'),
      applicant: {
        name: (v) => (v.trim() ? null : 'Enter the applicant’s name'),
        email: (v) => (!v.trim() || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid e-mail address'),
      },
      items: { description: (v) => (v.trim() ? null : 'Describe the item') },
      declaration_accepted: (v) => (v ? null : 'Accept the declaration to submit the request'),
      signature_name: (v) => (v.trim() ? null : 'Sign with your name'),
    },
  });
}

export type TrfFormApi = ReturnType<typeof useTrfForm>;
