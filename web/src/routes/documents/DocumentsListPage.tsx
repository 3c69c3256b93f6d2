import { Button, Modal } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { documentKeys } from '../../features/documents/api';
import { DocumentsTable } from '../../features/documents/components/DocumentsTable';
import { UploadDocumentForm } from '../../features/documents/components/UploadDocumentForm';
import { hasRole } from '../../lib/auth/roles';
import { useMe } from '../../lib/auth/useAuth';
import { notifySuccess } from '../../lib/notify';

const UPLOADERS = ['admin', 'manager', 'engineer'] as const;

/** The document library: every document, filterable by kind, category and status; upload here. */
export function DocumentsListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const upload = hasRole(me.role, UPLOADERS) ? (
    <Button leftSection={<IconUpload size={16} aria-hidden />} onClick={() => setUploading(true)}>
      Upload document
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Documents"
        subtitle="Controlled documents (SOPs, methods, forms) and files attached to records"
        actions={upload}
      />
      <DocumentsTable emptyAction={upload} />
      <Modal opened={uploading} onClose={() => setUploading(false)} title="Upload a document" size="lg">
        <UploadDocumentForm
          onUploaded={async (doc) => {
            notifySuccess(`${doc.number} uploaded`);
            await queryClient.invalidateQueries({ queryKey: documentKeys.all });
            setUploading(false);
            navigate(`/documents/${doc.id}`);
          }}
        />
      </Modal>
    </>
  );
}
