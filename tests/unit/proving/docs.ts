/**
 * docs/api.md and docs/roles.md, generated from the registry (`describeMethods()`).
 * roles.test.ts fails when the checked-in files differ; `UPDATE_DOCS=1` rewrites them.
 */
import { ROLES } from '../../../src-main/contract/roles';
import type { MethodInfo } from '../../../src-main/contract/system';
import { ruleAllows } from './lib';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schema = Record<string, any>;

const REGEN = 'UPDATE_DOCS=1 npx vitest run tests/unit/proving/roles.test.ts';

function domain(name: string): string {
  return name.split('.')[0];
}

function accessText(m: MethodInfo): string {
  if (m.access === 'public') return 'public (no sign-in)';
  if (m.access === 'authenticated') return 'any signed-in user';
  return m.access.join(', ');
}

const esc = (s: string) => s.replace(/\|/g, '\\|');

function range(lo: number | undefined, hi: number | undefined, unit = ''): string {
  if (lo !== undefined && hi !== undefined) return lo === hi ? `${lo}${unit}` : `${lo}–${hi}${unit}`;
  if (lo !== undefined) return `≥${lo}${unit}`;
  if (hi !== undefined) return `≤${hi}${unit}`;
  return '';
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** One line of type + constraints for a JSON Schema node. */
export function typeSummary(s: Schema, root: Schema = s, depth = 0): string {
  if (!s || typeof s !== 'object') return 'any';
  if (s.$ref) return s.$ref === '#' ? '(recursive)' : s.$ref.split('/').pop();
  const parts: string[] = [];
  let t: string;
  if (Array.isArray(s.enum)) t = s.enum.map((e: unknown) => JSON.stringify(e)).join(' \\| ');
  else if ('const' in s) t = JSON.stringify(s.const);
  else if (s.anyOf || s.oneOf) t = (s.anyOf ?? s.oneOf).map((x: Schema) => typeSummary(x, root, depth + 1)).join(' or ');
  else if (s.type === 'object') {
    const props = s.properties ?? {};
    const keys = Object.keys(props);
    t = keys.length && depth < 3 ? `{ ${fieldList(s, root, depth + 1).join('; ')} }` : 'object';
  } else if (s.type === 'array') {
    t = `array of ${typeSummary(s.items ?? {}, root, depth + 1)}`;
    const r = range(s.minItems, s.maxItems, ' items');
    if (r) parts.push(r);
  } else t = Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'any');
  if (s.type === 'string') {
    const r = range(s.minLength, s.maxLength, ' chars');
    if (r) parts.push(r);
    if (s.format) parts.push(s.format);
    else if (s.pattern) parts.push(`\`${s.pattern}\``);
  }
  if (s.type === 'integer' || s.type === 'number') {
    const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? `>${s.exclusiveMinimum}` : undefined);
    const hi = s.maximum !== undefined && s.maximum < MAX_SAFE ? s.maximum : s.exclusiveMaximum !== undefined ? `<${s.exclusiveMaximum}` : undefined;
    if (typeof lo === 'string' || typeof hi === 'string') parts.push([lo, hi].filter((x) => x !== undefined).join(', '));
    else {
      const r = range(lo, hi);
      if (r) parts.push(r);
    }
  }
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.length ? `${t} (${parts.join(', ')})` : t;
}

function fieldList(s: Schema, root: Schema, depth: number): string[] {
  const req = new Set<string>(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([k, v]) => `${k}${req.has(k) ? '*' : ''}: ${typeSummary(v as Schema, root, depth)}`);
}

export function renderApiMd(methods: MethodInfo[]): string {
  const out: string[] = [
    '# API methods',
    '',
    `Generated from the registry (\`describeMethods()\`); do not edit by hand — run \`${REGEN}\`.`,
    'Every method is `POST /api/rpc/<method>` over HTTP, `invoke(method, input)` over IPC. `*` marks a required field.',
    'Who may call what, role by role: [roles.md](roles.md).',
    '',
    `${methods.length} methods.`,
    '',
  ];
  let current = '';
  for (const m of methods) {
    if (domain(m.name) !== current) {
      current = domain(m.name);
      out.push(`## ${current}`, '');
    }
    const schema = m.inputSchema as Schema;
    out.push(`### \`${m.name}\``, '');
    out.push(`- access: ${accessText(m)}`);
    out.push(`- mutates: ${m.mutates ? 'yes (one IMMEDIATE transaction, audited)' : 'no (read)'}`);
    const fields = schema?.type === 'object' ? fieldList(schema, schema, 0) : [];
    if (schema?.type === 'object' && !fields.length) out.push('- input: `{}`');
    else if (schema?.type === 'object') {
      out.push('- input:');
      for (const f of fields) out.push(`  - ${f}`);
    } else out.push(`- input: ${typeSummary(schema)}`);
    if (schema?.additionalProperties === false) out.push('- unknown fields are refused');
    out.push('');
  }
  return out.join('\n');
}

export function renderRolesMd(methods: MethodInfo[]): string {
  const cols = [...ROLES, 'unauthenticated'] as const;
  const out: string[] = [
    '# Role matrix',
    '',
    `Generated from the registry (\`describeMethods()\`); do not edit by hand — run \`${REGEN}\`.`,
    'tests/unit/proving/roles.test.ts calls every method as every role and as nobody over real HTTP and',
    'checks that exactly these combinations get past the access check (✓) and all others get 401/403.',
    'Each column is an account holding only that role; an account with several roles may do the union.',
    'Input fields per method: [api.md](api.md).',
    '',
    `| method | mutates | ${cols.join(' | ')} |`,
    `|---|---|${cols.map(() => ':-:').join('|')}|`,
  ];
  for (const m of methods) {
    const cells = cols.map((c) => (ruleAllows(m, c === 'unauthenticated' ? null : [c]) ? '✓' : '·'));
    out.push(`| \`${esc(m.name)}\` | ${m.mutates ? 'yes' : ''} | ${cells.join(' | ')} |`);
  }
  const count = (c: (typeof cols)[number]) => methods.filter((m) => ruleAllows(m, c === 'unauthenticated' ? null : [c])).length;
  out.push(`| **methods allowed** | | ${cols.map((c) => `**${count(c)}**`).join(' | ')} |`, '');
  return out.join('\n');
}
