/** Short names of what a connection can end with, by Node's error code (payer and subscriber HTTP alike). */
const NETWORK_ERRORS: Readonly<Record<string, string>> = Object.freeze({
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS temporarily unavailable)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted TLS certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted TLS certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host',
});

const ownCode = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * The error code behind a failed request: on the error itself, on its causes, or on the first of an
 * AggregateError's errors (connecting to a name with several addresses fails once per address tried).
 */
export function networkErrorCode(error: unknown): string | undefined {
  let cause: unknown = error;
  for (let depth = 0; depth < 4 && typeof cause === 'object' && cause !== null; depth += 1) {
    const code = ownCode(cause);
    if (code !== undefined) return code;
    const errors = (cause as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      const first = errors.map(ownCode).find((c) => c !== undefined);
      if (first !== undefined) return first;
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Why a request got no answer, in a few words with the code: `connection refused (ECONNREFUSED)`. Built from
 * the error code only, never from messages: TLS and the HTTP parser may quote what was sent or received, and
 * requests to payers carry PHI.
 */
export function describeNetworkError(error: unknown): string {
  const code = networkErrorCode(error);
  if (code === undefined) return 'network error';
  if (code.startsWith('HPE_')) return `invalid HTTP answer (${code})`;
  return `${NETWORK_ERRORS[code] ?? 'network error'} (${code})`;
}
