import { readDemoCatalog } from '@continuum/catalog';

/**
 * On first start (catalog version 0) loads the demo catalog through `PUT /v1/catalog`, the same import an
 * administrator would use. Returns what it did, for the banner.
 */
export async function ensureDemoCatalog(apiUrl: string, adminKey: string): Promise<string> {
  const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
  const snapshot = await fetch(`${apiUrl}/v1/catalog/snapshot`, { headers });
  if (!snapshot.ok) throw new Error(`reading the catalog version failed: ${snapshot.status} ${await snapshot.text()}`);
  const { version, payers, plans } = (await snapshot.json()) as { version: number; payers: number; plans: number };
  if (version > 0) return `catalog version ${version} (${payers} payers, ${plans} plans)`;

  const document = readDemoCatalog();
  const response = await fetch(`${apiUrl}/v1/catalog`, { method: 'PUT', headers, body: JSON.stringify(document) });
  if (!response.ok) throw new Error(`loading the demo catalog failed: ${response.status} ${await response.text()}`);
  const planCount = document.payers.reduce((n, p) => n + p.plans.length, 0);
  return `demo catalog loaded from config/ (${document.payers.length} payers, ${planCount} plans)`;
}
