import {
  IconCalendarEvent,
  IconCircleCheck,
  IconCircleX,
  IconPlayerPause,
  IconPlayerPlay,
} from '@tabler/icons-react';
import { StateBadge, type StateLook } from '../../../components/ui/StateBadge';
import { PROJECT_STATUS_LABELS, type ProjectStatus } from '../api';

const LOOKS: Record<ProjectStatus, StateLook> = {
  planned: { label: PROJECT_STATUS_LABELS.planned, color: 'blue', icon: IconCalendarEvent },
  active: { label: PROJECT_STATUS_LABELS.active, color: 'green', icon: IconPlayerPlay },
  on_hold: { label: PROJECT_STATUS_LABELS.on_hold, color: 'orange', icon: IconPlayerPause },
  completed: { label: PROJECT_STATUS_LABELS.completed, color: 'teal', icon: IconCircleCheck },
  cancelled: { label: PROJECT_STATUS_LABELS.cancelled, color: 'gray', icon: IconCircleX },
};

export function ProjectStatusBadge({ status, archived }: { status: ProjectStatus; archived?: boolean }) {
  return <StateBadge status={status} looks={LOOKS} archived={archived} />;
}
