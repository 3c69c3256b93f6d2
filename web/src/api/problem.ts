/** application/problem+json (RFC 9457) as the server sends it, with `errors[]` on a 422. */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  request_id?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

function asProblem(error: unknown, status: number): Problem {
  if (error && typeof error === 'object') return error as Problem;
  if (typeof error === 'string' && error) return { status, detail: error };
  return { status, title: `HTTP ${status}` };
}

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem. */
export async function unwrap<T>(
  result: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await result;
  if (!response.ok) throw new ApiError(response.status, asProblem(error, response.status));
  return data as T;
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

/**
 * A request that never got an answer: the client's ApiError with status 0, or the TypeError fetch
 * rejects with when the network fails ("Failed to fetch" in Chromium, "NetworkError when attempting
 * to fetch resource." in Firefox, "Load failed" in Safari; lib/upload.ts raises "Network error
 * during upload"). Any other TypeError is a bug in the page, not a connection problem.
 */
export function isNetworkError(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 0;
  return (
    error instanceof TypeError &&
    /failed to fetch|networkerror|network error|load failed/i.test(error.message)
  );
}

/** A sentence for a toast or an alert. */
export function errorMessage(error: unknown): string {
  if (isNetworkError(error)) return 'The server could not be reached. Check the connection and try again.';
  if (error instanceof ApiError) return error.problem.detail || error.problem.title || error.message;
  return error instanceof Error ? error.message : 'Something went wrong.';
}
