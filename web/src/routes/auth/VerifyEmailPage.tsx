import { Alert, Anchor, Button, Loader, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/problem';
import { FormError } from '../../components/forms/FormError';
import { useFormSubmit } from '../../components/forms/useFormSubmit';
import { resendVerification, verifyEmail } from '../../features/auth/api';
import { AuthCard } from '../../features/auth/components/AuthCard';

/** Opened from the e-mail link (/verify-email?token=…); without a token it offers to resend it. */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const verify = useMutation({ mutationFn: verifyEmail });
  const started = useRef(false);
  useEffect(() => {
    if (token && !started.current) {
      started.current = true;
      verify.mutate(token);
    }
  }, [token, verify]);

  const footer = (
    <Anchor component={Link} to="/login">
      Back to sign in
    </Anchor>
  );
  if (token && (verify.isPending || verify.isIdle))
    return (
      <AuthCard title="Confirming your e-mail" footer={footer}>
        <Stack align="center" role="status">
          <Loader />
          Checking the link…
        </Stack>
      </AuthCard>
    );
  if (token && verify.isSuccess)
    return (
      <AuthCard title="E-mail confirmed" footer={footer}>
        <Stack>
          <Alert color="green">Your e-mail address is confirmed.</Alert>
          <Button component={Link} to="/login?verified=1">
            Sign in
          </Button>
        </Stack>
      </AuthCard>
    );
  return (
    <AuthCard title="Confirm your e-mail" footer={footer}>
      {token && verify.isError && (
        <Alert color="red" mb="md" title="This link does not work" role="alert">
          {errorMessage(verify.error)} Links expire after 24 hours and work once; ask for a new one below.
        </Alert>
      )}
      <ResendForm initialEmail={params.get('email') ?? ''} />
    </AuthCard>
  );
}

function ResendForm({ initialEmail }: { initialEmail: string }) {
  const [sent, setSent] = useState(false);
  const form = useForm({
    initialValues: { email: initialEmail },
    validate: { email: (v) => (v.trim() ? null : 'Enter your e-mail address') },
  });
  const { onSubmit, pending, formError } = useFormSubmit(form, (v) => resendVerification(v.email.trim()), {
    onSuccess: () => setSent(true),
  });
  if (sent)
    return (
      <Alert color="green">If an unconfirmed account uses that address, a new link is on its way.</Alert>
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <FormError message={formError} />
        <TextInput
          label="E-mail"
          type="email"
          autoComplete="email"
          required
          {...form.getInputProps('email')}
        />
        <Button type="submit" loading={pending}>
          Send a new confirmation link
        </Button>
      </Stack>
    </form>
  );
}
