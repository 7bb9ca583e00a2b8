import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Environment, environmentVariableNames } from './environment';

/** docs/configuration.md's table is the operators' reference: it must list exactly what the schema reads. */
describe('docs/configuration.md environment table', () => {
  const page = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'configuration.md'), 'utf8');
  const section = page;
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
