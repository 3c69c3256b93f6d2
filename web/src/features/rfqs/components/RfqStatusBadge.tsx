import { IconBan, IconCircleX, IconEye, IconFileDollar, IconInbox, IconTrophy } from '@tabler/icons-react';
import { StateBadge, type StateLook } from '../../../components/ui/StateBadge';
import { RFQ_STATUS_LABELS, type RfqStatus } from '../api';

const LOOKS: Record<RfqStatus, StateLook> = {
  received: { label: RFQ_STATUS_LABELS.received, color: 'blue', icon: IconInbox },
  under_review: { label: RFQ_STATUS_LABELS.under_review, color: 'cyan', icon: IconEye },
  quoted: { label: RFQ_STATUS_LABELS.quoted, color: 'violet', icon: IconFileDollar },
  won: { label: RFQ_STATUS_LABELS.won, color: 'green', icon: IconTrophy },
  lost: { label: RFQ_STATUS_LABELS.lost, color: 'orange', icon: IconCircleX },
  cancelled: { label: RFQ_STATUS_LABELS.cancelled, color: 'gray', icon: IconBan },
};

export function RfqStatusBadge({ status, archived }: { status: RfqStatus; archived?: boolean }) {
  return <StateBadge status={status} looks={LOOKS} archived={archived} />;
}
