import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/problem';
import { CustomerForm, toInput, useCustomerForm } from '../../features/customers/components/CustomerForm';
import { renderAt } from '../../test/render';
import { useFormSubmit } from './useFormSubmit';

/** The customer form as the create page wires it, with the API call passed in. */
function Harness({ action }: { action: (body: ReturnType<typeof toInput>) => Promise<unknown> }) {
  const form = useCustomerForm();
  const { onSubmit, pending, formError } = useFormSubmit(form, (values) => action(toInput(values)));
  return (
    <CustomerForm
      form={form}
      onSubmit={onSubmit}
      pending={pending}
      formError={formError}
      submitLabel="Create customer"
      onCancel={() => {}}
    />
  );
}

async function fillValidForm(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/Company name/), 'Acme Textiles');
  await user.type(screen.getAllByLabelText(/E-mail/)[0], 'office@acme.test');
  await user.click(screen.getByRole('button', { name: 'Add contact' }));
  const contact = screen.getByTestId('contact-row');
  await user.type(within(contact).getByLabelText(/Name/), 'Nora North');
  await user.type(within(contact).getByLabelText(/E-mail/), 'nora@acme');
}

describe('form errors from the API', () => {
  it("puts each of the 422's errors[] on its input, nested ones too, and the rest above the form", async () => {
    const user = userEvent.setup();
    const action = vi.fn(async () => {
      throw new ApiError(422, {
        status: 422,
        detail: 'Validation failed',
        errors: [
          { field: 'body.company_name', message: 'is already used by another customer' },
          { field: 'contacts[0].email', message: 'must be a valid e-mail address' },
          { field: 'credit_limit', message: 'is not allowed' },
        ],
      });
    });
    renderAt(<Harness action={action} />);
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Create customer' }));

    expect(action).toHaveBeenCalledOnce();
    const company = screen.getByLabelText(/Company name/);
    expect(company).toHaveAttribute('aria-invalid', 'true');
    expect(company).toHaveAccessibleDescription('is already used by another customer');
    const contactEmail = within(screen.getByTestId('contact-row')).getByLabelText(/E-mail/);
    expect(contactEmail).toHaveAttribute('aria-invalid', 'true');
    expect(contactEmail).toHaveAccessibleDescription('must be a valid e-mail address');
    // the company e-mail had no error
    expect(screen.getAllByLabelText(/E-mail/)[0]).not.toHaveAttribute('aria-invalid');
    // a field the form does not have is said above the form, announced as an alert
    expect(screen.getByRole('alert')).toHaveTextContent('credit_limit: is not allowed');
  });

  it('shows any other error as one message above the form, and clears old field errors on the next try', async () => {
    const user = userEvent.setup();
    const action = vi
      .fn<(body: unknown) => Promise<unknown>>()
      .mockRejectedValueOnce(
        new ApiError(422, {
          status: 422,
          detail: 'Validation failed',
          errors: [{ field: 'company_name', message: 'is already used by another customer' }],
        }),
      )
      .mockRejectedValueOnce(
        new ApiError(409, { status: 409, detail: 'A customer with this e-mail address exists' }),
      );
    renderAt(<Harness action={action} />);
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Create customer' }));
    expect(screen.getByLabelText(/Company name/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Create customer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A customer with this e-mail address exists');
    expect(screen.getByLabelText(/Company name/)).not.toHaveAttribute('aria-invalid');
  });
});
