/**
 * fast-check arbitraries derived from a method's input JSON Schema (as `describeMethods()`
 * gives it), plus hostile values: SQL-looking, huge, odd unicode, prototype-pollution keys,
 * wrong types and nested junk. Nothing here knows any particular method.
 */
import fc from 'fast-check';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schema = Record<string, any>;

export interface Pools {
  uuids: string[];
  strings: string[];
  ints: number[];
}

export const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; SELECT * FROM sqlite_master',
  "x') UNION SELECT password_hash FROM users --",
  '%',
  '_',
  '\\',
  '\0',
  'a\0b',
  '../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  '\u202e\u0644\u0627',
  '𠮷野家',
  '东昌区应急管理局',
  'Ｆｕｌｌｗｉｄｔｈ',
  '\ud800',
  '\udfff\ud800',
  '\u200b',
  ' ',
  '',
  '\n\r\t',
  'NaN',
  'null',
  'undefined',
  '-0',
  '1e309',
  '0x10',
  '２０２６',
  'e\u0301',
  '🧯🚒',
  'SELECT',
  "admin'--",
  '*',
  'MATCH',
  '"unterminated',
  'NEAR(a b)',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('A', '东', '𠮷', "'", '\0'), fc.constantFrom(129, 257, 1_001, 5_000, 70_000, 300_000))
      .map(([c, n]) => c.repeat(n)),
  },
);

/** Values of the wrong type (some only an in-process or IPC caller could send). */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    true,
    false,
    0,
    -1,
    -0,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    2 ** 53 + 1,
    Number.MAX_VALUE,
    [],
    {},
    [null],
    '',
    '0',
    'true',
  ),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.date({ noInvalidDate: false }),
  fc.constant(new Map([['a', 1]])),
  fc.constant(new Uint8Array([1, 2, 3])),
  fc.constant(Object.create(null) as object),
  fc.integer(),
  fc.double(),
);

/** Deeply nested junk. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }),
  fc.jsonValue({ maxDepth: 4 }),
  fc.integer({ min: 20, max: 400 }).map((d) => {
    let o: unknown = 'bottom';
    for (let i = 0; i < d; i++) o = i % 2 ? [o] : { a: o };
    return o;
  }),
);

/** Objects whose OWN keys are __proto__ / constructor / prototype (as JSON.parse makes them). */
const pollution: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(
  '{"__proto__": {"polluted": "yes", "isAdmin": true}}',
  '{"constructor": {"prototype": {"polluted": "yes"}}}',
  '{"prototype": {"polluted": "yes"}}',
  '{"__proto__": null}',
  '{"toString": "x", "valueOf": 1, "hasOwnProperty": "no"}',
).map((s) => JSON.parse(s) as Record<string, unknown>);

export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 3, arbitrary: wrongType }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: pollution });
}

