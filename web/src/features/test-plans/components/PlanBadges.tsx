import { Badge } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed, IconCircleX, IconPlayerPlay } from '@tabler/icons-react';
import { PLAN_STATUS_LABELS, type PlanStatus, PRIORITY_LABELS, type TestPlan } from '../api';

const STATUS_LOOK: Record<PlanStatus, { color: string; icon: typeof IconCircleCheck }> = {
  planned: { color: 'gray', icon: IconCircleDashed },
  in_progress: { color: 'blue', icon: IconPlayerPlay },
  completed: { color: 'green', icon: IconCircleCheck },
  cancelled: { color: 'red', icon: IconCircleX },
};

/** A plan's state by word and icon, never by colour alone. */
export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { color, icon: Icon } = STATUS_LOOK[status];
  return (
    <Badge
      color={color}
      variant="light"
      leftSection={<Icon size={12} aria-hidden />}
      data-testid="plan-status"
    >
      {PLAN_STATUS_LABELS[status]}
    </Badge>
  );
}

const PRIORITY_COLOR: Record<TestPlan['priority'], string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function PriorityBadge({ priority }: { priority: TestPlan['priority'] }) {
  return (
    <Badge color={PRIORITY_COLOR[priority]} variant="outline">
      {PRIORITY_LABELS[priority]}
    </Badge>
  );
}

/** "3 / 5 done" from the plan's execution counts (aborted ones count as done). */
export function planProgress(plan: Pick<TestPlan, 'execution_counts'>) {
  const c = plan.execution_counts;
  const total = c.pending + c.in_progress + c.completed + c.aborted;
  return { done: c.completed + c.aborted, total };
}
