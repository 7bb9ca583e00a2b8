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

/** Why `raw` is not a browser origin, in words a caller can act on; undefined when it is one. */
export function browserOriginProblem(raw: string): string | undefined {
  if (normalizeBrowserOrigin(raw) !== undefined) return undefined;
  const text = raw.trim();
  const shape = 'an origin is scheme://host[:port], such as https://clinic.example';
  if (!/^https?:\/\//i.test(text)) return `${text} is not an http(s) origin: ${shape}`;
  const rest = text.replace(/^https?:\/\//i, '');
  if (rest.includes('*')) return `${text} has a wildcard: ${shape}, naming exactly one site`;
  if (/@/.test(rest.split(/[/?#]/)[0] ?? '')) return `${text} has credentials: ${shape}`;
  if (/[?#]/.test(rest) && !/\/./.test(rest.split(/[?#]/)[0] ?? '')) {
    return `${text} has a query or fragment: ${shape}, with no query`;
  }
  if (/\/./.test(rest)) return `${text} has a path: ${shape}, with no path`;
  return `${text} is not a valid origin: ${shape}`;
}
