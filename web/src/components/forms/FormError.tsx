import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

/** The form-level problem, announced to screen readers. Renders nothing when there is none. */
export function FormError({
  message,
  title = 'Please check the form',
}: {
  message: string | null;
  title?: string;
}) {
  if (!message) return null;
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={title} role="alert">
      {message}
    </Alert>
  );
}
