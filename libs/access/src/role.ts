/**
 * What a caller may do:
 * - `admin`: everything (catalog writes, API keys, audit trail, webhook subscriptions, operations);
 * - `billing`: estimates, Good Faith Estimates and pre-auths, and catalog reads;
 * - `admissions`: publishable keys for public web pages: estimates and public catalog reads only, from
 *   the key's allowed browser origins, rate limited.
 */
export enum Role {
  Admin = 'admin',
  Billing = 'billing',
  Admissions = 'admissions',
}

export const ROLES: readonly Role[] = Object.values(Role);
