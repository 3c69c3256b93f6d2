import { Badge } from '@mantine/core';
import { IconCalendarEvent, IconCircleCheck, IconCircleX, IconPlayerPlay } from '@tabler/icons-react';
import { StateBadge, type StateLook } from '../../../components/ui/StateBadge';
import { type Audit, type AuditStatus, FINDING_KIND_COLORS, FINDING_KIND_LABELS, type Finding } from '../api';

const LOOKS: Record<AuditStatus, StateLook> = {
  planned: { label: 'Planned', color: 'blue', icon: IconCalendarEvent },
  in_progress: { label: 'In progress', color: 'orange', icon: IconPlayerPlay },
  completed: { label: 'Completed', color: 'green', icon: IconCircleCheck },
  cancelled: { label: 'Cancelled', color: 'gray', icon: IconCircleX },
};

export const AuditStatusBadge = ({ audit }: { audit: Pick<Audit, 'status' | 'archived_at'> }) => (
  <StateBadge status={audit.status} looks={LOOKS} archived={Boolean(audit.archived_at)} />
);

export const FindingKindBadge = ({ kind }: { kind: Finding['kind'] }) => (
  <Badge variant="light" color={FINDING_KIND_COLORS[kind]}>
    {FINDING_KIND_LABELS[kind]}
  </Badge>
);
