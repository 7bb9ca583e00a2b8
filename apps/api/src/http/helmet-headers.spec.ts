import { helmetHeaders } from './helmet-headers';

describe('helmetHeaders', () => {
  it("gives helmet's headers, with our content security policy", () => {
    const headers = helmetHeaders({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } },
    });
    expect(headers).toMatchObject({
      'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(Object.keys(headers).length).toBeGreaterThanOrEqual(10);
    expect(headers).not.toHaveProperty('x-powered-by');
  });

  it('leaves out what the options turn off', () => {
    const headers = helmetHeaders({ contentSecurityPolicy: false, strictTransportSecurity: false });
    expect(headers).not.toHaveProperty('content-security-policy');
    expect(headers).not.toHaveProperty('strict-transport-security');
    expect(headers['x-content-type-options']).toBe('nosniff');
  });
});
