import { Button, Checkbox, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../../api/problem';
import { FormError } from '../../../components/forms/FormError';
import { RemoteSelect } from '../../../components/forms/RemoteSelect';
import {
  type Certification,
  createCertification,
  passingResults,
  projectCustomer,
  searchProjects,
  searchSpecifications,
} from '../api';

const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

/**
 * Drafts a certificate: a project and a specification, then the approved results of that project
 * which pass it (only those are offered; the server checks again and names any that do not).
 */
export function CertificationForm({ onCreated }: { onCreated: (c: Certification) => void }) {
  const [projectId, setProjectId] = useState<string | null>(null);
  const [specId, setSpecId] = useState<string | null>(null);
  const [resultIds, setResultIds] = useState<string[]>([]);
  const [product, setProduct] = useState('');
  const [standard, setStandard] = useState('');
  const [scope, setScope] = useState('');
  const [expiry, setExpiry] = useState<string | null>(inAYear());
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const key = useRef(crypto.randomUUID());
  const results = useQuery({
    queryKey: ['certifications', 'basis', projectId, specId],
    enabled: Boolean(projectId && specId),
    queryFn: () => passingResults(projectId!, specId!),
  });
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!projectId) missing.project_id = 'Choose the project the results come from';
    if (!specId) missing.specification_id = 'Choose the specification the product passes';
    if (!resultIds.length) missing.result_ids = 'Choose at least one passing result';
    if (!product.trim()) missing.product = 'Name the product';
    if (!standard.trim()) missing.standard = 'Name the standard';
    if (!scope.trim()) missing.scope = 'Describe the scope';
    if (!expiry) missing.expiry_date = 'Choose the expiry date';
    setFieldErrors(missing);
    if (Object.keys(missing).length) return;
    setPending(true);
    setError(null);
    try {
      const created = await createCertification(
        {
          customer_id: await projectCustomer(projectId!),
          project_id: projectId,
          specification_id: specId!,
          result_ids: resultIds,
          product: product.trim(),
          standard: standard.trim(),
          scope: scope.trim(),
          expiry_date: expiry!,
        },
        key.current,
      );
      key.current = crypto.randomUUID();
      onCreated(created as Certification);
    } catch (e) {
      if (isApiError(e, 422))
        setFieldErrors(
          Object.fromEntries(e.fieldErrors.map((f) => [f.field.replace(/\[\d+\]$/, ''), f.message])),
        );
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={760}>
        <FormError message={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <RemoteSelect
            label="Project"
            required
            data-autofocus
            source={{ queryKey: ['projects', 'options'], search: searchProjects }}
            value={projectId}
            onChange={(v) => {
              setProjectId(v);
              setResultIds([]);
            }}
            error={fieldErrors.project_id}
          />
          <RemoteSelect
            label="Specification"
            required
            source={{ queryKey: ['specifications', 'options'], search: searchSpecifications }}
            value={specId}
            onChange={(v) => {
              setSpecId(v);
              setResultIds([]);
            }}
            error={fieldErrors.specification_id}
          />
        </SimpleGrid>
        <Checkbox.Group
          label="Results it rests on"
          description="Approved results of the project that pass the specification"
          value={resultIds}
          onChange={setResultIds}
          error={fieldErrors.result_ids}
          required
        >
          <Stack gap={4} mt="xs">
            {!projectId || !specId ? (
              <Text size="sm" c="dimmed">
                Choose a project and a specification first.
              </Text>
            ) : results.data?.length ? (
              results.data.map((r) => (
                <Checkbox
                  key={r.id}
                  value={r.id}
                  label={`${r.sample_number} · ${r.parameter}: ${r.value}${r.unit ? ` ${r.unit}` : ''}`}
                />
              ))
            ) : (
              <Text size="sm" c="dimmed">
                {results.isLoading
                  ? 'Loading…'
                  : 'No approved result of this project passes that specification.'}
              </Text>
            )}
          </Stack>
        </Checkbox.Group>
        <TextInput
          label="Product"
          required
          maxLength={300}
          value={product}
          onChange={(e) => setProduct(e.currentTarget.value)}
          error={fieldErrors.product}
        />
        <TextInput
          label="Standard"
          required
          maxLength={300}
          value={standard}
          onChange={(e) => setStandard(e.currentTarget.value)}
          error={fieldErrors.standard}
        />
        <Textarea
          label="Scope"
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={scope}
          onChange={(e) => setScope(e.currentTarget.value)}
          error={fieldErrors.scope}
        />
        <DatePickerInput
          label="Valid until"
          required
          valueFormat="YYYY-MM-DD"
          value={expiry}
          onChange={(v) => setExpiry(v as string | null)}
          error={fieldErrors.expiry_date}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            Create draft
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
