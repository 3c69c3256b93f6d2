import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { errorMessage, isApiError } from '../../api/problem';
import { PasswordInput } from '../../components/forms/PasswordInput';

export type SignatureMeaning = 'reviewed' | 'approved' | 'issued' | 'closed' | 'verified';

export interface SignatureInput {
  password: string;
  meaning: SignatureMeaning;
}

const MEANING_LABELS: Record<SignatureMeaning, string> = {
  reviewed: 'Reviewed',
  approved: 'Approved',
  issued: 'Issued',
  closed: 'Closed',
  verified: 'Verified',
};

/** True when the server refused the signature itself (wrong password, locked account). */
export const isSignatureRefused = (error: unknown) =>
  isApiError(error, 403) && /signature-refused$/.test(error.problem.type ?? '');

/**
 * An electronic signature: the user types their password again and confirms what the signature
 * means. `onSign` runs the signed action; a refused signature (403 signature-refused) is shown on
 * the password field and the dialog stays open, any other error above the form. Enter submits.
 */
export function SignatureDialog({
  opened,
  title,
  what,
  meanings,
  confirmLabel = 'Sign',
  onSign,
  onClose,
}: {
  opened: boolean;
  title: string;
  /** One sentence on what is being signed, shown above the password. */
  what: string;
  /** The meanings this action accepts; the first is the default. */
  meanings: readonly SignatureMeaning[];
  confirmLabel?: string;
  onSign: (signature: SignatureInput) => Promise<unknown>;
  onClose: () => void;
}) {
  const [password, setPassword] = useState('');
  const [meaning, setMeaning] = useState<SignatureMeaning>(meanings[0]);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (opened) {
      setPassword('');
      setMeaning(meanings[0]);
      setPasswordError(null);
      setFormError(null);
    }
  }, [opened, meanings]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) return setPasswordError('Type your password to sign');
    setPending(true);
    setPasswordError(null);
    setFormError(null);
    try {
      await onSign({ password, meaning });
      onClose();
    } catch (error) {
      if (isSignatureRefused(error) && isApiError(error)) {
        setPasswordError(
          error.fieldErrors.find((e) => e.field === 'password')?.message ?? errorMessage(error),
        );
        setPassword('');
      } else setFormError(errorMessage(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal opened={opened} onClose={pending ? () => {} : onClose} title={title} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{what}</Text>
          <Text size="xs" c="dimmed">
            Your signature records your name, the time, its meaning and a fingerprint of what you sign.
          </Text>
          {formError && (
            <Alert color="red" title="Not signed">
              {formError}
            </Alert>
          )}
          {meanings.length > 1 && (
            <Select
              label="Meaning"
              data={meanings.map((m) => ({ value: m, label: MEANING_LABELS[m] }))}
              value={meaning}
              onChange={(v) => v && setMeaning(v as SignatureMeaning)}
              allowDeselect={false}
            />
          )}
          {meanings.length === 1 && (
            <Text size="sm">
              Meaning: <b>{MEANING_LABELS[meaning]}</b>
            </Text>
          )}
          <PasswordInput
            label="Your password"
            required
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={passwordError}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Back
            </Button>
            <Button type="submit" loading={pending} leftSection={<IconSignature size={16} aria-hidden />}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
