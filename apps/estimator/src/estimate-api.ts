/** The standard error body every API error answer carries (DESIGN.md). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { fields?: { field: string; messages: string[] }[]; retryAfterSeconds?: number };
}

export type ApiFailure =
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'http'; status: number; body: ApiErrorBody | undefined; retryAfterSeconds: number | undefined };

/** A call that did not give an answer to show; `failure` says why, `describeFailure` says it in plain words. */
export class ApiProblem extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.kind === 'http' ? `HTTP ${failure.status}` : failure.kind);
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

/** The public estimate API, called with a publishable admissions key like any other browser client. */
export class EstimateApi {
  constructor(
    private readonly baseUrl: string,
    private readonly publishableKey: string,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.publishableKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        credentials: 'omit',
      });
    } catch (error) {
      // fetch rejects only when no answer came: offline, DNS, refused, CORS, or our timeout.
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new ApiProblem(timedOut ? { kind: 'timeout' } : { kind: 'network' });
    }
    if (response.ok) {
      try {
        return (await response.json()) as T;
      } catch {
        // A proxy's error page or a cut-off answer: not something the person can fix, but a retry may help.
        throw new ApiProblem({ kind: 'http', status: 502, body: undefined, retryAfterSeconds: undefined });
      }
    }
    throw new ApiProblem({
      kind: 'http',
      status: response.status,
      body: await response.json().then(asErrorBody, () => undefined),
      retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after')),
    });
  }
}

function asErrorBody(value: unknown): ApiErrorBody | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const body = value as Partial<ApiErrorBody>;
  return typeof body.code === 'string' && typeof body.message === 'string' ? (body as ApiErrorBody) : undefined;
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

export interface FailureMessage {
  /** One or two sentences for the person using the page. */
  message: string;
  /** Whether trying again (the same request) may work. */
  retry: boolean;
}

const CALL_US = 'You can also call our admissions team for an estimate.';

/** Any failure, in plain words; never blank, never a stack trace. */
export function describeFailure(failure: ApiFailure): FailureMessage {
  switch (failure.kind) {
    case 'network':
      return {
        message: 'We could not reach the estimate service. Check your internet connection, then try again.',
        retry: true,
      };
    case 'timeout':
      return { message: 'The estimate service took too long to answer. Please try again.', retry: true };
    case 'http':
      return describeHttpFailure(failure.status, failure.body, failure.retryAfterSeconds);
  }
}

function describeHttpFailure(
  status: number,
  body: ApiErrorBody | undefined,
  retryAfter: number | undefined,
): FailureMessage {
  if (status === 429) {
    const seconds = retryAfter ?? body?.details?.retryAfterSeconds;
    const wait = seconds === undefined ? 'a minute' : `${seconds} second${seconds === 1 ? '' : 's'}`;
    return { message: `Too many estimates were asked for in a short time. Please try again in ${wait}.`, retry: true };
  }
  if (status === 400) {
    // The API's own message names fields in its terms; a person gets plain words (fields it names that the
    // form has are marked next to them by the widget).
    return { message: 'Some of your answers could not be used. Please check them and try again.', retry: false };
  }
  if (status === 401) {
    return { message: `This estimator is not set up correctly (its key is not valid). ${CALL_US}`, retry: false };
  }
  if (status === 403) {
    return { message: `This website is not allowed to use this estimator. ${CALL_US}`, retry: false };
  }
  if (status === 404) {
    return { message: 'That plan is no longer offered here. Please choose your plan again.', retry: false };
  }
  if (status === 422) {
    return { message: `We cannot estimate this care online yet. ${CALL_US}`, retry: false };
  }
  return { message: `Something went wrong on our side. Please try again in a moment. ${CALL_US}`, retry: true };
}
