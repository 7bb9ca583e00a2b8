import { createHmac } from 'node:crypto';

/**
 * A keyed hash of a PHI value (HMAC-SHA256), stored beside its ciphertext so rows can be found by that value
 * (a member id, say) without storing or scanning plaintext. Unlike a plain hash it cannot be reversed by
 * hashing guesses without the key, which is kept apart from the encryption keys.
 *
 * `normalize` makes equal values index equally (member ids are compared without spaces and case).
 */
export function blindIndex(value: string, key: Buffer, normalize: (raw: string) => string = (raw) => raw): string {
  if (key.length < 32) throw new Error('a blind-index key must be at least 32 bytes');
  return createHmac('sha256', key).update(normalize(value), 'utf8').digest('hex');
}

export const normalizeMemberId = (raw: string): string => raw.replace(/[\s-]/g, '').toUpperCase();
