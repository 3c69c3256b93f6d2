import { Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { IconUpload, IconX } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { errorMessage } from '../../api/problem';
import { uploadFile } from '../../lib/upload';

/** Picks a file and uploads it with a progress bar; cancellable. Used by documents and reports. */
export function FileUpload<T>({
  url,
  label = 'Upload a file',
  accept,
  extra,
  onUploaded,
}: {
  url: string;
  label?: string;
  accept?: string;
  extra?: Record<string, string>;
  onUploaded: (result: T) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = async (picked: File | null) => {
    if (!picked) return;
    setFile(picked);
    setError(null);
    setProgress(0);
    abort.current = new AbortController();
    try {
      const result = await uploadFile<T>({
        url,
        file: picked,
        extra,
        onProgress: setProgress,
        signal: abort.current.signal,
      });
      setProgress(1);
      onUploaded(result);
    } catch (e) {
      setError(e instanceof DOMException && e.name === 'AbortError' ? 'Upload cancelled.' : errorMessage(e));
      setProgress(null);
    }
  };

  const uploading = progress !== null && progress < 1;
  const percent = Math.round((progress ?? 0) * 100);
  return (
    <Stack gap="xs">
      <Group>
        <FileButton onChange={start} accept={accept} disabled={uploading}>
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={16} aria-hidden />} loading={uploading}>
              {label}
            </Button>
          )}
        </FileButton>
        {uploading && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconX size={16} aria-hidden />}
            onClick={() => abort.current?.abort()}
          >
            Cancel
          </Button>
        )}
      </Group>
      {file && progress !== null && (
        <Stack gap={4}>
          <Text size="sm">
            {file.name} — {percent}%
          </Text>
          <Progress value={percent} aria-label={`Upload of ${file.name}`} aria-valuenow={percent} />
        </Stack>
      )}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
