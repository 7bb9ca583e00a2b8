import { browserOriginProblem, normalizeBrowserOrigin } from './browser-origin';

describe('normalizeBrowserOrigin', () => {
  it.each([
    ['https://clinic.example', 'https://clinic.example'],
    ['https://Clinic.Example/', 'https://clinic.example'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['https://clinic.example:443', 'https://clinic.example'],
    [' https://intake.clinic.example:8443 ', 'https://intake.clinic.example:8443'],
  ])('accepts %j as %j', (raw, origin) => {
    expect(normalizeBrowserOrigin(raw)).toBe(origin);
  });

  it.each([
    'clinic.example',
    'ftp://clinic.example',
    'https://clinic.example/estimate',
    'https://clinic.example?x=1',
    'https://*.clinic.example',
    'https://user:pw@clinic.example',
    'https:clinic.example',
    '*',
    'null',
  ])('refuses %j', (raw) => {
    expect(normalizeBrowserOrigin(raw)).toBeUndefined();
  });
});

describe('browserOriginProblem', () => {
  it.each([
    [
      'https://clinic.example/path',
      'https://clinic.example/path has a path: an origin is scheme://host[:port], such as https://clinic.example, with no path',
    ],
    ['https://clinic.example?x=1', 'https://clinic.example?x=1 has a query or fragment'],
    ['https://*.clinic.example', 'https://*.clinic.example has a wildcard'],
    ['https://user:pw@clinic.example', 'https://user:pw@clinic.example has credentials'],
    ['clinic.example', 'clinic.example is not an http(s) origin'],
  ])('says what is wrong with %j', (raw, problem) => {
    expect(browserOriginProblem(raw)).toContain(problem);
  });

  it('has nothing to say about an origin', () => {
    expect(browserOriginProblem('https://clinic.example:8443')).toBeUndefined();
  });
});
