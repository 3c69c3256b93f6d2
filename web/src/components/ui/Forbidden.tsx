import { Button, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';

export function Forbidden() {
  return (
    <Stack align="center" py="xl" gap="sm">
      <IconLock size={40} aria-hidden />
      <Title order={2}>Not allowed</Title>
      <Text c="dimmed">Your role does not give access to this page.</Text>
      <Button component={Link} to="/" variant="light">
        Go to the start page
      </Button>
    </Stack>
  );
}
