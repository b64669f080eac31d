// Demo and scale-data parts of the materials ledger (registered from core/devtools/parts.ts).
import './demo';
import './scale';
