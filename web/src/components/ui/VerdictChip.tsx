import { Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconHelpCircle } from '@tabler/icons-react';

export type Verdict = 'pass' | 'warn' | 'inconclusive' | 'fail';

export const VERDICT_LABELS: Record<Verdict, string> = {
  pass: 'Pass',
  warn: 'Warning',
  inconclusive: 'Inconclusive',
  fail: 'Fail',
};

const LOOK: Record<Verdict, { color: string; icon: typeof IconCircleCheck }> = {
  pass: { color: 'green', icon: IconCircleCheck },
  warn: { color: 'yellow', icon: IconAlertTriangle },
  inconclusive: { color: 'grape', icon: IconHelpCircle },
  fail: { color: 'red', icon: IconCircleX },
};

/** A verdict by word and icon (never colour alone), with the reason on hover when given. */
export function VerdictChip({
  verdict,
  reason,
  size = 'sm',
}: {
  verdict: Verdict | null | undefined;
  reason?: string;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}) {
  if (!verdict)
    return (
      <Badge size={size} color="gray" variant="outline" data-testid="verdict" data-verdict="none">
        No limit
      </Badge>
    );
  const { color, icon: Icon } = LOOK[verdict];
  const chip = (
    <Badge
      size={size}
      color={color}
      variant="light"
      leftSection={<Icon size={12} aria-hidden />}
      data-testid="verdict"
      data-verdict={verdict}
    >
      {VERDICT_LABELS[verdict]}
    </Badge>
  );
  return reason ? (
    <Tooltip label={reason} multiline maw={320} withArrow>
      {chip}
    </Tooltip>
  ) : (
    chip
  );
}
