import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PhiKeyring } from './phi-keyring';

/** Raised whenever a stored value cannot be decrypted: tampered, truncated, or under an unknown key. */
export class PhiDecryptionError extends Error {}

const FORMAT_VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for PHI at rest. A stored value is `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts): a
 * fresh random IV for every value, and the key id so old values still decrypt after a rotation.
 *
 * `context` (the table and column, say `preauth_requests.patient_name`) is bound in as additional
 * authenticated data, so a ciphertext copied into another column fails to decrypt instead of passing as
 * that column's value.
 */
export class PhiCipher {
  constructor(private readonly keyring: PhiKeyring) {}

  encrypt(plaintext: string, context: string): string {
    const { id, key } = this.keyring.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT_VERSION, id, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  decrypt(stored: string, context: string): string {
    const { keyId, iv, tag, ciphertext } = parse(stored);
    const key = this.keyring.keyFor(keyId);
    if (key === undefined) throw new PhiDecryptionError(`no PHI key "${keyId}" is configured to decrypt this value`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new PhiDecryptionError('PHI value failed authentication (tampered, or stored under another column)', {
        cause: error,
      });
    }
  }

  /** True when a stored value was written under a key other than the current one (the re-encryption backlog). */
  needsReencryption(stored: string): boolean {
    return parse(stored).keyId !== this.keyring.currentKeyId;
  }

  /** Decrypts with whichever key wrote it and encrypts again under the current key. */
  reencrypt(stored: string, context: string): string {
    return this.needsReencryption(stored) ? this.encrypt(this.decrypt(stored, context), context) : stored;
  }
}

function parse(stored: string): { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = stored.split(':');
  const [version, keyId, iv, tag, ciphertext] = parts;
  if (
    parts.length !== 5 ||
    version !== FORMAT_VERSION ||
    keyId === undefined ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined
  ) {
    throw new PhiDecryptionError('stored PHI value is not in the v1 format');
  }
  const decoded = {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
  if (decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) {
    throw new PhiDecryptionError('stored PHI value has a malformed IV or tag');
  }
  return decoded;
}
