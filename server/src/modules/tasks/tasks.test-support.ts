import type { TestApp } from '../../../test/app.ts';

/** Small request helpers for the task tests: `as(headers).post('/tasks', body)`. */
export const as = (t: TestApp, headers: Record<string, string>) => {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE') => (url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  return {
    get: call('GET'),
    post: call('POST'),
    patch: call('PATCH'),
    put: call('PUT'),
    del: call('DELETE'),
  };
};
