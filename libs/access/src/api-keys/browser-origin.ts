/**
 * The canonical form of a browser origin (`https://clinic.example`, `http://localhost:8080`), as browsers
 * send it in the `Origin` header, or undefined when `raw` is not a bare http(s) origin: a path, a query,
 * credentials or a wildcard are refused, because an allow-list entry must name exactly one site.
 */
export function normalizeBrowserOrigin(raw: string): string | undefined {
  const text = raw.trim();
  if (!/^https?:\/\/[^/?#*@\s]+\/?$/i.test(text)) return undefined;
  try {
    return new URL(text).origin;
  } catch {
    return undefined;
  }
}
