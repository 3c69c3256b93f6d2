import { Alert, Button, Code, Container, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnectedX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiError, errorMessage, isNetworkError } from '../../api/problem';
import { NotFound } from './NotFound';

/**
 * The global error boundary: whatever a page throws while rendering ends here, not in a blank page.
 * Three cases, told apart because the reader's next step differs: the server was not reached
 * (check the connection), the server answered with an error (its detail and request id), or the
 * page's own code failed (a bug: reload, and report it if it comes back).
 */
export function RouteError() {
  const error = useRouteError();
  if (
    (isRouteErrorResponse(error) && error.status === 404) ||
    (error instanceof ApiError && error.status === 404)
  )
    return <NotFound />;
  if (isNetworkError(error))
    return (
      <ErrorPage title="The server could not be reached">
        <Alert color="orange" icon={<IconPlugConnectedX aria-hidden />} title="No answer from Labline">
          Check the network connection, then reload the page. Nothing you saved before is lost.
        </Alert>
      </ErrorPage>
    );
  if (error instanceof ApiError)
    return (
      <ErrorPage title="Something went wrong">
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="The page could not be shown">
          {errorMessage(error)}
          {error.problem.request_id && (
            <div>
              Reference: <Code>{error.problem.request_id}</Code>
            </div>
          )}
        </Alert>
      </ErrorPage>
    );
  const details = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : undefined;
  return (
    <ErrorPage title="Something went wrong on this page">
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="This page stopped working">
        Reloading usually helps. If it happens again, tell your administrator which page it was and what you
        did just before.
        {details && (
          <Text size="sm" mt="xs">
            Details: <Code>{details}</Code>
          </Text>
        )}
      </Alert>
    </ErrorPage>
  );
}

function ErrorPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1} fz="h2">
          {title}
        </Title>
        {children}
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
