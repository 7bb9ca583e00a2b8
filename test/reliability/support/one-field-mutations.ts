import fc from 'fast-check';

/**
 * "A valid body with exactly one field broken": the cases that find bugs, because every other field still
 * passes validation and carries the request past it into the services. The field paths of a valid body are
 * enumerated by walking it, so every field and nested field is covered deterministically; random sampling
 * (`oneFieldMutationArbitrary`) only adds other values on top.
 */

/** A step into a JSON value: an object key or an array index. */
export type FieldPath = readonly (string | number)[];

/** Stands for "the field is removed" (an array element is spliced out). */
export const REMOVE: unique symbol = Symbol('remove');

export interface MutationKind {
  kind: string;
  value: unknown;
}

export interface OneFieldMutation {
  path: FieldPath;
  kind: string;
  /** The replacement, or REMOVE. */
  value: unknown;
}

/** `serviceLines[0].units`, as validation errors name fields. */
export function formatPath(path: FieldPath): string {
  return path.reduce<string>(
    (text, step) => (typeof step === 'number' ? `${text}[${step}]` : text === '' ? step : `${text}.${step}`),
    '',
  );
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape of a JSON value: its keys and the types of its leaves, whatever their values. */
function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return `[${[...new Set(value.map(shapeOf))].join('|')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${key}:${shapeOf(value[key])}`)
      .join(',')}}`;
  }
  return value === null ? 'null' : typeof value;
}

/**
 * Every field path of a JSON value, depth first: each key of each object, and of each array its first element
 * and, when its shape differs (other keys, a null where the first has a number), its last, with everything
 * inside them. Elements between, or shaped like the first, have the same fields: they add only duplicates.
 */
export function fieldPaths(value: unknown, prefix: FieldPath = []): FieldPath[] {
  let children: [string | number, unknown][] = [];
  if (Array.isArray(value)) {
    const last = value.length - 1;
    const indices = last > 0 && shapeOf(value[last]) !== shapeOf(value[0]) ? [0, last] : [0];
    children = indices.filter((i) => i <= last).map((i) => [i, value[i]]);
  } else if (isObject(value)) {
    children = Object.entries(value);
  }
  return children.flatMap(([step, child]) => {
    const path = [...prefix, step];
    return [path, ...fieldPaths(child, path)];
  });
}

export function valueAt(body: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>((node, step) => (node as Record<string | number, unknown> | undefined)?.[step], body);
}

/** A deep copy of `body` with the field at `path` replaced by `value` (or removed, for REMOVE). */
export function withField<T>(body: T, path: FieldPath, value: unknown): T {
  const copy = structuredClone(body);
  const parent = valueAt(copy, path.slice(0, -1));
  const last = path[path.length - 1];
  if (last === undefined || typeof parent !== 'object' || parent === null) {
    throw new Error(`no field ${formatPath(path)} in the body`);
  }
  if (value === REMOVE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete (parent as Record<string, unknown>)[last];
  } else {
    (parent as Record<string | number, unknown>)[last] = value;
  }
  return copy;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;
export const LONG_STRING = 'x'.repeat(10_000);

/**
 * What one field may be replaced with, given its valid value: removed, null, the wrong JSON types, and the
 * boundaries of its own type (negative, zero, fraction, huge, past 32 bits; long, blank, with a NUL or an
 * unpaired surrogate; impossible or extreme dates). Deduplicated to keep the sweep short: one wrong-typed value of each JSON type (an empty
 * array stands for both containers in place of a scalar, a numeric string for strings in place of a number),
 * and nothing equal to the valid value.
 */
export function mutationKindsFor(original: unknown): MutationKind[] {
  const container = typeof original === 'object' && original !== null;
  const kinds: MutationKind[] = [
    { kind: 'removed', value: REMOVE },
    { kind: 'null', value: null },
    { kind: 'empty array', value: [] },
    { kind: 'negative number', value: -1 },
  ];
  if (container) kinds.push({ kind: 'empty object', value: {} });
  else kinds.push({ kind: 'boolean', value: true });
  if (typeof original !== 'number') kinds.push({ kind: 'empty string', value: '' });
  if (typeof original === 'number') {
    kinds.push(
      { kind: 'zero', value: 0 },
      { kind: 'fraction', value: 1.5 },
      { kind: 'huge number', value: 1e308 },
      { kind: 'past int32', value: 2 ** 31 },
      { kind: 'number as string', value: String(original) },
    );
  } else if (typeof original === 'string') {
    kinds.push(
      { kind: 'long string', value: LONG_STRING },
      { kind: 'blank', value: '   ' },
      // Text PostgreSQL cannot store: refused at parsing, never a failed write.
      { kind: 'NUL character', value: `${original}\u0000` },
      { kind: 'unpaired surrogate', value: `${original}\ud800` },
    );
    if (DATE_ONLY.test(original)) {
      kinds.push(
        { kind: 'impossible date', value: '2026-02-30' },
        { kind: 'far future date', value: '9999-12-31' },
        { kind: 'year 0001', value: '0001-01-01' },
        { kind: 'year 0', value: '0000-01-01' },
      );
    } else if (INSTANT.test(original)) {
      kinds.push(
        { kind: 'far future instant', value: '9999-12-31T23:59:59.999Z' },
        { kind: 'year 0001 instant', value: '0001-01-01T00:00:00Z' },
      );
    }
  } else if (typeof original === 'boolean') {
    kinds.push({ kind: 'boolean as string', value: String(original) });
  }
  const same = JSON.stringify(original);
  return kinds.filter((k) => k.value === REMOVE || JSON.stringify(k.value) !== same);
}

/** Every (field path × mutation kind) of a valid body: the deterministic sweep. */
export function oneFieldMutations(body: Record<string, unknown>): OneFieldMutation[] {
  return fieldPaths(body).flatMap((path) =>
    mutationKindsFor(valueAt(body, path)).map(({ kind, value }) => ({ path, kind, value })),
  );
}

/**
 * Random cases of the same family for fast-check: a valid body, one of its field paths (nested ones included),
 * and either one of that field's mutation kinds or any value from `values`.
 */
export function oneFieldMutationArbitrary(
  validBodies: Record<string, unknown>[],
  values: fc.Arbitrary<unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  const withPaths = validBodies
    .map((body) => ({ body, paths: fieldPaths(body) }))
    .filter(({ paths }) => paths.length > 0);
  return fc
    .tuple(fc.constantFrom(...withPaths), fc.nat(), fc.nat(), fc.option(values, { freq: 2 }))
    .map(([{ body, paths }, pathPick, kindPick, random]) => {
      const path = paths[pathPick % paths.length] ?? [];
      const kinds = mutationKindsFor(valueAt(body, path));
      const value = random ?? kinds[kindPick % kinds.length]?.value ?? REMOVE;
      return withField(body, path, value);
    });
}
