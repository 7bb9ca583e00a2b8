import { StartupError } from '@continuum/common';

/** One AES-256 key and the id stored beside every value it encrypts. */
export interface PhiKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;

export class PhiKeyringError extends StartupError {}

/**
 * The keys PHI is encrypted with. Every key can decrypt; only the current one encrypts. Rotation is adding a
 * key, making it current, and later re-encrypting the rows still written under the old ones.
 */
export class PhiKeyring {
  private readonly byId: ReadonlyMap<string, Buffer>;

  constructor(
    keys: PhiKey[],
    readonly currentKeyId: string,
  ) {
    const byId = new Map<string, Buffer>();
    for (const { id, key } of keys) {
      if (!KEY_ID.test(id)) throw new PhiKeyringError(`PHI key id "${id}" must be 1–32 letters, digits, - or _`);
      if (key.length !== KEY_BYTES) throw new PhiKeyringError(`PHI key "${id}" must be ${KEY_BYTES} bytes (AES-256)`);
      if (byId.has(id)) throw new PhiKeyringError(`PHI key id "${id}" appears twice`);
      byId.set(id, key);
    }
    if (!byId.has(currentKeyId)) {
      throw new PhiKeyringError(`the current PHI key "${currentKeyId}" is not among the configured keys`);
    }
    this.byId = byId;
  }

  /**
   * Parses `PHI_ENCRYPTION_KEYS`: comma-separated `id:base64key` pairs, e.g. `2026a:3q2+7w…,2025b:q83v…`.
   * Messages never include key material.
   */
  static parse(spec: string, currentKeyId: string): PhiKeyring {
    const keys = spec
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry, index): PhiKey => {
        const separator = entry.indexOf(':');
        if (separator <= 0) throw new PhiKeyringError(`PHI key #${index + 1} is not in the form id:base64key`);
        return { id: entry.slice(0, separator), key: Buffer.from(entry.slice(separator + 1), 'base64') };
      });
    if (keys.length === 0) throw new PhiKeyringError('no PHI encryption key is configured');
    return new PhiKeyring(keys, currentKeyId);
  }

  get current(): PhiKey {
    return { id: this.currentKeyId, key: this.keyFor(this.currentKeyId) as Buffer };
  }

  keyFor(id: string): Buffer | undefined {
    return this.byId.get(id);
  }
}
