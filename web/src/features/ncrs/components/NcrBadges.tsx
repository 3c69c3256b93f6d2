import { Badge } from '@mantine/core';
import {
  IconCircleCheck,
  IconClipboardList,
  IconFlag,
  IconSearch,
  IconShieldCheck,
} from '@tabler/icons-react';
import { StateBadge, type StateLook } from '../../../components/ui/StateBadge';
import { NCR_SEVERITY_COLORS, NCR_SEVERITY_LABELS, type Ncr, type NcrStatus } from '../api';

const LOOKS: Record<NcrStatus, StateLook> = {
  open: { label: 'Open', color: 'blue', icon: IconFlag },
  investigating: { label: 'Investigating', color: 'violet', icon: IconSearch },
  action_pending: { label: 'Actions pending', color: 'orange', icon: IconClipboardList },
  verification: { label: 'Verification', color: 'cyan', icon: IconShieldCheck },
  closed: { label: 'Closed', color: 'green', icon: IconCircleCheck },
};

export const NcrStatusBadge = ({ ncr }: { ncr: Pick<Ncr, 'status' | 'archived_at'> }) => (
  <StateBadge status={ncr.status} looks={LOOKS} archived={Boolean(ncr.archived_at)} />
);

export const SeverityBadge = ({ severity }: { severity: Ncr['severity'] }) => (
  <Badge variant="outline" color={NCR_SEVERITY_COLORS[severity]}>
    {NCR_SEVERITY_LABELS[severity]}
  </Badge>
);
