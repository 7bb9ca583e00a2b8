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
  const document = readDemoCatalog();
  if (version > 0) {
    const added = await addMissingPovertyYears(apiUrl, headers, document.povertyGuidelines);
    const note = added.length > 0 ? `; added poverty guidelines for ${added.join(', ')}` : '';
    return `catalog version ${version} (${payers} payers, ${plans} plans)${note}`;
  }

  const response = await fetch(`${apiUrl}/v1/catalog`, { method: 'PUT', headers, body: JSON.stringify(document) });
  if (!response.ok) throw new Error(`loading the demo catalog failed: ${response.status} ${await response.text()}`);
  const planCount = document.payers.reduce((n, p) => n + p.plans.length, 0);
  return `demo catalog loaded from config/ (${document.payers.length} payers, ${planCount} plans)`;
}

/**
 * An existing catalog keeps its data, but a year added to `config/poverty-guidelines.yaml` since must still
 * reach it: each missing year goes through `POST /v1/poverty-guidelines` (validated and audited there).
 */
async function addMissingPovertyYears(
  apiUrl: string,
  headers: Record<string, string>,
  tables: readonly { year: number }[],
): Promise<number[]> {
  const list = await fetch(`${apiUrl}/v1/poverty-guidelines`, { headers });
  if (!list.ok) throw new Error(`reading the poverty guidelines failed: ${list.status} ${await list.text()}`);
  const known = new Set(((await list.json()) as { data: { year: number }[] }).data.map((t) => t.year));
  const added: number[] = [];
  for (const table of tables.filter((t) => !known.has(t.year))) {
    const response = await fetch(`${apiUrl}/v1/poverty-guidelines`, {
      method: 'POST',
      headers,
      body: JSON.stringify(table),
    });
    if (!response.ok) {
      throw new Error(
        `adding the ${table.year} poverty guidelines failed: ${response.status} ${await response.text()}`,
      );
    }
    added.push(table.year);
  }
  return added;
}
