import { Alert, Button, Code, Container, Group, Stack, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiError, errorMessage } from '../../api/problem';
import { NotFound } from './NotFound';

/** The global error boundary: whatever a page throws while rendering ends here, not in a blank page. */
export function RouteError() {
  const error = useRouteError();
  if (
    (isRouteErrorResponse(error) && error.status === 404) ||
    (error instanceof ApiError && error.status === 404)
  )
    return <NotFound />;
  const requestId = error instanceof ApiError ? error.problem.request_id : undefined;
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1} fz="h2">
          Something went wrong
        </Title>
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="The page could not be shown">
          {errorMessage(error)}
          {requestId && (
            <div>
              Reference: <Code>{requestId}</Code>
            </div>
          )}
        </Alert>
        <Group>
          <Button onClick={() => window.location.reload()}>Reload the page</Button>
          <Button variant="default" component="a" href="/">
            Go to the start page
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}
