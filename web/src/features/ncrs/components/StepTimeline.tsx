import { Text, Timeline } from '@mantine/core';
import { formatDateTime } from '../../../lib/format';
import { NCR_STATUS_LABELS, type NcrStatus, type NcrStep } from '../api';

const label = (s: string) => NCR_STATUS_LABELS[s as NcrStatus] ?? s;

/** Every step of the NCR: who moved it, from where to where, when, and why. */
export function StepTimeline({ steps }: { steps: NcrStep[] }) {
  return (
    <Timeline active={steps.length - 1} bulletSize={14} lineWidth={2} data-testid="ncr-steps">
      {steps.map((s) => (
        <Timeline.Item
          key={`${s.at}-${s.action}-${s.to}`}
          title={s.from ? `${label(s.from)} → ${label(s.to)}` : `Raised (${label(s.to)})`}
        >
          <Text size="xs" c="dimmed">
            {formatDateTime(s.at)} · {s.by_name ?? 'unknown user'}
          </Text>
          {s.note && <Text size="sm">{s.note}</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
