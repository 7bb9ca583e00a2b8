import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Environment, environmentVariableNames } from './environment';

/** The README's environment table is the operators' reference: it must list exactly what the schema reads. */
describe('README environment table', () => {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Environment'), readme.indexOf('## Architecture'));
  const documented = new Map(
    [...section.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|\s*([^|]*?)\s*\|/gm)].map(([, name, value]) => [
      name,
      value?.trim(),
    ]),
  );
  const schema = new Environment() as unknown as Record<string, unknown>;
  const variables = environmentVariableNames();

  it('lists every variable the schema reads, and nothing else', () => {
    expect([...documented.keys()].sort()).toEqual(variables.sort());
  });

  it.each(Object.entries(schema).filter(([, value]) => value !== undefined))(
    'shows the real default of %s',
    (name, value) => {
      expect(documented.get(name)).toBe(`\`${String(value)}\``);
    },
  );
});
