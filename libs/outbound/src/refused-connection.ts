// Not `instanceof Error`: errors can come from another realm (a VM context such as Jest's, a worker).
const messageOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
    ? (error as { message: string }).message
    : '';

/**
 * When `error` (or an error it was caused by) is the filtering agent refusing to connect to an address that is
 * not public: a short sentence naming the address (never the URL or anything sent), else null.
 */
export function describeRefusedConnection(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    // request-filtering-agent: "DNS lookup 127.0.0.1(family:4, host:localhost) is not allowed. Because, …"
    const message = messageOf(current);
    if (message.startsWith('DNS lookup ') && message.includes(' is not allowed')) {
      const address = /^DNS lookup (\S+?)\(/.exec(message)?.[1];
      return address === undefined
        ? 'refused: the destination is not a public address'
        : `refused: ${address} is not a public address`;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
