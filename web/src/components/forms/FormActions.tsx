import { Button, type ButtonProps, Group } from '@mantine/core';

/**
 * The footer of a form: its submit button, busy while `pending`, and Cancel when `onCancel` is
 * given. The submit button is `type="submit"`, so Enter in a field submits the form as it always
 * has; a dialog with no `<form>` passes `onSubmit` and gets a plain button calling it.
 * `start` (pages): submit then Cancel at the left. `end` (dialogs, panels and the quality forms):
 * Cancel then submit at the right. Cancel is disabled while saving unless `cancelWhilePending`.
 */
export function FormActions({
  submitLabel,
  pending,
  onCancel,
  onSubmit,
  align = 'start',
  cancelWhilePending = false,
  submitProps,
}: {
  submitLabel: React.ReactNode;
  pending: boolean;
  onCancel?: () => void;
  onSubmit?: () => void;
  align?: 'start' | 'end';
  cancelWhilePending?: boolean;
  /** the submit button's look: its color, variant or icon */
  submitProps?: ButtonProps;
}) {
  const submit = (
    <Button
      {...submitProps}
      {...(onSubmit ? { onClick: onSubmit } : { type: 'submit' as const })}
      loading={pending}
    >
      {submitLabel}
    </Button>
  );
  const cancel = onCancel && (
    <Button variant="default" onClick={onCancel} disabled={pending && !cancelWhilePending}>
      Cancel
    </Button>
  );
  return align === 'end' ? (
    <Group justify="flex-end">
      {cancel}
      {submit}
    </Group>
  ) : (
    <Group>
      {submit}
      {cancel}
    </Group>
  );
}
