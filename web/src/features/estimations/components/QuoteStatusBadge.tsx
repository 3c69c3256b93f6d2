import {
  IconCircleCheck,
  IconCircleX,
  IconClockX,
  IconPencil,
  IconReplace,
  IconSend,
} from '@tabler/icons-react';
import { StateBadge, type StateLook } from '../../../components/ui/StateBadge';
import { QUOTE_STATUS_LABELS, type QuoteStatus } from '../api';

const LOOKS: Record<QuoteStatus, StateLook> = {
  draft: { label: QUOTE_STATUS_LABELS.draft, color: 'gray', icon: IconPencil },
  sent: { label: QUOTE_STATUS_LABELS.sent, color: 'blue', icon: IconSend },
  accepted: { label: QUOTE_STATUS_LABELS.accepted, color: 'green', icon: IconCircleCheck },
  rejected: { label: QUOTE_STATUS_LABELS.rejected, color: 'red', icon: IconCircleX },
  expired: { label: QUOTE_STATUS_LABELS.expired, color: 'orange', icon: IconClockX },
  superseded: { label: QUOTE_STATUS_LABELS.superseded, color: 'gray', icon: IconReplace },
};

export function QuoteStatusBadge({ status, archived }: { status: QuoteStatus; archived?: boolean }) {
  return <StateBadge status={status} looks={LOOKS} archived={archived} />;
}
