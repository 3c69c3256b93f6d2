import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';

/** The centred card every signed-out page uses. */
export function AuthCard({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Labline`;
  }, [title]);
  return (
    <Center mih="100vh" p="md">
      <Stack w="100%" maw={420} gap="lg">
        <Group gap={8} justify="center">
          <IconFlask size={28} aria-hidden color="var(--mantine-color-blue-6)" />
          <Text fw={700} fz="xl">
            Labline
          </Text>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Title order={1} fz="h3" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
        {footer && (
          <Text size="sm" ta="center" c="dimmed">
            {footer}
          </Text>
        )}
      </Stack>
    </Center>
  );
}
