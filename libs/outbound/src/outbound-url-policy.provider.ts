import type { FactoryProvider } from '@nestjs/common';
import { OutboundUrlPolicy } from './outbound-url-policy';

/** What the policy reads from the process's configuration (AppConfig's `outbound`). */
interface OutboundConfig {
  outbound: { allowedHosts: readonly string[] };
}

/**
 * The Nest provider of the OutboundUrlPolicy, configured by OUTBOUND_ALLOWED_HOSTS: `outboundUrlPolicyProvider(AppConfig)`
 * in the providers of a module that saves or sends to outbound URLs. The config class comes in as an argument so
 * this library stays free of Nest at run time (its code is unit-tested under Jest, which cannot load Nest).
 */
export function outboundUrlPolicyProvider(
  configToken: abstract new (...args: never[]) => OutboundConfig,
): FactoryProvider<OutboundUrlPolicy> {
  return {
    provide: OutboundUrlPolicy,
    useFactory: (config: OutboundConfig) => new OutboundUrlPolicy({ allowedHosts: config.outbound.allowedHosts }),
    inject: [configToken],
  };
}
