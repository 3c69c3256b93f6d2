import { IconCircleCheck, IconEye, IconFileOff, IconPaperclip, IconPencil } from '@tabler/icons-react';
import { StateBadge, type StateLook } from '../../../components/ui/StateBadge';
import type { DocumentStatus } from '../api';

export const DOCUMENT_STATUS_LOOKS: Record<DocumentStatus, StateLook> = {
  active: { label: 'Active', color: 'blue', icon: IconPaperclip },
  draft: { label: 'Draft', color: 'gray', icon: IconPencil },
  in_review: { label: 'In review', color: 'yellow', icon: IconEye },
  approved: { label: 'Approved', color: 'green', icon: IconCircleCheck },
  obsolete: { label: 'Obsolete', color: 'red', icon: IconFileOff },
};

export const DocumentStatusBadge = ({ status, archived }: { status: DocumentStatus; archived?: boolean }) => (
  <StateBadge status={status} looks={DOCUMENT_STATUS_LOOKS} archived={archived} />
);
