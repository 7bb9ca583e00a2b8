import { StartupError } from '@continuum/common';
import type { PhiSettings } from '@continuum/config';
import { blindIndex, normalizeMemberId } from './blind-index';
import { PhiCipher } from './phi-cipher';
import { PhiKeyring } from './phi-keyring';

const MIN_BLIND_INDEX_KEY_BYTES = 32;

/** Everything needed to store PHI: the cipher for values and the key for blind indexes. */
export class PhiProtection {
  constructor(
    readonly cipher: PhiCipher,
    private readonly blindIndexKey: Buffer,
  ) {
    if (blindIndexKey.length < MIN_BLIND_INDEX_KEY_BYTES) {
      throw new StartupError(`PHI_BLIND_INDEX_KEY must be at least ${MIN_BLIND_INDEX_KEY_BYTES} bytes`);
    }
  }

  /** Builds it from the environment; a wrong key names its variable and never echoes key material. */
  static fromSettings(settings: PhiSettings): PhiProtection {
    let keyring: PhiKeyring;
    try {
      keyring = PhiKeyring.parse(settings.encryptionKeys, settings.currentKeyId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new StartupError(`PHI_ENCRYPTION_KEYS / PHI_ENCRYPTION_KEY_ID: ${reason}`, { cause: error });
    }
    return new PhiProtection(new PhiCipher(keyring), Buffer.from(settings.blindIndexKey, 'base64'));
  }

  /** The blind index of a member id: equal ids written with spaces, dashes or other case index alike. */
  /**
   * A keyed fingerprint of a request body that holds PHI, for idempotency checks: equal bodies give equal
   * fingerprints, and without the key nobody can test a guess against a stored one.
   */
  fingerprint(canonicalBody: string): string {
    return blindIndex(canonicalBody, this.blindIndexKey);
  }

  memberIdIndex(memberId: string): string {
    return blindIndex(memberId, this.blindIndexKey, normalizeMemberId);
  }
}

let active: PhiProtection | undefined;

/**
 * TypeORM builds column transformers when entity classes load, long before dependency injection runs, so
 * the PHI columns read the process's protection from here. `AccessModule` activates it at boot.
 */
export function activatePhiProtection(protection: PhiProtection): void {
  active = protection;
}

export function activePhiProtection(): PhiProtection {
  if (active === undefined) {
    throw new Error('PHI protection is not configured: import PhiModule (or call activatePhiProtection) first');
  }
  return active;
}
