import { useForm } from '@mantine/form';
import type { ReviseInput, Specification, SpecificationInput } from '../api';
import { emptyLimit, type LimitRow, toLimits, toRows, validateLimits } from './limits';

/** The specification form (create, edit, revise): values, rules and the API bodies made from them. */
export interface SpecificationFormValues {
  code: string;
  name: string;
  description: string;
  source: string;
  limits: LimitRow[];
}

export const SPECIFICATION_FIELDS = [
  { key: 'code', label: 'Code' },
  { key: 'name', label: 'Name' },
  { key: 'description', label: 'Description' },
  { key: 'source', label: 'Source' },
  { key: 'limits', label: 'Limits' },
];

export function toFormValues(spec?: Specification): SpecificationFormValues {
  return {
    code: spec?.code ?? '',
    name: spec?.name ?? '',
    description: spec?.description ?? '',
    source: spec?.source ?? '',
    limits: spec ? toRows(spec.limits) : [emptyLimit()],
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

export function toInput(values: SpecificationFormValues): SpecificationInput {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    description: orNull(values.description),
    source: orNull(values.source),
    limits: toLimits(values.limits),
  };
}

/** PUT body of an edit: the editable text, with the revision's code and limits sent back as they are. */
export function toReplaceInput(values: SpecificationFormValues, spec: Specification): SpecificationInput {
  return { ...toInput(values), code: spec.code, limits: spec.limits };
}

export function toReviseInput(values: SpecificationFormValues): ReviseInput {
  return {
    name: values.name.trim(),
    description: orNull(values.description),
    source: orNull(values.source),
    limits: toLimits(values.limits),
  };
}

export function useSpecificationForm(initial?: Specification) {
  return useForm<SpecificationFormValues>({
    initialValues: toFormValues(initial),
    validate: (values) => ({
      ...(values.code.trim() ? {} : { code: 'Enter the code' }),
      ...(values.name.trim() ? {} : { name: 'Enter the name' }),
      ...validateLimits(values.limits),
    }),
  });
}

export type SpecificationFormApi = ReturnType<typeof useSpecificationForm>;
