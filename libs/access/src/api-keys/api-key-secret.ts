import { createHash, randomBytes } from 'node:crypto';
import { Role } from '../role';

const SECRET_BYTES = 32;
const PREFIX_RANDOM_CHARS = 6;

/** Admissions keys are publishable (they sit in web pages); the prefix says so, as Stripe's `pk_` does. */
const ROLE_TAG: Record<Role, string> = {
  [Role.Admin]: 'admin',
  [Role.Billing]: 'billing',
  [Role.Admissions]: 'pub',
};

export interface NewApiKeySecret {
  secret: string;
  hash: string;
  prefix: string;
}

/** A new secret such as `cnt_billing_<43 base64url characters>`: 256 random bits, tagged with its role. */
export function generateApiKeySecret(role: Role): NewApiKeySecret {
  const tag = `cnt_${ROLE_TAG[role]}_`;
  const secret = `${tag}${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { secret, hash: hashApiKeySecret(secret), prefix: secret.slice(0, tag.length + PREFIX_RANDOM_CHARS) };
}

/**
 * SHA-256 rather than a slow password hash: generated secrets carry 256 random bits (and ADMIN_API_KEY at
 * least 32 characters), so guessing is hopeless either way, and a fast hash can be looked up by index.
 */
export const hashApiKeySecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** How a bootstrap key (ADMIN_API_KEY) is shown: its first characters, never enough to use it. */
export const prefixOfSecret = (secret: string): string => `${secret.slice(0, 8)}…`;
