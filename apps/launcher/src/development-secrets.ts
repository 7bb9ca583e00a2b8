import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets `npm start` generates on embedded defaults, kept in DATA_DIR so the data written with them stays
 * readable across runs. Development only: a real deployment sets its own keys (see docs/configuration.md and docs/security.md).
 */
export interface DevelopmentSecrets {
  phiEncryptionKeys: string;
  phiEncryptionKeyId: string;
  phiBlindIndexKey: string;
  adminApiKey: string;
  /** Standard Webhooks secrets the sandbox payer signs its callbacks with, by payer code. */
  sandboxPayerSecrets?: Record<string, string>;
  /** Demo keys created through the API on first start, by role. */
  demoKeys: Partial<Record<'billing' | 'admissions', { id: string; key: string }>>;
}

const FILE_NAME = 'development-secrets.json';

export class DevelopmentSecretsFile {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, FILE_NAME);
  }

  /** Reads the secrets, generating (and saving) them on the first run. */
  load(): { secrets: DevelopmentSecrets; created: boolean } {
    if (existsSync(this.path)) {
      return { secrets: JSON.parse(readFileSync(this.path, 'utf8')) as DevelopmentSecrets, created: false };
    }
    const secrets: DevelopmentSecrets = {
      phiEncryptionKeys: `dev1:${randomBytes(32).toString('base64')}`,
      phiEncryptionKeyId: 'dev1',
      phiBlindIndexKey: randomBytes(32).toString('base64'),
      adminApiKey: `cnt_admin_${randomBytes(32).toString('base64url')}`,
      demoKeys: {},
    };
    this.save(secrets);
    return { secrets, created: true };
  }

  save(secrets: DevelopmentSecrets): void {
    writeFileSync(this.path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
}
