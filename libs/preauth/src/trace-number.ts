import { randomInt } from 'node:crypto';

/** Crockford's base32 without I, L, O, U: no letter can be misread as a digit on a phone call with the payer. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARACTERS = 14;

/**
 * A new trace number: `CTM` and 14 random base-32 characters (70 bits). It is the payer's dedupe key for one
 * submission, sent as BHT03 / TRN02 in a 278 (at most 50 characters there) and in JSON submissions.
 */
export function newTraceNumber(): string {
  let value = 'CTM';
  for (let i = 0; i < RANDOM_CHARACTERS; i += 1) value += ALPHABET[randomInt(ALPHABET.length)];
  return value;
}
