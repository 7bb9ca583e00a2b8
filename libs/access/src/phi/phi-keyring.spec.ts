import { randomBytes } from 'node:crypto';
import { PhiKeyring, PhiKeyringError } from './phi-keyring';

const b64 = (bytes: number) => randomBytes(bytes).toString('base64');

describe('PhiKeyring.parse (PHI_ENCRYPTION_KEYS)', () => {
  it('reads id:base64key pairs and picks the current key', () => {
    const keyring = PhiKeyring.parse(`2025:${b64(32)}, 2026:${b64(32)}`, '2026');
    expect(keyring.current.id).toBe('2026');
    expect(keyring.keyFor('2025')).toHaveLength(32);
  });

  it.each([
    ['an empty list', '', '2026', 'no PHI encryption key is configured'],
    ['a pair without an id', `:${b64(32)}`, '2026', 'PHI key #1 is not in the form id:base64key'],
    ['a short key', `2026:${b64(16)}`, '2026', 'PHI key "2026" must be 32 bytes (AES-256)'],
    ['a duplicate id', `a:${b64(32)},a:${b64(32)}`, 'a', 'PHI key id "a" appears twice'],
    ['a bad id', `key one:${b64(32)}`, 'key one', 'must be 1–32 letters, digits, - or _'],
    ['a missing current key', `2025:${b64(32)}`, '2026', 'the current PHI key "2026" is not among the configured keys'],
  ])('refuses %s', (_case, spec, current, message) => {
    expect(() => PhiKeyring.parse(spec, current)).toThrow(PhiKeyringError);
    expect(() => PhiKeyring.parse(spec, current)).toThrow(message);
  });

  it('never puts key material in its messages', () => {
    const secret = b64(16);
    expect.assertions(1);
    try {
      PhiKeyring.parse(`2026:${secret}`, '2026');
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});
