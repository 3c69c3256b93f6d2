import { TextInput } from '@mantine/core';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/problem';
import { FormError } from '../../../components/forms/FormError';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { LineGrid } from '../../../components/priced-lines/LineGrid';
import { renderAt } from '../../../test/render';
import type { PurchaseOrderInput } from '../api';
import { PO_LINE_GRID, toInput, usePurchaseOrderForm } from './PurchaseOrderForm';

/** The PO line editor and tax rate, submitting to `send` (a stand-in for the API call). */
function Harness({ send }: { send: (body: PurchaseOrderInput) => Promise<unknown> }) {
  // the supplier picker is left out (it searches the API): a chosen supplier stands in
  const form = usePurchaseOrderForm(undefined, { supplier_id: '01900000-0000-7000-8000-000000000001' });
  const { onSubmit, formError } = useFormSubmit(form, (values) => send(toInput(values)));
  const values = form.getValues();
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <LineGrid {...PO_LINE_GRID} form={form as never} taxRate={values.tax_rate} currency="USD" />
      <TextInput label="Tax rate %" {...form.getInputProps('tax_rate')} />
      <button type="submit">Create</button>
    </form>
  );
}

const cell = (label: string) => screen.getByRole('textbox', { name: label });

describe('the purchase-order line grid', { timeout: 30_000 }, () => {
  it('totals exactly as the server does: 3 × 19.99 at 7.5 % is 64.47', async () => {
    const user = userEvent.setup();
    renderAt(<Harness send={vi.fn()} />);
    await user.type(cell('Line 1 item code'), 'GS-105');
    await user.type(cell('Line 1 description'), 'Grey scale');
    await user.clear(cell('Line 1 quantity'));
    await user.type(cell('Line 1 quantity'), '3');
    await user.type(cell('Line 1 unit price'), '19.99');
    await user.type(cell('Tax rate %'), '{Backspace}7.5');
    expect(screen.getByTestId('po-line-total-0')).toHaveTextContent('59.97');
    expect(screen.getByTestId('po-draft-total')).toHaveTextContent('64.47');
  });

  it('sends the lines as typed and shows the server’s lines[i].field errors on their cells', async () => {
    const user = userEvent.setup();
    const send = vi.fn(async (_body: PurchaseOrderInput) => {
      throw new ApiError(422, {
        status: 422,
        detail: 'lines[0].quantity: must be at least the 2 already received',
        errors: [{ field: 'lines[0].quantity', message: 'must be at least the 2 already received' }],
      });
    });
    renderAt(<Harness send={send} />);
    await user.type(cell('Line 1 description'), 'Multifibre strip');
    await user.clear(cell('Line 1 quantity'));
    await user.type(cell('Line 1 quantity'), '1.5');
    await user.type(cell('Line 1 unit'), 'm');
    await user.type(cell('Line 1 unit price'), '4');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(send).toHaveBeenCalled());
    expect(send.mock.calls[0]![0].lines).toEqual([
      { item_code: null, description: 'Multifibre strip', quantity: '1.5', unit: 'm', unit_price: '4' },
    ]);
    expect(await screen.findByText('must be at least the 2 already received')).toBeInTheDocument();
  });
});
