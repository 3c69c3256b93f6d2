import type { MailMessage } from '../../plugins/app/mail.ts';

/** The account mails. Plain text: every client shows it, and links stay copyable. */
export const verificationMail = (to: string, base: string, token: string): MailMessage => ({
  to,
  subject: 'Confirm your Labline e-mail address',
  text: [
    'Welcome to Labline.',
    '',
    'Open this link within 24 hours to confirm your e-mail address:',
    `${base}/verify-email?token=${token}`,
    '',
    'If you did not create an account, ignore this message.',
  ].join('\n'),
});

/** Sent instead of a second account, so registering never reveals which addresses have one. */
export const alreadyRegisteredMail = (to: string, base: string): MailMessage => ({
  to,
  subject: 'You already have a Labline account',
  text: [
    'Someone (hopefully you) tried to create a Labline account with this address, which already has one.',
    '',
    `Sign in at ${base}/login, or choose a new password at ${base}/forgot-password.`,
    '',
    'If this was not you, you can ignore this message: nothing was changed.',
  ].join('\n'),
});

export const resetPasswordMail = (to: string, base: string, token: string): MailMessage => ({
  to,
  subject: 'Reset your Labline password',
  text: [
    'Open this link within one hour to choose a new password (it works once):',
    `${base}/reset-password?token=${token}`,
    '',
    'If you did not ask for this, ignore this message: your password stays as it is.',
  ].join('\n'),
});

export const passwordChangedMail = (to: string, base: string): MailMessage => ({
  to,
  subject: 'Your Labline password was changed',
  text: [
    'The password of your Labline account was just changed and your other sessions were signed out.',
    '',
    `If this was not you, reset it now at ${base}/forgot-password and tell your administrator.`,
  ].join('\n'),
});
