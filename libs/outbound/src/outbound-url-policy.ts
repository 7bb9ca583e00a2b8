import { promises as dns } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

export interface OutboundUrlPolicyOptions {
  /**
   * Hosts outbound requests may reach without the public-address rule, over http too: `host` (any port) or
   * `host:port`, hostnames or IP literals, compared case-insensitively; IPv6 literals with or without
   * brackets (`[::1]:4010` with a port).
   */
  allowedHosts: readonly string[];
}

/** Resolves a hostname to its addresses (IPv4 and IPv6). */
export type OutboundHostLookup = (hostname: string) => Promise<string[]>;

const defaultLookup: OutboundHostLookup = async (hostname) =>
  (await dns.lookup(hostname, { all: true })).map((entry) => entry.address);

/** Longest outbound URL accepted. */
export const MAX_OUTBOUND_URL_LENGTH = 2_000;

const RANGE_DESCRIPTIONS: Record<string, string> = {
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (such as cloud metadata)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  reserved: 'a reserved address',
  uniqueLocal: 'a unique local (private) address',
};

/** Why `address` is not a public unicast address, or null when it is one. IPv4-mapped IPv6 counts as IPv4. */
function nonPublicReason(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return 'not a valid IP address';
  }
  const range = parsed.range();
  if (range === 'unicast') return null;
  return RANGE_DESCRIPTIONS[range] ?? `a special-purpose address (${range})`;
}

/** A host as compared with the allow-list: lower case, no brackets, no trailing dot, IPs in one form. */
function normaliseHost(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (isIP(name) !== 0) return ipaddr.parse(name).toNormalizedString();
  return name;
}

/** An allow-list entry: `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 literal. */
function parseAllowedHost(entry: string): { host: string; port: string | null } {
  const trimmed = entry.trim();
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed !== null) return { host: normaliseHost(bracketed[1] ?? ''), port: bracketed[2] ?? null };
  const withPort = /^([^:]*):(\d+)$/.exec(trimmed);
  if (withPort !== null) return { host: normaliseHost(withPort[1] ?? ''), port: withPort[2] ?? null };
  return { host: normaliseHost(trimmed), port: null };
}

/** The port a URL connects to: its own, else the scheme's default. */
const effectivePort = (url: URL): string => (url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80');

type AgentKind = 'http' | 'https' | 'filtered-http' | 'filtered-https';

/**
 * The one SSRF guard for every URL Continuum sends requests to (webhook subscribers, payer endpoints).
 * `check` vets a URL when it is saved; `agentFor` gives the agent every request must use, which re-checks
 * the address it connects to (so a hostname that later resolves to a private address, DNS rebinding
 * included, is still refused).
 */
export class OutboundUrlPolicy {
  /** Allow-listed hosts, each with the ports allowed (null: any port). */
  private readonly allowedHosts = new Map<string, Set<string> | null>();
  private readonly agents = new Map<AgentKind, http.Agent>();

  constructor(
    options: OutboundUrlPolicyOptions,
    private readonly lookup: OutboundHostLookup = defaultLookup,
  ) {
    for (const entry of options.allowedHosts) {
      const { host, port } = parseAllowedHost(entry);
      if (host === '') continue;
      const ports = this.allowedHosts.get(host);
      if (port === null || ports === null) this.allowedHosts.set(host, null);
      else this.allowedHosts.set(host, new Set([...(ports ?? []), port]));
    }
  }

  isAllowListed(url: URL): boolean {
    const ports = this.allowedHosts.get(normaliseHost(url.hostname));
    if (ports === undefined) return false;
    return ports === null || ports.has(effectivePort(url));
  }

  /** When a URL is saved: null when acceptable, else a reason sentence naming the problem. */
  async check(rawUrl: string): Promise<string | null> {
    if (rawUrl.length > MAX_OUTBOUND_URL_LENGTH) {
      return `The URL is longer than ${MAX_OUTBOUND_URL_LENGTH} characters.`;
    }
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return 'The URL is not a valid absolute URL.';
    }
    if (url.username !== '' || url.password !== '') {
      return 'The URL must not contain a username or password.';
    }
    const allowListed = this.isAllowListed(url);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowListed)) {
      return url.protocol === 'http:'
        ? `The URL must use https (http is allowed only for allow-listed hosts, and ${url.host} is not one).`
        : `The URL must use https, not ${url.protocol.slice(0, -1)}.`;
    }
    if (allowListed) return null;

    const host = normaliseHost(url.hostname);
    if (host === '') return 'The URL has no host.';
    if (isIP(host) !== 0) {
      const reason = nonPublicReason(host);
      return reason === null
        ? null
        : `The host ${url.hostname} is ${reason}; outbound requests go only to public addresses.`;
    }
    if (host === 'localhost' || host.endsWith('.localhost')) {
      return `The host ${url.hostname} is this machine; outbound requests go only to public addresses.`;
    }

    let addresses: string[];
    try {
      addresses = await this.lookup(host);
    } catch {
      // Unresolvable now (or no DNS here): accepted, since every delivery re-checks the address it connects to.
      return null;
    }
    for (const address of addresses) {
      const reason = nonPublicReason(address);
      if (reason !== null) {
        return `The host ${url.hostname} resolves to ${address}, ${reason}; outbound requests go only to public addresses.`;
      }
    }
    return null;
  }

  /**
   * The http(s).Agent a request to this URL must use: a plain one for an allow-listed host, else one that
   * refuses to connect to an address that is not public. One agent of each kind, shared, without keep-alive.
   */
  agentFor(url: URL): http.Agent {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`outbound requests go over http(s), not ${url.protocol}`);
    }
    const secure = url.protocol === 'https:';
    const kind: AgentKind = this.isAllowListed(url)
      ? secure
        ? 'https'
        : 'http'
      : secure
        ? 'filtered-https'
        : 'filtered-http';
    let agent = this.agents.get(kind);
    if (agent === undefined) {
      agent = createAgent(kind);
      this.agents.set(kind, agent);
    }
    return agent;
  }
}

function createAgent(kind: AgentKind): http.Agent {
  const options = { keepAlive: false };
  switch (kind) {
    case 'http':
      return new http.Agent(options);
    case 'https':
      return new https.Agent(options);
    case 'filtered-http':
      return new RequestFilteringHttpAgent(options);
    case 'filtered-https':
      return new RequestFilteringHttpsAgent(options);
  }
}
