import { TextInput } from '@mantine/core';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderAt } from '../../test/render';
import { FormActions } from './FormActions';

const names = () => screen.getAllByRole('button').map((b) => b.textContent);

describe('FormActions', () => {
  it('submits the form on Enter, submit button first, then Cancel', async () => {
    const user = userEvent.setup();
    const submit = vi.fn((event: React.FormEvent) => event.preventDefault());
    const cancel = vi.fn();
    renderAt(
      <form onSubmit={submit}>
        <TextInput label="Name" />
        <FormActions submitLabel="Save" pending={false} onCancel={cancel} />
      </form>,
    );
    expect(names()).toEqual(['Save', 'Cancel']);
    await user.type(screen.getByLabelText('Name'), 'Acme{Enter}');
    expect(submit).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('holds Cancel and the submit button while saving', () => {
    renderAt(<FormActions submitLabel="Save" pending onCancel={() => {}} />);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save' })).toHaveAttribute('data-loading');
  });

  it('puts Cancel first at the end, open while saving when asked', () => {
    renderAt(
      <FormActions align="end" cancelWhilePending submitLabel="Raise NCR" pending onCancel={() => {}} />,
    );
    expect(names()).toEqual(['Cancel', 'Raise NCR']);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  });

  it('calls onSubmit from a plain button in a dialog, and shows no Cancel without onCancel', async () => {
    const user = userEvent.setup();
    const outer = vi.fn((event: React.FormEvent) => event.preventDefault());
    const onSubmit = vi.fn();
    renderAt(
      <form onSubmit={outer}>
        <FormActions align="end" submitLabel="Mark paid" pending={false} onSubmit={onSubmit} />
      </form>,
    );
    expect(names()).toEqual(['Mark paid']);
    expect(screen.getByRole('button', { name: 'Mark paid' })).toHaveAttribute('type', 'button');
    await user.click(screen.getByRole('button', { name: 'Mark paid' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(outer).not.toHaveBeenCalled();
  });
});
