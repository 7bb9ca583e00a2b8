// request-filtering-agent is ES-module only, which Jest cannot load before Node 24.9: Node loads it instead.
jest.mock('request-filtering-agent', () =>
  jest.requireActual<typeof NativeRequire>('./testing/native-require').requireNatively('request-filtering-agent'),
);

import type * as NativeRequire from './testing/native-require';
import * as http from 'node:http';
import * as https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { MAX_OUTBOUND_URL_LENGTH, OutboundUrlPolicy } from './outbound-url-policy';

/** A lookup that answers from a table and records what it was asked; unknown names fail like NXDOMAIN. */
function fakeLookup(table: Record<string, string[]>) {
  const asked: string[] = [];
  const lookup = (hostname: string): Promise<string[]> => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (addresses === undefined) {
      return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    }
    return Promise.resolve(addresses);
  };
  return { lookup, asked };
}

const PUBLIC_V4 = '93.184.216.34';
const PUBLIC_V6 = '2606:2800:220:1:248:1893:25c8:1946';

describe('OutboundUrlPolicy', () => {
  describe('check: URL shape', () => {
    const policy = new OutboundUrlPolicy({ allowedHosts: [] }, fakeLookup({}).lookup);

    it('accepts a public https URL', async () => {
      await expect(policy.check(`https://${PUBLIC_V4}/hooks?x=1`)).resolves.toBeNull();
      await expect(policy.check(`https://[${PUBLIC_V6}]:8443/hooks`)).resolves.toBeNull();
    });

    it.each(['not a url', '/relative/path', 'example.com/hook', ''])('refuses %j as not a URL', async (raw) => {
      await expect(policy.check(raw)).resolves.toBe('The URL is not a valid absolute URL.');
    });

    it.each([`https://user:pass@${PUBLIC_V4}/`, `https://user@${PUBLIC_V4}/`, `https://:pass@${PUBLIC_V4}/`])(
      'refuses credentials in %s',
      async (raw) => {
        await expect(policy.check(raw)).resolves.toBe('The URL must not contain a username or password.');
      },
    );

    it('accepts 2,000 characters and refuses 2,001', async () => {
      const base = `https://${PUBLIC_V4}/`;
      expect(MAX_OUTBOUND_URL_LENGTH).toBe(2_000);
      await expect(policy.check(base + 'a'.repeat(2_000 - base.length))).resolves.toBeNull();
      await expect(policy.check(base + 'a'.repeat(2_001 - base.length))).resolves.toBe(
        'The URL is longer than 2000 characters.',
      );
    });

    it('refuses http for a host that is not allow-listed', async () => {
      await expect(policy.check(`http://${PUBLIC_V4}/hook`)).resolves.toBe(
        `The URL must use https (http is allowed only for allow-listed hosts, and ${PUBLIC_V4} is not one).`,
      );
    });

    it.each([
      ['ftp://example.com/hook', 'ftp'],
      ['file:///etc/passwd', 'file'],
      ['gopher://example.com/', 'gopher'],
      ['ws://example.com/', 'ws'],
      ['javascript:alert(1)', 'javascript'],
      ['data:text/plain,hi', 'data'],
    ])('refuses %s', async (raw, scheme) => {
      await expect(policy.check(raw)).resolves.toBe(`The URL must use https, not ${scheme}.`);
    });

    it('accepts an upper-case scheme (URLs normalise it)', async () => {
      await expect(policy.check(`HTTPS://${PUBLIC_V4}/`)).resolves.toBeNull();
    });
  });

  describe('check: IP literals', () => {
    const { lookup, asked } = fakeLookup({});
    const policy = new OutboundUrlPolicy({ allowedHosts: [] }, lookup);

    afterEach(() => {
      // Literals are judged as they are: never looked up.
      expect(asked).toEqual([]);
    });

    it.each([
      ['10.0.0.5', 'a private address'],
      ['10.255.255.255', 'a private address'],
      ['172.16.0.1', 'a private address'],
      ['172.31.255.254', 'a private address'],
      ['192.168.1.10', 'a private address'],
      ['127.0.0.1', 'a loopback address'],
      ['127.8.9.10', 'a loopback address'],
      ['169.254.169.254', 'a link-local address (such as cloud metadata)'],
      ['0.0.0.0', 'the unspecified address'],
      ['100.64.0.1', 'a carrier-grade NAT address'],
      ['100.127.255.254', 'a carrier-grade NAT address'],
      ['224.0.0.1', 'a multicast address'],
      ['239.255.255.250', 'a multicast address'],
      ['255.255.255.255', 'the broadcast address'],
      ['240.0.0.1', 'a reserved address'],
      ['192.0.2.1', 'a reserved address'],
      ['198.51.100.7', 'a reserved address'],
      ['203.0.113.9', 'a reserved address'],
    ])('refuses IPv4 %s as %s', async (address, description) => {
      await expect(policy.check(`https://${address}/hook`)).resolves.toBe(
        `The host ${address} is ${description}; outbound requests go only to public addresses.`,
      );
    });

    it.each([
      ['[::1]', 'a loopback address'],
      ['[::]', 'the unspecified address'],
      ['[fc00::1]', 'a unique local (private) address'],
      ['[fd12:3456:789a::1]', 'a unique local (private) address'],
      ['[fe80::1]', 'a link-local address (such as cloud metadata)'],
      ['[febf:ffff::1]', 'a link-local address (such as cloud metadata)'],
      ['[ff02::1]', 'a multicast address'],
    ])('refuses IPv6 %s as %s', async (host, description) => {
      await expect(policy.check(`https://${host}/hook`)).resolves.toBe(
        `The host ${host} is ${description}; outbound requests go only to public addresses.`,
      );
    });

    it('refuses other special-purpose IPv6 ranges (6to4, NAT64, Teredo, documentation)', async () => {
      for (const host of ['[2002:a00:1::1]', '[64:ff9b::a00:5]', '[2001::1]', '[2001:db8::1]']) {
        await expect(policy.check(`https://${host}/`)).resolves.toMatch(/^The host .+ is a .+ address/);
      }
    });

    it.each([
      ['[::ffff:127.0.0.1]', 'a loopback address'],
      ['[::ffff:10.0.0.5]', 'a private address'],
      ['[::ffff:169.254.169.254]', 'a link-local address (such as cloud metadata)'],
    ])('judges IPv4-mapped IPv6 %s as IPv4: %s', async (host, description) => {
      const url = new URL(`https://${host}/`);
      await expect(policy.check(url.href)).resolves.toBe(
        `The host ${url.hostname} is ${description}; outbound requests go only to public addresses.`,
      );
    });

    it('accepts an IPv4-mapped public address', async () => {
      await expect(policy.check(`https://[::ffff:${PUBLIC_V4}]/`)).resolves.toBeNull();
    });

    it.each(['https://2130706433/', 'https://0x7f.1/', 'https://0177.0.0.1/', 'https://127.1/'])(
      'refuses %s, which URL parsing turns into 127.0.0.1',
      async (raw) => {
        await expect(policy.check(raw)).resolves.toBe(
          'The host 127.0.0.1 is a loopback address; outbound requests go only to public addresses.',
        );
      },
    );
  });

  describe('check: hostnames', () => {
    it.each(['localhost', 'LOCALHOST', 'localhost.', 'api.localhost', 'a.b.localhost'])(
      'refuses %s without a lookup',
      async (host) => {
        const { lookup, asked } = fakeLookup({ localhost: [PUBLIC_V4] });
        const policy = new OutboundUrlPolicy({ allowedHosts: [] }, lookup);
        await expect(policy.check(`https://${host}/hook`)).resolves.toBe(
          `The host ${new URL(`https://${host}/`).hostname} is this machine; outbound requests go only to public addresses.`,
        );
        expect(asked).toEqual([]);
      },
    );

    it('refuses a hostname that resolves to a private address, naming it', async () => {
      const { lookup, asked } = fakeLookup({ 'hooks.example.com': ['10.0.0.5'] });
      const policy = new OutboundUrlPolicy({ allowedHosts: [] }, lookup);
      await expect(policy.check('https://hooks.example.com/in')).resolves.toBe(
        'The host hooks.example.com resolves to 10.0.0.5, a private address; outbound requests go only to public addresses.',
      );
      expect(asked).toEqual(['hooks.example.com']);
    });

    it('accepts a hostname that resolves to public addresses', async () => {
      const { lookup } = fakeLookup({ 'hooks.example.com': [PUBLIC_V4, PUBLIC_V6] });
      const policy = new OutboundUrlPolicy({ allowedHosts: [] }, lookup);
      await expect(policy.check('https://hooks.example.com/in')).resolves.toBeNull();
    });

    it('refuses when any one of the addresses is not public', async () => {
      const { lookup } = fakeLookup({ 'mixed.example.com': [PUBLIC_V4, 'fd00::7'] });
      const policy = new OutboundUrlPolicy({ allowedHosts: [] }, lookup);
      await expect(policy.check('https://mixed.example.com/')).resolves.toBe(
        'The host mixed.example.com resolves to fd00::7, a unique local (private) address; outbound requests go only to public addresses.',
      );
    });

    it('refuses a hostname resolving to an IPv4-mapped loopback or to cloud metadata', async () => {
      const { lookup } = fakeLookup({ 'a.example.com': ['::ffff:127.0.0.1'], 'b.example.com': ['169.254.169.254'] });
      const policy = new OutboundUrlPolicy({ allowedHosts: [] }, lookup);
      await expect(policy.check('https://a.example.com/')).resolves.toContain(
        'resolves to ::ffff:127.0.0.1, a loopback',
      );
      await expect(policy.check('https://b.example.com/')).resolves.toContain(
        'resolves to 169.254.169.254, a link-local',
      );
    });

    it('looks the hostname up in lower case without a trailing dot', async () => {
      const { lookup, asked } = fakeLookup({ 'hooks.example.com': [PUBLIC_V4] });
      const policy = new OutboundUrlPolicy({ allowedHosts: [] }, lookup);
      await expect(policy.check('https://Hooks.Example.COM./x')).resolves.toBeNull();
      expect(asked).toEqual(['hooks.example.com']);
    });

    it('accepts a hostname whose lookup fails (deliveries re-check every connection)', async () => {
      const { lookup } = fakeLookup({});
      const policy = new OutboundUrlPolicy({ allowedHosts: [] }, lookup);
      await expect(policy.check('https://unresolvable.example/hook')).resolves.toBeNull();
    });

    it('accepts a hostname whose lookup rejects or throws with any error', async () => {
      const rejecting = new OutboundUrlPolicy({ allowedHosts: [] }, () => Promise.reject(new Error('boom')));
      await expect(rejecting.check('https://hooks.example.com/hook')).resolves.toBeNull();
      const throwing = new OutboundUrlPolicy({ allowedHosts: [] }, () => {
        throw new Error('boom');
      });
      await expect(throwing.check('https://hooks.example.com/hook')).resolves.toBeNull();
    });

    it('still refuses http for a hostname before looking it up', async () => {
      const { lookup, asked } = fakeLookup({ 'hooks.example.com': [PUBLIC_V4] });
      const policy = new OutboundUrlPolicy({ allowedHosts: [] }, lookup);
      await expect(policy.check('http://hooks.example.com/')).resolves.toMatch(/^The URL must use https/);
      expect(asked).toEqual([]);
    });
  });

  describe('allow-list', () => {
    const { lookup, asked } = fakeLookup({ 'crm.internal': ['10.1.2.3'] });
    const policy = new OutboundUrlPolicy(
      { allowedHosts: ['CRM.internal', 'localhost', '127.0.0.1', '[::1]', 'fd00::0:7', ''] },
      lookup,
    );

    afterEach(() => {
      // Allow-listed hosts are taken as they are: never looked up.
      expect(asked).toEqual([]);
    });

    it.each([
      'http://crm.internal/hook',
      'https://crm.internal/hook',
      'http://Crm.Internal./hook',
      'http://localhost:3000/hook',
      'http://127.0.0.1:8080/hook',
      'http://[::1]:8080/hook',
      'http://[0:0:0:0:0:0:0:1]/hook',
      'https://[fd00::7]/hook',
    ])('accepts %s over http or https without address checks', async (raw) => {
      await expect(policy.check(raw)).resolves.toBeNull();
    });

    it('still refuses credentials, other schemes and long URLs for allow-listed hosts', async () => {
      await expect(policy.check('http://u:p@localhost/')).resolves.toBe(
        'The URL must not contain a username or password.',
      );
      await expect(policy.check('ftp://localhost/')).resolves.toBe('The URL must use https, not ftp.');
      await expect(policy.check(`http://localhost/${'a'.repeat(2_000)}`)).resolves.toMatch(/longer than/);
    });

    it('does not extend to subdomains or other addresses', async () => {
      await expect(policy.check('https://api.localhost/')).resolves.toMatch(/is this machine/);
      await expect(policy.check('https://127.0.0.2/')).resolves.toMatch(/is a loopback address/);
      await expect(policy.check('http://127.0.0.2/')).resolves.toMatch(/must use https/);
    });

    it('isAllowListed compares hosts case-insensitively and IPv6 in any notation', () => {
      expect(policy.isAllowListed(new URL('https://CRM.INTERNAL/'))).toBe(true);
      expect(policy.isAllowListed(new URL('http://[::1]/'))).toBe(true);
      expect(policy.isAllowListed(new URL('http://[fd00:0::7]/'))).toBe(true);
      expect(policy.isAllowListed(new URL('http://crm.internal.evil.example/'))).toBe(false);
      expect(policy.isAllowListed(new URL('http://127.0.0.2/'))).toBe(false);
    });
  });

  describe('allow-list with ports', () => {
    const policy = new OutboundUrlPolicy(
      { allowedHosts: ['127.0.0.1:4010', 'localhost:80', '[::1]:8443', 'payer.internal:443'] },
      fakeLookup({}).lookup,
    );

    it.each(['http://127.0.0.1:4010/x', 'http://localhost/x', 'https://[::1]:8443/x', 'https://payer.internal/x'])(
      'accepts %s (that host on that port, the default port included)',
      async (raw) => {
        await expect(policy.check(raw)).resolves.toBeNull();
        expect(policy.isAllowListed(new URL(raw))).toBe(true);
      },
    );

    it.each([
      [
        'http://127.0.0.1:4011/x',
        'The URL must use https (http is allowed only for allow-listed hosts, and 127.0.0.1:4011 is not one).',
      ],
      [
        'https://127.0.0.1/x',
        'The host 127.0.0.1 is a loopback address; outbound requests go only to public addresses.',
      ],
      ['https://[::1]:8444/x', 'The host [::1] is a loopback address; outbound requests go only to public addresses.'],
      [
        'https://localhost:8080/x',
        'The host localhost is this machine; outbound requests go only to public addresses.',
      ],
    ])('refuses %s on another port', async (raw, reason) => {
      await expect(policy.check(raw)).resolves.toBe(reason);
      expect(policy.isAllowListed(new URL(raw))).toBe(false);
    });

    it('gives a filtering agent to an allow-listed host on another port', () => {
      expect(policy.agentFor(new URL('http://127.0.0.1:4011/'))).toBeInstanceOf(RequestFilteringHttpAgent);
      expect(policy.agentFor(new URL('http://127.0.0.1:4010/'))).not.toBeInstanceOf(RequestFilteringHttpAgent);
    });

    it('lets a bare host entry allow every port, whatever else lists it', () => {
      const mixed = new OutboundUrlPolicy({ allowedHosts: ['127.0.0.1:4010', '127.0.0.1'] });
      expect(mixed.isAllowListed(new URL('http://127.0.0.1:9999/'))).toBe(true);
    });
  });

  describe('agentFor', () => {
    const policy = new OutboundUrlPolicy({ allowedHosts: ['localhost', '[::1]'] }, fakeLookup({}).lookup);

    it('gives filtering agents to hosts that are not allow-listed', () => {
      const httpsAgent = policy.agentFor(new URL('https://hooks.example.com/'));
      const httpAgent = policy.agentFor(new URL('http://hooks.example.com/'));
      expect(httpsAgent).toBeInstanceOf(RequestFilteringHttpsAgent);
      expect(httpsAgent).toBeInstanceOf(https.Agent);
      expect(httpAgent).toBeInstanceOf(RequestFilteringHttpAgent);
      expect(httpAgent).not.toBeInstanceOf(https.Agent);
    });

    it('gives plain agents to allow-listed hosts', () => {
      const httpsAgent = policy.agentFor(new URL('https://localhost/'));
      const httpAgent = policy.agentFor(new URL('http://[::1]:3000/'));
      expect(httpsAgent).toBeInstanceOf(https.Agent);
      expect(httpsAgent).not.toBeInstanceOf(RequestFilteringHttpsAgent);
      expect(httpAgent).toBeInstanceOf(http.Agent);
      expect(httpAgent).not.toBeInstanceOf(https.Agent);
      expect(httpAgent).not.toBeInstanceOf(RequestFilteringHttpAgent);
    });

    it('caches one agent per kind, four at most, without keep-alive', () => {
      const urls = [
        'https://a.example.com/',
        'https://b.example.com/x',
        'http://a.example.com/',
        'http://b.example.com:81/',
        'https://localhost/',
        'https://localhost:8443/',
        'http://localhost/',
        'http://[::1]/',
      ].map((raw) => new URL(raw));
      const agents = urls.map((url) => policy.agentFor(url));
      expect(new Set(agents).size).toBe(4);
      expect(agents[0]).toBe(agents[1]);
      expect(agents[2]).toBe(agents[3]);
      expect(agents[4]).toBe(agents[5]);
      expect(agents[6]).toBe(agents[7]);
      for (const agent of agents) {
        expect((agent as http.Agent & { keepAlive: boolean }).keepAlive).toBe(false);
      }
    });

    it('keeps separate caches per policy', () => {
      const other = new OutboundUrlPolicy({ allowedHosts: [] });
      expect(other.agentFor(new URL('https://a.example.com/'))).not.toBe(
        policy.agentFor(new URL('https://a.example.com/')),
      );
    });

    it('throws for a scheme other than http(s)', () => {
      expect(() => policy.agentFor(new URL('ftp://a.example.com/'))).toThrow('not ftp:');
    });
  });
});
