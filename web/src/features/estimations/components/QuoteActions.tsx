import { Button } from '@mantine/core';
import { IconCheck, IconClockX, IconCopy, IconDownload, IconSend, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionBar, type ActionSpec } from '../../../components/actions/ActionBar';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { downloadQuotePdf, type Quote, type QuoteAction, quoteAction, quoteKeys, reviseQuote } from '../api';

const SPECS: Record<QuoteAction, ActionSpec> = {
  send: {
    label: 'Send to customer',
    icon: IconSend,
    confirm: {
      title: 'Send this quote?',
      message:
        'The customer can then see, accept or reject it. A sent quote can only change through a revision.',
    },
    done: 'The quote was sent.',
  },
  accept: {
    label: 'Accept',
    icon: IconCheck,
    color: 'green',
    confirm: {
      title: 'Accept this quote?',
      message: 'This creates the project and the sales order at these prices, and the request is won.',
    },
    done: 'Accepted: the project and the sales order are made.',
  },
  reject: {
    label: 'Reject',
    icon: IconX,
    color: 'red',
    variant: 'default',
    reason: { title: 'Reject this quote?', message: 'Say why, so the lab can send a better one.' },
    done: 'The quote was rejected.',
  },
  expire: {
    label: 'Mark expired',
    icon: IconClockX,
    variant: 'default',
    confirm: {
      title: 'Mark this quote expired?',
      message: 'It can no longer be accepted; a revision can follow.',
    },
    done: 'The quote is marked expired.',
  },
};

/** Past its validity date (local calendar day), whatever its status says. */
export const isLapsed = (quote: Pick<Quote, 'valid_until'>) =>
  Boolean(quote.valid_until) && String(quote.valid_until) < new Date().toLocaleDateString('en-CA');

/**
 * A quote's buttons: the state actions the server allows this user, "Revise" (a new draft
 * revision, opened at once) and the PDF download.
 */
export function QuoteActions({
  quote,
  onRevised,
  customerView = false,
}: {
  quote: Quote;
  onRevised?: (revision: Quote) => void;
  customerView?: boolean;
}) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'revise' | 'pdf' | null>(null);
  const refresh = () => queryClient.invalidateQueries();
  const specs = customerView ? { accept: SPECS.accept, reject: SPECS.reject } : SPECS;
  // A lapsed quote cannot be accepted (the server refuses it with 409): no button for it.
  const allowed = isLapsed(quote)
    ? quote.allowed_actions.filter((a) => a !== 'accept')
    : quote.allowed_actions;

  const revise = async () => {
    setBusy('revise');
    try {
      const next = await reviseQuote(quote);
      notifySuccess(`Revision ${next.revision} is a new draft.`);
      await queryClient.invalidateQueries({ queryKey: quoteKeys.all });
      onRevised?.(next);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };
  const pdf = async () => {
    setBusy('pdf');
    try {
      await downloadQuotePdf(quote);
    } catch (error) {
      notifyError(error, 'The PDF could not be made');
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <ActionBar<QuoteAction>
        allowed={allowed}
        specs={specs}
        run={(action, reason) => quoteAction(quote, action, reason)}
        onSettled={refresh}
      />
      {!customerView && quote.allowed_actions.includes('revise') && (
        <Button
          variant="default"
          leftSection={<IconCopy size={16} aria-hidden />}
          loading={busy === 'revise'}
          onClick={revise}
        >
          Revise
        </Button>
      )}
      <Button
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
        loading={busy === 'pdf'}
        onClick={pdf}
      >
        PDF
      </Button>
    </>
  );
}
