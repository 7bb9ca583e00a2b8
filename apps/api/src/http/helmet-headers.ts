import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet sets, worked out once: with no nonces they are the same on every response, and setting
 * them from one object costs a fraction of running helmet's twelve middlewares per request (@fastify/helmet
 * even rebuilds them per request: about 8% of an estimate's CPU).
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {
    finished = true;
  });
  // Helmet sets its headers synchronously; should that ever change, fail at startup, not silently per response.
  if (!finished) throw new Error('helmet did not set its headers synchronously');
  return headers;
}
