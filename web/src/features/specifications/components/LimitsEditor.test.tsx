import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/problem';
import { FormError } from '../../../components/forms/FormError';
import { useFormSubmit } from '../../../components/forms/useFormSubmit';
import { renderAt } from '../../../test/render';
import type { CatalogueMethod, Specification, SpecificationInput } from '../api';
import { LimitsEditor } from './LimitsEditor';
import { toInput, useSpecificationForm } from './specificationForm';

/** The limits editor inside a form that submits to `send` (a stand-in for the API call). */
function Harness({ send }: { send: (body: SpecificationInput) => Promise<unknown> }) {
  const form = useSpecificationForm({
    code: 'SPEC-1',
    name: 'Protocol',
    limits: [],
  } as unknown as Specification);
  const { onSubmit, formError } = useFormSubmit(form, (values) => send(toInput(values)));
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <LimitsEditor form={form} methods={[] as CatalogueMethod[]} />
      <button type="submit">Save</button>
    </form>
  );
}

const cell = (label: string) => screen.getByRole('textbox', { name: label });

async function addRange(
  user: ReturnType<typeof userEvent.setup>,
  row: number,
  values: Record<string, string>,
) {
  await user.click(screen.getByRole('button', { name: 'Add limit' }));
  for (const [field, value] of Object.entries(values)) await user.type(cell(`Limit ${row} ${field}`), value);
}

// typing into many cells is slow on a busy machine: a generous budget, not a timing assertion
describe('LimitsEditor', { timeout: 30_000 }, () => {
  it('shows the ordering rule on the cell that breaks it and sends nothing', async () => {
    const user = userEvent.setup();
    const send = vi.fn(async () => ({}));
    renderAt(<Harness send={send} />);
    await addRange(user, 1, { parameter: 'pH', min: '7', max: '4' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Must be ≥ min (7)')).toBeInTheDocument();
    expect(cell('Limit 1 max')).toHaveAttribute('aria-invalid', 'true');
    expect(cell('Limit 1 min')).not.toHaveAttribute('aria-invalid', 'true');
    expect(send).not.toHaveBeenCalled();
  });

  it("puts the API's limits[i].field errors on their cells, and a limits-wide one under the table", async () => {
    const user = userEvent.setup();
    const send = vi.fn(async () => {
      throw new ApiError(422, {
        status: 422,
        detail: 'Validation failed',
        errors: [
          { field: 'limits[1].warn_min', message: 'must be ≥ min (4)' },
          { field: 'limits', message: 'limits are fixed per revision' },
        ],
      });
    });
    renderAt(<Harness send={send} />);
    await addRange(user, 1, { parameter: 'pH', min: '4', max: '8' });
    await addRange(user, 2, { parameter: 'Formaldehyde', max: '75' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send.mock.calls[0]).toEqual([
      expect.objectContaining({
        limits: [
          expect.objectContaining({
            parameter: 'pH',
            min: '4',
            max: '8',
            warn_min: null,
            expected_text: null,
          }),
          expect.objectContaining({ parameter: 'Formaldehyde', min: null, max: '75' }),
        ],
      }),
    ]);
    expect(await screen.findByText('must be ≥ min (4)')).toBeInTheDocument();
    expect(cell('Limit 2 warn below')).toHaveAttribute('aria-invalid', 'true');
    expect(cell('Limit 1 warn below')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('limits are fixed per revision');
  });

  it('needs a bound or an expected text, and sends a text limit without bounds', async () => {
    const user = userEvent.setup();
    const send = vi.fn(async () => ({}));
    renderAt(<Harness send={send} />);
    await addRange(user, 1, { parameter: 'Hood drawstrings' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Give a min or a max')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Limit 1 kind' }), 'text');
    await user.type(cell('Limit 1 expected text'), 'absent');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send.mock.calls[0]).toEqual([
      expect.objectContaining({
        limits: [
          expect.objectContaining({ parameter: 'Hood drawstrings', expected_text: 'absent', max: null }),
        ],
      }),
    ]);
  });

  it('moves to the next row on Enter, adding one at the end, without submitting', async () => {
    const user = userEvent.setup();
    const send = vi.fn(async () => ({}));
    renderAt(<Harness send={send} />);
    await addRange(user, 1, { parameter: 'pH', max: '8' });
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('limit-row')).toHaveLength(2));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Limit 2 method' })).toHaveFocus());
    expect(send).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Remove limit 2' }));
    expect(screen.getAllByTestId('limit-row')).toHaveLength(1);
  });
});
