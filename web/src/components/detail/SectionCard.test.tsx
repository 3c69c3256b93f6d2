import { Button } from '@mantine/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderAt } from '../../test/render';
import { SectionCard } from './SectionCard';

describe('SectionCard', () => {
  it('titles its content with an h2 and passes card props through', () => {
    renderAt(
      <SectionCard title="Limits" titleGap="sm" data-testid="limits-card">
        <p>Lower limit 4.5</p>
      </SectionCard>,
    );
    const heading = screen.getByRole('heading', { level: 2, name: 'Limits' });
    const card = screen.getByTestId('limits-card');
    expect(card).toContainElement(heading);
    expect(card).toHaveTextContent('Lower limit 4.5');
    // the heading comes first, the content after it
    expect(card.textContent).toBe('LimitsLower limit 4.5');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('puts actions in the heading row, after the title', () => {
    renderAt(
      <SectionCard title="Subtasks (1/2 closed)" actions={<Button>Add subtask</Button>}>
        <p>Subtask tree</p>
      </SectionCard>,
    );
    const heading = screen.getByRole('heading', { level: 2, name: 'Subtasks (1/2 closed)' });
    const action = screen.getByRole('button', { name: 'Add subtask' });
    expect(heading.parentElement).toContainElement(action);
    expect(heading.compareDocumentPosition(action) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByText('Subtask tree')).toBeInTheDocument();
  });

  it('keeps the heading row when the action is switched off', () => {
    renderAt(
      <SectionCard title="Subtasks" actions={false}>
        <p>Subtask tree</p>
      </SectionCard>,
    );
    expect(screen.getByRole('heading', { level: 2, name: 'Subtasks' })).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('Subtask tree')).toBeInTheDocument();
  });
});
