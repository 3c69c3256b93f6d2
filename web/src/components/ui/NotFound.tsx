import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFound({ what = 'page' }: { what?: string }) {
  return (
    <Center mih="60vh">
      <Stack align="center" gap="sm">
        <Text fz={64} fw={700} c="dimmed" aria-hidden>
          404
        </Text>
        <Title order={1} fz="h2">
          This {what} does not exist
        </Title>
        <Text c="dimmed">The link may be old, or the record may not be visible to you.</Text>
        <Button component={Link} to="/">
          Go to the start page
        </Button>
      </Stack>
    </Center>
  );
}
