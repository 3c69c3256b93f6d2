import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { searchCustomerOptions } from '../api';

/** Chooses the customer a `customer` user is bound to; searches as the user types. */
export function CustomerPicker(props: {
  value: string | null;
  onChange: (value: string | null) => void;
  error?: React.ReactNode;
  required?: boolean;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const options = useQuery({
    queryKey: ['users', 'customer-options', debounced],
    queryFn: () => searchCustomerOptions(debounced),
  });
  return (
    <Select
      label="Customer"
      description="The customer this user may see in the portal"
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      data={options.data ?? []}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      required={props.required}
      nothingFoundMessage={options.isLoading ? 'Searching…' : 'No customer found'}
      filter={({ options: o }) => o}
    />
  );
}
