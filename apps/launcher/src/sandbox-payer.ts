import { randomBytes } from 'node:crypto';
import type { DevelopmentSecrets, DevelopmentSecretsFile } from './development-secrets';

interface PayerRow {
  id: string;
  code: string;
  connectionType: 'sandbox' | 'x12' | 'manual';
  endpointUrl: string | null;
  active: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether an X12 payer's endpoint is one the launcher may point at the sandbox payer: a `.example` placeholder
 * (reserved by RFC 2606, never a real payer) or the sandbox payer of an earlier run (another port).
 */
function isDemoEndpoint(url: string | null, code: string): boolean {
  if (url === null) return false;
  const parsed = new URL(url);
  if (parsed.hostname.endsWith('.example')) return true;
  return LOOPBACK.has(parsed.hostname) && parsed.pathname === sandboxX12Path(code);
}

const sandboxX12Path = (code: string): string => `/v1/payers/${encodeURIComponent(code)}/x12/278`;

const newSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * Connects the demo payers to the sandbox payer `npm start` runs: each sandbox or X12 payer gets a webhook
 * signing secret (shared with the sandbox payer, kept in DATA_DIR), and X12 payers whose endpoint is a
 * demo one are pointed at the sandbox payer's 278 endpoint. Sandbox payers without an
 * endpoint already go to SANDBOX_PAYER_URL. Returns the secrets as `code=whsec_…` pairs for the sandbox.
 */
export async function connectDemoPayers(
  apiUrl: string,
  adminKey: string,
  sandboxUrl: string,
  secretsFile: DevelopmentSecretsFile,
  secrets: DevelopmentSecrets,
): Promise<string> {
  const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
  const response = await fetch(`${apiUrl}/v1/payers`, { headers });
  if (!response.ok) throw new Error(`listing payers failed: ${response.status} ${await response.text()}`);
  const payers = ((await response.json()) as { data: PayerRow[] }).data.filter(
    (payer) => payer.active && payer.connectionType !== 'manual',
  );
  const known = secrets.sandboxPayerSecrets ?? {};
  for (const payer of payers) {
    const fresh = known[payer.code] === undefined;
    if (fresh) known[payer.code] = newSecret();
    const patch: Record<string, unknown> = {};
    if (fresh) patch.webhookSecrets = [known[payer.code]];
    const sandboxEndpoint = `${sandboxUrl}${sandboxX12Path(payer.code)}`;
    if (
      payer.connectionType === 'x12' &&
      payer.endpointUrl !== sandboxEndpoint &&
      isDemoEndpoint(payer.endpointUrl, payer.code)
    ) {
      patch.endpointUrl = sandboxEndpoint;
    }
    if (Object.keys(patch).length === 0) continue;
    const patched = await fetch(`${apiUrl}/v1/payers/${payer.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify(patch),
    });
    if (!patched.ok)
      throw new Error(`connecting payer ${payer.code} failed: ${patched.status} ${await patched.text()}`);
  }
  secrets.sandboxPayerSecrets = known;
  secretsFile.save(secrets);
  return Object.entries(known)
    .map(([code, secret]) => `${code}=${secret}`)
    .join(',');
}
