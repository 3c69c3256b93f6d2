import { TextInput } from '@mantine/core';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/problem';
import { FormError } from '../../../components/forms/FormError';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { LineGrid } from '../../../components/priced-lines/LineGrid';
import { renderAt } from '../../../test/render';
import type { QuoteInput } from '../api';
import { toInput, useQuoteForm } from './QuoteForm';

/**
 * The quote form's line grid and tax rate, submitting to `send` (a stand-in for the API call).
 * The rest of QuoteForm is left out: Mantine's autosizing textarea does not run in jsdom.
 */
function Harness({ send }: { send: (body: QuoteInput) => Promise<unknown> }) {
  const form = useQuoteForm(undefined, { rfq_id: '01900000-0000-7000-8000-000000000001' });
  const { onSubmit, formError } = useFormSubmit(form, (values) => send(toInput(values)));
  const values = form.getValues();
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <LineGrid
        form={form as never}
        taxRate={values.tax_rate}
        currency="USD"
        searchMethods={async () => []}
        methodsKey={['test-methods']}
      />
      <TextInput label="Tax rate %" {...form.getInputProps('tax_rate')} />
      <button type="submit">Create quote</button>
    </form>
  );
}

const cell = (label: string) => screen.getByRole('textbox', { name: label });
const rows = () => screen.getByTestId('line-grid').querySelectorAll('tbody tr').length;

// typing into many cells is slow on a busy machine: a generous budget, not a timing assertion
describe('QuoteForm line grid', { timeout: 30_000 }, () => {
  it('adds a line with Enter, removes one with Ctrl+Delete, and totals exactly as the server does', async () => {
    const user = userEvent.setup();
    renderAt(<Harness send={vi.fn()} />);
    await user.type(cell('Line 1 description'), 'Colour fastness');
    await user.clear(cell('Line 1 quantity'));
    await user.type(cell('Line 1 quantity'), '3');
    await user.type(cell('Line 1 unit price'), '19.99{Enter}');
    expect(rows()).toBe(2);
    await user.type(cell('Line 2 description'), 'Scratch line');
    await user.keyboard('{Control>}{Delete}{/Control}');
    expect(rows()).toBe(1);
    await user.type(cell('Tax rate %'), '{Backspace}7.5');
    expect(screen.getByTestId('line-total-0')).toHaveTextContent('59.97');
    expect(screen.getByTestId('draft-total')).toHaveTextContent('64.47');
  });

  it('sends the figures as typed and shows the server’s lines[i].field errors on their cells', async () => {
    const user = userEvent.setup();
    const send = vi.fn(async (_body: QuoteInput) => {
      throw new ApiError(422, {
        status: 422,
        detail: 'lines[0].discount_pct: must be between 0 and 100',
        errors: [{ field: 'lines[0].discount_pct', message: 'must be between 0 and 100' }],
      });
    });
    renderAt(<Harness send={send} />);
    await user.type(cell('Line 1 description'), 'Pilling');
    await user.type(cell('Line 1 unit price'), '45.50');
    await user.type(cell('Line 1 discount pct'), '150');
    await user.click(screen.getByRole('button', { name: 'Create quote' }));
    await waitFor(() => expect(send).toHaveBeenCalled());
    expect(send.mock.calls[0][0]).toMatchObject({
      rfq_id: '01900000-0000-7000-8000-000000000001',
      lines: [{ description: 'Pilling', quantity: '1', unit_price: '45.50', discount_pct: '150' }],
    });
    expect(await screen.findByText('must be between 0 and 100')).toBeInTheDocument();
    expect(cell('Line 1 discount pct')).toHaveAttribute('aria-invalid', 'true');
  });
});
