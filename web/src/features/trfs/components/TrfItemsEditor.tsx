import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { SectionCard } from '../../../components/detail/SectionCard';
import { RemoteMultiSelect } from '../../../components/forms/RemoteSelect';
import { methodOptions, specificationOptions } from '../api';
import { emptyItem, type TrfFormApi } from './trfForm';

/**
 * The items of a request: what each one is, and which tests and specifications it is for. Items are
 * numbered in the order shown; the server checks every method and specification exists.
 */
export function TrfItemsEditor({ form, staff }: { form: TrfFormApi; staff: boolean }) {
  const items = form.getValues().items;
  return (
    <SectionCard
      title="Items"
      actions={
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => form.insertListItem('items', emptyItem())}
        >
          Add item
        </Button>
      }
    >
      {typeof form.errors.items === 'string' && (
        <Text c="red" size="sm" mb="sm" role="alert">
          {form.errors.items}
        </Text>
      )}
      <Stack gap="md">
        {items.map((item, i) => (
          <Card
            key={form.key(`items.${i}`)}
            withBorder
            padding="md"
            data-testid="trf-item"
            bg="var(--mantine-color-body)"
          >
            <Group justify="space-between" mb="xs">
              <Badge variant="light" size="lg">
                Item {i + 1}
              </Badge>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove item ${i + 1}`}
                disabled={items.length === 1}
                onClick={() => form.removeListItem('items', i)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
            {form.errors[`items.${i}.item_no`] && (
              <Text c="red" size="sm" role="alert">
                {form.errors[`items.${i}.item_no`]}
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label="Description"
                required
                placeholder="e.g. Knitted jersey T-shirt, navy"
                style={{ gridColumn: 'span 2' }}
                {...form.getInputProps(`items.${i}.description`)}
                key={form.key(`items.${i}.description`)}
              />
              <NumberInput
                label="Quantity"
                min={1}
                allowDecimal={false}
                {...form.getInputProps(`items.${i}.quantity`)}
                key={form.key(`items.${i}.quantity`)}
              />
              <TextInput
                label="Material / fibre composition"
                placeholder="e.g. 95% cotton, 5% elastane"
                {...form.getInputProps(`items.${i}.composition`)}
                key={form.key(`items.${i}.composition`)}
              />
              <TextInput
                label="Colour"
                {...form.getInputProps(`items.${i}.colour`)}
                key={form.key(`items.${i}.colour`)}
              />
              <TextInput
                label="End use"
                placeholder="e.g. children’s sleepwear"
                {...form.getInputProps(`items.${i}.end_use`)}
                key={form.key(`items.${i}.end_use`)}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
              <RemoteMultiSelect
                label="Requested tests"
                placeholder={item.method_ids.length ? undefined : 'Search the method catalogue'}
                source={methodOptions}
                clearable
                {...form.getInputProps(`items.${i}.method_ids`)}
                key={form.key(`items.${i}.method_ids`)}
              />
              <RemoteMultiSelect
                label="Specifications to judge against"
                description={staff ? undefined : 'Optional: the laboratory confirms them when it reviews'}
                placeholder={item.specification_ids.length ? undefined : 'Search specifications'}
                source={specificationOptions}
                clearable
                {...form.getInputProps(`items.${i}.specification_ids`)}
                key={form.key(`items.${i}.specification_ids`)}
              />
            </SimpleGrid>
          </Card>
        ))}
      </Stack>
    </SectionCard>
  );
}
