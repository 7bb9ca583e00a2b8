import type { DevelopmentSecrets, DevelopmentSecretsFile } from './development-secrets';

type DemoRole = keyof DevelopmentSecrets['demoKeys'];

const DEMO_KEYS: { role: DemoRole; name: string }[] = [
  { role: 'billing', name: 'Demo billing key (npm start)' },
  { role: 'admissions', name: 'Demo admissions key (npm start)' },
];

/**
 * Makes sure a demo billing key and a demo admissions (publishable) key exist, creating them through the API
 * the way an administrator would, and returns every demo key by role. A key revoked since the last run is
 * replaced. The admissions key allows the API's own origins, so the estimator page works on localhost.
 */
export async function ensureDemoApiKeys(
  apiUrl: string,
  adminKey: string,
  browserOrigins: string[],
  secretsFile: DevelopmentSecretsFile,
  secrets: DevelopmentSecrets,
): Promise<Record<'admin' | DemoRole, string>> {
  const asAdmin = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
  for (const { role, name } of DEMO_KEYS) {
    const known = secrets.demoKeys[role];
    if (known !== undefined) {
      const response = await fetch(`${apiUrl}/v1/api-keys/${known.id}`, { headers: asAdmin });
      const key = response.ok ? ((await response.json()) as { revokedAt: string | null }) : undefined;
      if (key !== undefined && key.revokedAt === null) continue;
    }
    const response = await fetch(`${apiUrl}/v1/api-keys`, {
      method: 'POST',
      headers: asAdmin,
      body: JSON.stringify({ name, role, ...(role === 'admissions' ? { allowedOrigins: browserOrigins } : {}) }),
    });
    if (!response.ok)
      throw new Error(`creating the demo ${role} key failed: ${response.status} ${await response.text()}`);
    const created = (await response.json()) as { id: string; key: string };
    secrets.demoKeys[role] = { id: created.id, key: created.key };
    secretsFile.save(secrets);
  }
  return {
    admin: adminKey,
    billing: secrets.demoKeys.billing?.key ?? '',
    admissions: secrets.demoKeys.admissions?.key ?? '',
  };
}