function resolveRef(root: Schema, ref: string): Schema {
  if (ref === '#') return root;
  const parts = ref.replace(/^#\//, '').split('/');
  let s: Schema = root;
  for (const p of parts) s = s?.[p];
  return s ?? {};
}

const BIG = 1e12;

/** Valid-looking values from a JSON Schema, biased towards values that exist in the database. */
export function fromSchema(s: Schema, pools: Pools, root: Schema = s, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (s.$ref) return fromSchema(resolveRef(root, s.$ref), pools, root, depth + 1);
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...s.enum);
  if ('const' in s) return fc.constant(s.const);
  const alts = s.anyOf ?? s.oneOf;
  if (Array.isArray(alts) && alts.length) return fc.oneof(...alts.map((a: Schema) => fromSchema(a, pools, root, depth + 1)));
  if (Array.isArray(s.allOf) && s.allOf.length) return fromSchema(Object.assign({}, ...s.allOf), pools, root, depth + 1);
  const type = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t: string) => fromSchema({ ...s, type: t }, pools, root, depth + 1)));
  switch (type[0]) {
    case 'string':
      return stringArb(s, pools);
    case 'integer': {
      const lo = Math.max(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -BIG), -BIG);
      const hi = Math.min(s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : BIG), BIG);
      const near = pools.ints.filter((i) => i >= lo && i <= hi);
      return fc.oneof(
        fc.integer({ min: Math.ceil(lo), max: Math.floor(Math.min(hi, lo + 20)) }),
        fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }),
        ...(near.length ? [fc.constantFrom(...near)] : []),
      );
    }
    case 'number': {
      const lo = s.minimum ?? s.exclusiveMinimum ?? -BIG;
      const hi = s.maximum ?? s.exclusiveMaximum ?? BIG;
      return fc.double({ min: Math.max(lo, -BIG), max: Math.min(hi, BIG), noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = s.items ? fromSchema(s.items, pools, root, depth + 1) : fc.jsonValue({ maxDepth: 2 });
      const min = s.minItems ?? 0;
      return fc.array(item, { minLength: min, maxLength: Math.max(min, Math.min(s.maxItems ?? 6, 8)) });
    }
    case 'object': {
      const props: Record<string, Schema> = s.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = fromSchema(v, pools, root, depth + 1);
      const requiredKeys = ((s.required as string[] | undefined) ?? []).filter((k) => k in props);
      if (!Object.keys(model).length) {
        return s.additionalProperties && typeof s.additionalProperties === 'object'
          ? fc.dictionary(fc.string({ maxLength: 8 }), fromSchema(s.additionalProperties, pools, root, depth + 1), { maxKeys: 4 })
          : fc.constant({});
      }
      return fc.record(model, { requiredKeys });
    }
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

function stringArb(s: Schema, pools: Pools): fc.Arbitrary<string> {
  const min: number = s.minLength ?? 0;
  const max: number = Math.min(s.maxLength ?? 60, 400);
  const fits = (x: string) => x.length >= min && x.length <= (s.maxLength ?? Infinity);
  const options: fc.Arbitrary<string>[] = [];
  if (s.format === 'uuid' || s.format === 'guid') {
    if (pools.uuids.length) options.push(fc.constantFrom(...pools.uuids), fc.constantFrom(...pools.uuids));
    options.push(fc.uuid());
  } else if (s.format === 'date-time') {
    options.push(fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }).map((d) => d.toISOString()));
  } else if (s.format === 'date') {
    options.push(fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
  } else if (s.format === 'uri' || s.format === 'url') {
    // Loopback on closed ports only: a fuzzed URL must never send anything off this machine.
    options.push(fc.constantFrom('http://127.0.0.1:9/', 'https://127.0.0.1:1/hub', 'http://localhost:1/api', 'http://[::1]:9/'));
  } else if (s.format === 'email') {
    options.push(fc.emailAddress());
  } else if (typeof s.pattern === 'string') {
    try {
      options.push(fc.stringMatching(new RegExp(s.pattern)).filter(fits));
    } catch {
      /* a pattern JS cannot compile: fall through to plain strings */
    }
  }
  if (!options.length || s.pattern === undefined) {
    const fitting = [...pools.strings, ...HOSTILE_STRINGS].filter(fits);
    if (fitting.length) options.push(fc.constantFrom(...fitting));
    options.push(fc.string({ minLength: min, maxLength: Math.max(min, max) }));
    options.push(fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.max(min, Math.min(max, 30)) }));
  }
  return fc.oneof(...options);
}

type Path = (string | number)[];

function paths(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (v && typeof v === 'object' && prefix.length < 6) {
    for (const k of Object.keys(v)) {
      const p = [...prefix, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      paths((v as Record<string, unknown>)[k], p, out);
    }
  }
  return out;
}

function clone<T>(v: T): T {
  return v && typeof v === 'object' ? (JSON.parse(JSON.stringify(v)) as T) : v;
}

function setAt(root: unknown, p: Path, value: unknown, drop: boolean): unknown {
  if (!p.length) return value;
  const r = clone(root) as Record<string | number, unknown>;
  let o = r;
  for (let i = 0; i < p.length - 1; i++) o = o[p[i]] as Record<string | number, unknown>;
  const last = p[p.length - 1];
  if (drop) delete o[last];
  else Object.defineProperty(o, last, { value, enumerable: true, writable: true, configurable: true });
  return r;
}

/**
 * The fuzz input for one method: valid-looking values (which may succeed), valid shapes with
 * one field made hostile, dropped or doubled with pollution keys, and plain junk.
 */
export function inputArb(schema: Schema, pools: Pools): fc.Arbitrary<unknown> {
  const valid = fromSchema(schema, pools);
  const mutated = fc.tuple(valid, fc.nat(), hostileValue(), fc.boolean()).map(([v, i, h, drop]) => {
    const ps = paths(v);
    if (!ps.length) return v && typeof v === 'object' ? setAt(v, [HOSTILE_STRINGS[i % HOSTILE_STRINGS.length] || 'x'], h, false) : h;
    return setAt(v, ps[i % ps.length], h, drop && i % 3 === 0);
  });
  const extraKeys = fc.tuple(valid, pollution).map(([v, p]) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return p;
    const o = clone(v) as object;
    // defineProperty, not assignment: an own "__proto__" key, exactly as JSON.parse delivers it.
    for (const k of Object.keys(p)) Object.defineProperty(o, k, { value: p[k], enumerable: true, writable: true, configurable: true });
    return o;
  });
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 4, arbitrary: mutated },
    { weight: 1, arbitrary: extraKeys },
    { weight: 1, arbitrary: junk },
    { weight: 1, arbitrary: wrongType },
  );
}
