import { randomBytes } from 'node:crypto';
import { PhiCipher, PhiDecryptionError } from './phi-cipher';
import { PhiKeyring } from './phi-keyring';

const KEY_2025 = { id: '2025', key: randomBytes(32) };
const KEY_2026 = { id: '2026', key: randomBytes(32) };
const COLUMN = 'preauth_requests.patient_name';

const cipherWith = (keys = [KEY_2025], current = '2025') => new PhiCipher(new PhiKeyring(keys, current));

/** Flips one byte of one base64url part of a stored value. */
function tamper(stored: string, partIndex: number): string {
  const parts = stored.split(':');
  const bytes = Buffer.from(parts[partIndex] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join(':');
}

describe('PhiCipher', () => {
  it('round-trips a value, including non-ASCII text', () => {
    const cipher = cipherWith();
    const stored = cipher.encrypt('José Ñúñez-O’Brien', COLUMN);
    expect(cipher.decrypt(stored, COLUMN)).toBe('José Ñúñez-O’Brien');
  });

  it('never stores the plaintext, and encrypts the same value differently every time (random IV)', () => {
    const cipher = cipherWith();
    const first = cipher.encrypt('Ada Lovelace', COLUMN);
    const second = cipher.encrypt('Ada Lovelace', COLUMN);
    expect(first).not.toContain('Ada');
    expect(Buffer.from(first.split(':')[4] ?? '', 'base64url').toString('utf8')).not.toContain('Ada');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1:2025:[\w-]{16}:[\w-]{22}:[\w-]+$/);
  });

  it.each([
    ['the ciphertext', 4],
    ['the authentication tag', 3],
    ['the IV', 2],
  ])('fails loudly when %s was tampered with', (_part, index) => {
    const cipher = cipherWith();
    const stored = cipher.encrypt('1990-01-31', COLUMN);
    expect(() => cipher.decrypt(tamper(stored, index), COLUMN)).toThrow(PhiDecryptionError);
  });

  it('refuses a value moved into another column', () => {
    const cipher = cipherWith();
    const stored = cipher.encrypt('W123456789', 'preauth_requests.member_id');
    expect(() => cipher.decrypt(stored, COLUMN)).toThrow('tampered, or stored under another column');
  });

  it.each(['plaintext', 'v1:2025:abc', 'v2:2025:a:b:c', ''])(
    'refuses a value not in the stored format (%j)',
    (stored) => {
      expect(() => cipherWith().decrypt(stored, COLUMN)).toThrow(PhiDecryptionError);
    },
  );

  describe('key rotation', () => {
    it('writes new values under the current key and still reads values under the old one', () => {
      const before = cipherWith([KEY_2025], '2025');
      const oldValue = before.encrypt('Grace Hopper', COLUMN);

      const after = cipherWith([KEY_2025, KEY_2026], '2026');
      const newValue = after.encrypt('Grace Hopper', COLUMN);
      expect(newValue.split(':')[1]).toBe('2026');
      expect(after.decrypt(oldValue, COLUMN)).toBe('Grace Hopper');
      expect(after.decrypt(newValue, COLUMN)).toBe('Grace Hopper');
    });

    it('re-encrypts old values under the current key and leaves current ones alone', () => {
      const oldValue = cipherWith([KEY_2025], '2025').encrypt('Grace Hopper', COLUMN);
      const after = cipherWith([KEY_2025, KEY_2026], '2026');
      expect(after.needsReencryption(oldValue)).toBe(true);

      const rotated = after.reencrypt(oldValue, COLUMN);
      expect(after.needsReencryption(rotated)).toBe(false);
      expect(after.reencrypt(rotated, COLUMN)).toBe(rotated);
      // Once re-encrypted, the old key can be retired.
      expect(cipherWith([KEY_2026], '2026').decrypt(rotated, COLUMN)).toBe('Grace Hopper');
    });

    it('fails loudly when the key that wrote a value is no longer configured', () => {
      const oldValue = cipherWith([KEY_2025], '2025').encrypt('Grace Hopper', COLUMN);
      expect(() => cipherWith([KEY_2026], '2026').decrypt(oldValue, COLUMN)).toThrow('no PHI key "2025"');
    });
  });
});
