import { useForm } from '@mantine/form';
import type { Method, MethodInput } from '../api';

/** The method form's values (text as typed) and their conversion to and from the API body. */
export interface ParameterRow {
  name: string;
  unit: string;
  kind: 'numeric' | 'text';
  decimals: number | string;
}

export interface MethodFormValues {
  code: string;
  title: string;
  standard_reference: string;
  method_version: string;
  description: string;
  parameters: ParameterRow[];
  default_price: string;
  currency: string;
  tat_days: number | string;
  accredited: boolean;
  authorised_engineer_ids: string[];
  is_active: boolean;
}

/** Labels for the conflict dialog (field → label). */
export const METHOD_FIELDS = [
  { key: 'code', label: 'Code' },
  { key: 'title', label: 'Title' },
  { key: 'standard_reference', label: 'Standard reference' },
  { key: 'method_version', label: 'Version' },
  { key: 'description', label: 'Description' },
  { key: 'parameters', label: 'Parameters' },
  { key: 'default_price', label: 'Default price' },
  { key: 'currency', label: 'Currency' },
  { key: 'tat_days', label: 'TAT (working days)' },
  { key: 'accredited', label: 'Accredited' },
  { key: 'authorised_engineer_ids', label: 'Authorised engineers' },
  { key: 'is_active', label: 'Active' },
];

export const emptyParameter = (): ParameterRow => ({ name: '', unit: '', kind: 'numeric', decimals: '' });

export function toFormValues(method?: Method): MethodFormValues {
  return {
    code: method?.code ?? '',
    title: method?.title ?? '',
    standard_reference: method?.standard_reference ?? '',
    method_version: method?.method_version ?? '',
    description: method?.description ?? '',
    // a new method starts with one parameter row: almost every method measures something
    parameters: method
      ? method.parameters.map((p) => ({
          name: p.name,
          unit: p.unit ?? '',
          kind: p.kind ?? 'numeric',
          decimals: p.decimals ?? '',
        }))
      : [emptyParameter()],
    default_price: method?.default_price ?? '',
    currency: method?.currency ?? '',
    tat_days: method?.tat_days ?? '',
    accredited: method?.accredited ?? false,
    authorised_engineer_ids: method?.authorised_engineer_ids ?? [],
    is_active: method?.is_active ?? true,
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);
const numberOrNull = (v: number | string) => (v === '' || v === null ? null : Number(v));

/** Form values → the API body. A blank currency is left out: the server uses the lab's default. */
export function toInput(values: MethodFormValues): MethodInput {
  const input: MethodInput = {
    code: values.code.trim(),
    title: values.title.trim(),
    standard_reference: orNull(values.standard_reference),
    method_version: orNull(values.method_version),
    description: orNull(values.description),
    parameters: values.parameters.map((p) => ({
      name: p.name.trim(),
      unit: orNull(p.unit),
      kind: p.kind,
      decimals: p.kind === 'text' ? null : numberOrNull(p.decimals),
    })),
    default_price: orNull(values.default_price),
    tat_days: numberOrNull(values.tat_days),
    accredited: values.accredited,
    authorised_engineer_ids: values.authorised_engineer_ids,
    is_active: values.is_active,
  };
  if (values.currency.trim()) input.currency = values.currency.trim().toUpperCase();
  return input;
}

/** The same rules the server applies, checked before sending (the server's 422 still maps onto fields). */
function duplicateName(name: string, values: MethodFormValues, index: number) {
  const key = name.trim().toLowerCase();
  return values.parameters.findIndex((p) => p.name.trim().toLowerCase() === key) < index;
}

export function useMethodForm(initial?: Method) {
  return useForm<MethodFormValues>({
    initialValues: toFormValues(initial),
    validate: {
      code: (v) => (v.trim() ? null : 'Enter the method code'),
      title: (v) => (v.trim() ? null : 'Enter the title'),
      default_price: (v) =>
        !v.trim() || /^\d{1,12}(\.\d{1,2})?$/.test(v.trim()) ? null : 'A price like 85 or 85.50 (≥ 0)',
      currency: (v) => (!v.trim() || /^[A-Za-z]{3}$/.test(v.trim()) ? null : 'Three letters, e.g. EUR'),
      parameters: {
        name: (v, values, path) => {
          if (!v.trim()) return 'Enter the parameter name';
          const index = Number(path.split('.')[1]);
          return duplicateName(v, values, index) ? 'This name is already a parameter' : null;
        },
      },
    },
  });
}

export type MethodFormApi = ReturnType<typeof useMethodForm>;
