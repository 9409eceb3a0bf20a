import type { Problem, ProblemFieldError } from '@lagverk/shared';

// The one way the web client talks to the API: JSON in and out, RFC 9457 problems turned
// into ApiError, and If-Match sent from the version the user loaded.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: ProblemFieldError[];
  readonly currentVersion: number | undefined;

  constructor(status: number, code: string, message: string, problem?: Partial<Problem>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = problem?.errors ?? [];
    this.currentVersion = problem?.currentVersion;
  }

  /** Someone else saved a newer version since this one was loaded. */
  get isStale() {
    return this.status === 412;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** The version the user loaded; sent as If-Match so a stale edit is refused, not lost. */
  ifMatch?: number;
  signal?: AbortSignal;
}

export function queryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // Empty filters are left out: the API rejects an empty `q` rather than ignoring it.
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;

  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${queryString(options.query)}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  throw await toApiError(response);
}

async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const problem = (await response.json()) as Partial<Problem>;
      return new ApiError(response.status, problem.code ?? 'unknown', problem.detail ?? response.statusText, problem);
    } catch {
      // Fall through: a broken error body still becomes a typed error.
    }
  }
  return new ApiError(response.status, 'unknown', response.statusText);
}

/** Every page of a list, for the few views that need the whole set (tree, pickers). */
export async function fetchAllPages<T>(path: string, query: Record<string, QueryValue> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await request(path, { query: { ...query, limit: 200, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
