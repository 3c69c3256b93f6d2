import { Autocomplete, Select, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { FilterDef } from './types';

/** A text box that writes to the URL after the user pauses typing (no request per keystroke). */
export function DebouncedInput({
  value,
  onChange,
  ...props
}: { value: string; onChange: (value: string) => void } & Omit<
  React.ComponentProps<typeof TextInput>,
  'value' | 'onChange'
>) {
  const [local, setLocal] = useState(value);
  useEffect(() => setLocal(value), [value]);
  const commit = useDebouncedCallback(onChange, 300);
  return (
    <TextInput
      {...props}
      value={local}
      onChange={(event) => {
        setLocal(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onChange(local);
      }}
    />
  );
}

export function FilterControl({
  filter,
  value,
  onChange,
}: {
  filter: FilterDef;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  if (filter.type === 'select')
    return (
      <Select
        label={filter.label}
        data={filter.options}
        value={value ?? null}
        onChange={(v) => onChange(v ?? undefined)}
        clearable
        placeholder="Any"
        w={170}
        comboboxProps={{ withinPortal: true }}
      />
    );
  if (filter.type === 'suggest') return <SuggestInput filter={filter} value={value} onChange={onChange} />;
  if (filter.type === 'date')
    return (
      <DatePickerInput
        label={filter.label}
        value={value ?? null}
        onChange={(v) => onChange(v ?? undefined)}
        clearable
        placeholder="Any date"
        valueFormat="YYYY-MM-DD"
        w={160}
      />
    );
  return (
    <DebouncedInput
      label={filter.label}
      placeholder={filter.placeholder}
      value={value ?? ''}
      onChange={(v) => onChange(v.trim() || undefined)}
      w={200}
    />
  );
}

/**
 * Free text with a list of suggestions (Autocomplete): picking a suggestion applies it at once,
 * typed text applies after a pause or on Enter, like the search box.
 */
function SuggestInput({
  filter,
  value,
  onChange,
}: {
  filter: Extract<FilterDef, { type: 'suggest' }>;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const [local, setLocal] = useState(value ?? '');
  useEffect(() => setLocal(value ?? ''), [value]);
  const current = useRef(value);
  current.current = value;
  const apply = (v: string) => {
    const next = v.trim() || undefined;
    if (next !== current.current) onChange(next);
  };
  const commit = useDebouncedCallback(apply, 400);
  return (
    <Autocomplete
      label={filter.label}
      placeholder={filter.placeholder ?? 'Any'}
      data={filter.suggestions}
      value={local}
      onChange={(v) => {
        setLocal(v);
        commit(v);
      }}
      onOptionSubmit={(v) => {
        commit.cancel();
        apply(v);
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Enter') return;
        commit.cancel();
        apply(local);
      }}
      limit={30}
      maxDropdownHeight={280}
      w={170}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
