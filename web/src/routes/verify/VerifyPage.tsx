import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Code,
  FileButton,
  Group,
  Loader,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconFileSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { isApiError, unwrap } from '../../api/problem';
import type { ResponseOf } from '../../api/types';

type Verification = ResponseOf<'verify-get'>;

const LOOK: Record<
  Verification['status'],
  { color: string; title: string; text: string; icon: typeof IconCircleCheck }
> = {
  valid: {
    color: 'green',
    title: 'Valid',
    text: 'This document is genuine and current.',
    icon: IconCircleCheck,
  },
  superseded: {
    color: 'orange',
    title: 'Superseded',
    text: 'This document was genuine but has been replaced by an amended version. Ask the issuer for the current one.',
    icon: IconAlertTriangle,
  },
  suspended: {
    color: 'orange',
    title: 'Suspended',
    text: 'This certificate is suspended for now; do not rely on it until it is reinstated.',
    icon: IconAlertTriangle,
  },
  expired: {
    color: 'red',
    title: 'Expired',
    text: 'This certificate is past its expiry date.',
    icon: IconCircleX,
  },
  revoked: {
    color: 'red',
    title: 'Revoked',
    text: 'This document was withdrawn by the laboratory. Do not rely on it.',
    icon: IconCircleX,
  },
};

async function sha256Hex(file: File) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Public (no sign-in): the state of a report or certificate reached through its QR code. */
export function VerifyPage() {
  const { code = '' } = useParams();
  const [checked, setChecked] = useState<{ name: string; match: boolean } | null>(null);
  const result = useQuery({
    queryKey: ['verify', code],
    retry: false,
    queryFn: () => unwrap(api.GET('/api/v1/verify/{code}', { params: { path: { code } } })),
  });
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Card withBorder shadow="sm" padding="xl" maw={560} w="100%">
        <Stack>
          <Text size="sm" c="dimmed">
            Labline document verification
          </Text>
          {result.isLoading && <Loader />}
          {result.error && (
            <Alert
              color="red"
              title={isApiError(result.error, 404) ? 'Unknown code' : 'Could not check'}
              data-testid="verify-state"
            >
              {isApiError(result.error, 404)
                ? 'No issued report or certificate has this verification code. The document may not be genuine.'
                : 'The check did not work; try again in a moment.'}
            </Alert>
          )}
          {result.data && <Outcome v={result.data} />}
          {result.data?.pdf_sha256 && (
            <Stack gap={6}>
              <Text size="sm">
                Fingerprint (SHA-256) of the genuine PDF:{' '}
                <Code style={{ wordBreak: 'break-all' }}>{result.data.pdf_sha256}</Code>
              </Text>
              <Group>
                <FileButton
                  accept="application/pdf"
                  onChange={async (file) => {
                    if (file)
                      setChecked({
                        name: file.name,
                        match: (await sha256Hex(file)) === result.data?.pdf_sha256,
                      });
                  }}
                >
                  {(props) => (
                    <Button variant="light" leftSection={<IconFileSearch size={16} aria-hidden />} {...props}>
                      Compare my copy
                    </Button>
                  )}
                </FileButton>
                {checked && (
                  <Text size="sm" c={checked.match ? 'green' : 'red'} fw={600}>
                    {checked.match
                      ? `${checked.name} is the genuine file.`
                      : `${checked.name} differs from the genuine file.`}
                  </Text>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                Your file is checked in this browser; it is not uploaded.
              </Text>
            </Stack>
          )}
          <Anchor href="/" size="sm">
            Labline
          </Anchor>
        </Stack>
      </Card>
    </Center>
  );
}

function Outcome({ v }: { v: Verification }) {
  const look = LOOK[v.status];
  const StateIcon = look.icon;
  return (
    <Stack data-testid="verify-state" data-status={v.status}>
      <Group>
        <ThemeIcon color={look.color} size={48} radius="xl">
          <StateIcon size={30} aria-hidden />
        </ThemeIcon>
        <div>
          <Title order={1} fz="h2" c={look.color}>
            {look.title}
          </Title>
          <Text size="sm">{look.text}</Text>
        </div>
      </Group>
      <Text>
        {v.kind === 'report' ? 'Test report' : 'Certificate of conformity'} <b>{v.number}</b>
      </Text>
      <Text>Customer: {v.customer_name}</Text>
      <Text>Issued: {v.issue_date ?? '—'}</Text>
    </Stack>
  );
}
