import { Button, Group, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../api/problem';
import { FormError } from '../../../components/forms/FormError';
import { notifySuccess } from '../../../lib/notify';
import { KIND_LABELS, notificationKeys, type Preference, savePreferences, usePreferences } from '../api';

/** Which notifications also come by e-mail (in-app ones always appear under the bell). */
export function EmailPreferences() {
  const prefs = usePreferences();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Preference[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (prefs.data) setValues(prefs.data.items);
  }, [prefs.data]);
  if (prefs.isLoading) return <Skeleton h={200} />;
  if (prefs.error)
    return <FormError message={errorMessage(prefs.error)} title="Preferences could not be loaded" />;
  const dirty = JSON.stringify(values) !== JSON.stringify(prefs.data?.items ?? []);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Every notification appears under the bell. Choose which ones also reach you by e-mail.
      </Text>
      <FormError message={error} />
      {values.map((p) => (
        <Switch
          key={p.kind}
          label={KIND_LABELS[p.kind]}
          checked={p.email}
          onChange={(e) => {
            const email = e.currentTarget.checked;
            setValues((vs) => vs.map((v) => (v.kind === p.kind ? { ...v, email } : v)));
          }}
        />
      ))}
      <Group>
        <Button
          loading={saving}
          disabled={!dirty}
          onClick={async () => {
            setSaving(true);
            setError(null);
            try {
              const saved = await savePreferences(values);
              queryClient.setQueryData(notificationKeys.preferences(), saved);
              notifySuccess('Your e-mail choices were saved.');
            } catch (err) {
              setError(errorMessage(err));
            } finally {
              setSaving(false);
            }
          }}
        >
          Save e-mail choices
        </Button>
      </Group>
    </Stack>
  );
}
