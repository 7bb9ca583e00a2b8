import { normalizeBrowserOrigin } from './browser-origin';

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
