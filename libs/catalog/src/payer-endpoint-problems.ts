import type { CatalogProblem } from '@continuum/domain';
import type { OutboundUrlPolicy } from '@continuum/outbound';

/**
 * What the outbound URL policy says about a payer's `endpointUrl` (private, loopback, link-local or metadata
 * addresses, other schemes, credentials…), as a problem on `field`. A missing endpoint is not this check's
 * business (payerProblems says when one is required).
 */
export async function payerEndpointProblems(
  urlPolicy: OutboundUrlPolicy,
  endpointUrl: string | null | undefined,
  field = 'endpointUrl',
): Promise<CatalogProblem[]> {
  if (endpointUrl === null || endpointUrl === undefined) return [];
  const refusal = await urlPolicy.check(endpointUrl);
  return refusal === null ? [] : [{ field, message: refusal }];
}
