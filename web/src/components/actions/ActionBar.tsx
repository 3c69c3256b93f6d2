import { Button } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../api/problem';
import { notifyError, notifySuccess } from '../../lib/notify';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { ReasonDialog } from '../dialogs/ReasonDialog';

/** How one state-machine action looks and what it asks before it runs. */
export interface ActionSpec {
  label: string;
  icon?: Icon;
  color?: string;
  variant?: 'filled' | 'light' | 'default' | 'outline' | 'subtle';
  /** Ask first (consequential, cannot be undone). */
  confirm?: { title: string; message: string };
  /** Ask for the reason the action records. */
  reason?: { title: string; message: string };
  /** Toast after success. */
  done: string;
}

/**
 * The action buttons of a record: exactly those in the server's `allowed_actions` for this user,
 * in the order the feature declares them. A refusal (409 naming the state, 412 stale) is shown as
 * the server words it; either way the caller refreshes the record.
 */
export function ActionBar<A extends string>({
  allowed,
  specs,
  run,
  onSettled,
}: {
  allowed: readonly string[];
  specs: Partial<Record<A, ActionSpec>>;
  run: (action: A, reason?: string) => Promise<unknown>;
  onSettled: () => Promise<unknown>;
}) {
  const [asking, setAsking] = useState<A | null>(null);
  const [pending, setPending] = useState<A | null>(null);
  const entries = (Object.entries(specs) as [A, ActionSpec][]).filter(([name]) => allowed.includes(name));

  const execute = async (action: A, reason?: string) => {
    setPending(action);
    try {
      await run(action, reason);
      notifySuccess(specs[action]!.done);
      setAsking(null);
    } catch (error) {
      if (reason !== undefined) throw error; // the reason dialog shows it next to the reason
      notifyError(
        isApiError(error, 412) ? new Error('The record changed meanwhile; the page now shows it.') : error,
      );
      setAsking(null);
    } finally {
      setPending(null);
      await onSettled();
    }
  };

  const current = asking ? specs[asking] : undefined;
  return (
    <>
      {entries.map(([name, spec]) => {
        const ActionIcon = spec.icon;
        return (
          <Button
            key={name}
            color={spec.color}
            variant={spec.variant ?? 'filled'}
            leftSection={ActionIcon ? <ActionIcon size={16} aria-hidden /> : undefined}
            loading={pending === name}
            disabled={pending !== null && pending !== name}
            onClick={() => (spec.confirm || spec.reason ? setAsking(name) : execute(name))}
          >
            {spec.label}
          </Button>
        );
      })}
      {asking && current?.confirm && (
        <ConfirmDialog
          opened
          title={current.confirm.title}
          message={current.confirm.message}
          confirmLabel={current.label}
          danger={current.color === 'red'}
          loading={pending === asking}
          onConfirm={() => execute(asking)}
          onCancel={() => setAsking(null)}
        />
      )}
      {asking && current?.reason && (
        <ReasonDialog
          opened
          title={current.reason.title}
          message={current.reason.message}
          confirmLabel={current.label}
          onConfirm={(reason) => execute(asking, reason)}
          onClose={() => setAsking(null)}
        />
      )}
    </>
  );
}
