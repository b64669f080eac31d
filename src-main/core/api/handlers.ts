import type { MethodName } from '../../contract';
import type { Registration } from './types';
import { MODULES } from '../modules';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Joined = UnionToIntersection<(typeof MODULES)[number]['handlers']>;

function join(): Joined {
  const out: Record<string, unknown> = {};
  for (const m of MODULES) {
    for (const [name, reg] of Object.entries(m.handlers)) {
      if (!name.startsWith(`${m.name}.`)) throw new Error(`${m.name} module serves ${name}`);
      if (name in out) throw new Error(`${name} is served twice`);
      out[name] = reg;
    }
  }
  return out as Joined;
}

/**
 * The registry: every module's handlers. The type makes a missing handler a compile error (every
 * method in the contract is served); `Handlers<K>` only accepts contract names, so nothing is
 * served that the contract does not declare.
 */
export const HANDLERS: { [M in MethodName]: Registration<M> } = join();
