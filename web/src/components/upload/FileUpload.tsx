import '@mantine/dropzone/styles.css';
import { Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconFileUpload, IconUpload, IconX } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { errorMessage } from '../../api/problem';
import { uploadFile } from '../../lib/upload';

/**
 * Picks a file (button, or drag and drop with `dropzone`) and uploads it with a real progress bar
 * (XHR upload events); cancellable. Used by documents and reports.
 */
export function FileUpload<T>({
  url,
  label = 'Upload a file',
  accept,
  extra,
  onUploaded,
  dropzone = false,
  hint,
  disabled = false,
}: {
  url: string;
  label?: string;
  accept?: string;
  extra?: Record<string, string>;
  onUploaded: (result: T) => void;
  /** Also offer a drop area. */
  dropzone?: boolean;
  /** A line under the drop area (limits, accepted types). */
  hint?: string;
  disabled?: boolean;
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
      {dropzone && (
        <Dropzone
          onDrop={(files) => start(files[0] ?? null)}
          onReject={(rejections) =>
            setError(rejections[0]?.errors[0]?.message ?? 'That file cannot be used.')
          }
          multiple={false}
          disabled={uploading || disabled}
          aria-label={`${label}: drop a file here or press Enter to choose one`}
        >
          <Group justify="center" gap="md" mih={90} style={{ pointerEvents: 'none' }}>
            <IconFileUpload size={36} stroke={1.5} aria-hidden />
            <Stack gap={2}>
              <Text>Drop a file here, or click to choose one</Text>
              {hint && (
                <Text size="xs" c="dimmed">
                  {hint}
                </Text>
              )}
            </Stack>
          </Group>
        </Dropzone>
      )}
      <Group>
        <FileButton onChange={start} accept={accept} disabled={uploading || disabled}>
          {(props) => (
            <Button
              {...props}
              variant={dropzone ? 'default' : 'filled'}
              leftSection={<IconUpload size={16} aria-hidden />}
              loading={uploading}
            >
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
          <Progress
            value={percent}
            aria-label={`Upload of ${file.name}`}
            aria-valuenow={percent}
            data-testid="upload-progress"
          />
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
