import { Alert, Button, Group } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { errorMessage, isApiError } from '../../api/problem';
import { NotFound } from './NotFound';

/** What a page shows when its main query failed: a 404 page, or the problem with a retry button. */
export function QueryError({
  error,
  onRetry,
  what,
}: {
  error: unknown;
  onRetry?: () => void;
  what?: string;
}) {
  if (isApiError(error, 404)) return <NotFound what={what} />;
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="Could not load" role="alert">
      <Group justify="space-between">
        <span>{errorMessage(error)}</span>
        {onRetry && (
          <Button size="xs" variant="white" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}
