import { Module } from 'node:module';

/**
 * Loads a package with Node's own `require`, outside Jest's module registry. `request-filtering-agent` ships
 * only ES modules, which Node 20.19+ can `require()` but Jest's registry cannot before Node 24.9, so specs
 * that load it (through OutboundUrlPolicy) map it here:
 *
 *   jest.mock('request-filtering-agent', () =>
 *     jest.requireActual<typeof NativeRequire>('@continuum/outbound/testing').requireNatively('request-filtering-agent'),
 *   );
 *   import type * as NativeRequire from '@continuum/outbound/testing';
 *
 * Jest hands specs a subclass of Node's Module whose `require` method is still Node's.
 */
export function requireNatively(id: string): unknown {
  return new Module(__filename).require(require.resolve(id)) as unknown;
}
