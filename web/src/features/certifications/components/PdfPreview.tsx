import { Box, Text } from '@mantine/core';

/** The certificate PDF inline (same-origin URL with a short-lived token; framing allowed for this app only). */
export function PdfPreview({ url, title }: { url: string | null; title: string }) {
  if (!url)
    return (
      <Text size="sm" c="dimmed">
        No PDF yet.
      </Text>
    );
  return (
    <Box
      component="iframe"
      src={url}
      title={title}
      data-testid="pdf-preview"
      style={{
        width: '100%',
        height: '75vh',
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 4,
      }}
    />
  );
}
