import type { GatewayOutcome, GatewaySubmission, PayerGatewayAdapter } from './payer-gateway.types';

/** A payer reached by portal, fax or phone: nothing is sent; staff send it and record the answer. */
export class ManualGatewayAdapter implements PayerGatewayAdapter {
  readonly connection = 'manual' as const;

  submit(_submission: GatewaySubmission): Promise<GatewayOutcome> {
    return Promise.resolve({ kind: 'manual' });
  }
}
