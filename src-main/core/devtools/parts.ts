/**
 * Registers every domain's demo and scale-data parts. Imported once by the app so that
 * `auth.setup { loadDemo }`, `npm run demo` and `npm run bench:data` see them all.
 * Each domain adds ONE import line here.
 */
import '../roster/demo';
import '../roster/scale';
import '../incidents/scale';
import '../incidents/demo';
import '../reports/scale';
import '../reports/demo';
import '../sync/demo';
import '../materials/parts';
export {};
