import { Box, Text } from '@mantine/core';

/**
 * The PDF inline, in the browser's own viewer: a same-origin URL with a short-lived token (an
 * iframe cannot send the bearer token). The server allows framing by this app only.
 */
export function PdfPreview({ url, title }: { url: string | null; title: string }) {
  if (!url)
    return (
      <Text size="sm" c="dimmed">
        The PDF appears here once it is generated.
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
