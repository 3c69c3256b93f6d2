import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/problem';
import { NotFound } from './NotFound';
import { RouteError } from './RouteError';

function Throws({ error }: { error: unknown }): never {
  throw error;
}

/** The app's route shape: the error boundary on the parent, pages below, a catch-all 404. */
function renderRoutes(url: string) {
  const router = createMemoryRouter(
    [
      {
        errorElement: <RouteError />,
        children: [
          { path: '/broken', element: <Throws error={new Error('The chart has no series')} /> },
          {
            path: '/bug',
            element: <Throws error={new TypeError("Cannot read properties of undefined (reading 'map')")} />,
          },
          { path: '/offline', element: <Throws error={new TypeError('Failed to fetch')} /> },
          { path: '/unreachable', element: <Throws error={new ApiError(0, { status: 0 })} /> },
          {
            path: '/gone',
            element: (
              <Throws
                error={new ApiError(404, { status: 404, detail: 'No customer 42', request_id: 'req-1' })}
              />
            ),
          },
          {
            path: '/failing',
            element: (
              <Throws
                error={new ApiError(500, { status: 500, detail: 'Something broke', request_id: 'req-500' })}
              />
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
    { initialEntries: [url] },
  );
  return render(
    <MantineProvider env="test">
      <RouterProvider router={router} />
    </MantineProvider>,
  );
}

describe('the global error boundary and the 404 page', () => {
  // React reports a caught render error on the console; that is the point of these tests
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
  afterEach(() => quiet.mockClear());

  it('shows a page that threw while rendering as an error page with a way out, not a blank page', () => {
    renderRoutes('/broken');
    expect(screen.getByRole('heading', { name: 'Something went wrong on this page' })).toBeInTheDocument();
    expect(screen.getByText('The chart has no series')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
  });

  it('calls a TypeError from the page code a fault of the page, not a connection problem', () => {
    renderRoutes('/bug');
    expect(screen.getByRole('heading', { name: 'Something went wrong on this page' })).toBeInTheDocument();
    expect(screen.getByText("Cannot read properties of undefined (reading 'map')")).toBeInTheDocument();
    expect(screen.queryByText(/could not be reached/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
  });

  it.each([
    ['/offline', "fetch's TypeError"],
    ['/unreachable', 'an ApiError with status 0'],
  ])('says the server could not be reached only for a network failure (%s: %s)', (url) => {
    renderRoutes(url);
    expect(screen.getByRole('heading', { name: 'The server could not be reached' })).toBeInTheDocument();
    expect(screen.getByText(/Check the network connection/)).toBeInTheDocument();
    expect(screen.queryByText(/went wrong on this page/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
  });

  it('names the request id of a failed API call, for the server log', () => {
    renderRoutes('/failing');
    expect(screen.getByRole('heading', { name: 'Something went wrong' })).toBeInTheDocument();
    expect(screen.getByText('Something broke')).toBeInTheDocument();
    expect(screen.getByText('req-500')).toBeInTheDocument();
  });

  it('shows the 404 page when a page fails with an API 404', () => {
    renderRoutes('/gone');
    expect(screen.getByRole('heading', { name: 'This page does not exist' })).toBeInTheDocument();
  });

  it('shows the 404 page for a path no route knows', () => {
    renderRoutes('/no/such/page');
    expect(screen.getByRole('heading', { name: 'This page does not exist' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
  });
});
