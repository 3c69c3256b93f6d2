import { Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FileUpload } from '../../../components/upload/FileUpload';
import { CATEGORY_LABELS, type DocumentDetail, KIND_LABELS, uploadUrl } from '../api';

export const UPLOAD_HINT =
  'PDF, images (PNG, JPEG, GIF, WebP, TIFF), Word, Excel, PowerPoint, CSV or plain text · up to the size limit set by the lab';

/**
 * The library's upload: title, kind (attachment or controlled, with a category) and whether a
 * customer may see it; then a file, dropped or picked, sent with a progress bar.
 */
export function UploadDocumentForm({
  onUploaded,
  link,
}: {
  onUploaded: (doc: DocumentDetail) => void;
  /** Attach the new document to this record. */
  link?: { entity_type: string; entity_id: string };
}) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'attachment' | 'controlled'>('attachment');
  const [category, setCategory] = useState<string | null>(null);
  const [customerVisible, setCustomerVisible] = useState(false);
  const needsCategory = kind === 'controlled' && !category;
  const extra: Record<string, string> = {
    ...(title.trim() ? { title: title.trim() } : {}),
    kind,
    ...(kind === 'controlled' && category ? { category } : {}),
    customer_visible: String(customerVisible),
    ...(link ?? {}),
  };
  return (
    <Stack>
      <TextInput
        label="Title"
        description="Leave empty to use the file name"
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        maxLength={300}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Kind"
          data={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
          value={kind}
          onChange={(v) => setKind((v as 'attachment' | 'controlled') ?? 'attachment')}
          allowDeselect={false}
        />
        {kind === 'controlled' && (
          <Select
            label="Category"
            required
            data={Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
            value={category}
            onChange={setCategory}
            error={needsCategory ? 'Choose a category before uploading' : undefined}
          />
        )}
      </SimpleGrid>
      <Switch
        label="Customers may see it (on their own records)"
        checked={customerVisible}
        onChange={(e) => setCustomerVisible(e.currentTarget.checked)}
      />
      <FileUpload<DocumentDetail>
        url={uploadUrl}
        label="Choose a file"
        extra={extra}
        dropzone
        hint={UPLOAD_HINT}
        disabled={needsCategory}
        onUploaded={onUploaded}
      />
    </Stack>
  );
}
