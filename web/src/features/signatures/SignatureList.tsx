import { type MantineSpacing, Stack, Text } from '@mantine/core';
import { SectionCard } from '../../components/detail/SectionCard';
import { formatDateTime } from '../../lib/format';

export interface Signature {
  id: string;
  user_name: string;
  meaning: string;
  signed_at: string;
  content_sha256: string;
}

/** A record page's card of its signatures, under a heading (NCRs, reports, certificates, results). */
export function SignaturesCard({
  signatures,
  title = 'Signatures',
  mb,
}: {
  signatures: readonly Signature[];
  title?: string;
  mb?: MantineSpacing;
}) {
  return (
    <SectionCard title={title} titleGap="sm" mb={mb}>
      <SignatureList signatures={signatures} />
    </SectionCard>
  );
}

/** The signatures on a record: who, when, meaning, and the fingerprint of what was signed. */
export function SignatureList({ signatures }: { signatures: readonly Signature[] }) {
  if (!signatures.length)
    return (
      <Text size="sm" c="dimmed">
        Not signed yet.
      </Text>
    );
  return (
    <Stack gap={4} data-testid="signatures">
      {signatures.map((s) => (
        <Text size="sm" key={s.id}>
          <b>{s.meaning}</b> by {s.user_name}, {formatDateTime(s.signed_at)}{' '}
          <Text span size="xs" c="dimmed" ff="monospace" title={s.content_sha256}>
            sha256 {s.content_sha256.slice(0, 12)}…
          </Text>
        </Text>
      ))}
    </Stack>
  );
}
