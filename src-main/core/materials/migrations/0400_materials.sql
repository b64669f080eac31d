-- Materials ledger (应急物资台账): warehouses in three tiers, a catalogue, batches, documents with
-- lines (the ledger), balances kept in the same transaction, stocktakes, agreement reserves.
-- Quantities are INTEGER thousandths of the item's unit (exact sums; integer units are multiples of 1000).
-- Dates of batches (production, expiry) are station-local calendar dates 'YYYY-MM-DD'.

CREATE TABLE mat_warehouses (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL,
  code          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  tier          TEXT NOT NULL CHECK (tier IN ('district', 'township', 'village')),
  parent_id     TEXT REFERENCES mat_warehouses(id),
  place_code    TEXT,
  address       TEXT NOT NULL DEFAULT '',
  retired_at    INTEGER,
  retired_by    TEXT,
  retired_reason TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX mat_warehouses_parent ON mat_warehouses(parent_id);

-- Which keeper posts in which warehouse. Assignments end (revoked_at), never deleted.
CREATE TABLE mat_keepers (
  id            TEXT PRIMARY KEY,
  warehouse_id  TEXT NOT NULL REFERENCES mat_warehouses(id),
  user_id       TEXT NOT NULL REFERENCES users(id),
  assigned_at   INTEGER NOT NULL,
  assigned_by   TEXT NOT NULL,
  revoked_at    INTEGER,
  revoked_by    TEXT
) STRICT;
CREATE INDEX mat_keepers_user ON mat_keepers(user_id, warehouse_id) WHERE revoked_at IS NULL;
CREATE INDEX mat_keepers_wh ON mat_keepers(warehouse_id);

CREATE TABLE mat_items (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL,
  code            TEXT NOT NULL UNIQUE,
  class_code      TEXT NOT NULL CHECK (length(class_code) = 7),
  name            TEXT NOT NULL,
  spec            TEXT NOT NULL DEFAULT '',
  unit            TEXT NOT NULL,
  integer_unit    INTEGER NOT NULL CHECK (integer_unit IN (0, 1)),
  category        TEXT NOT NULL CHECK (category IN ('flood', 'relief')),
  shelf_life_days INTEGER,
  retired_at      INTEGER,
  retired_by      TEXT,
  retired_reason  TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX mat_items_class ON mat_items(class_code);

-- Reserve standard (储备定额) and minimum level per warehouse × item.
CREATE TABLE mat_levels (
  warehouse_id  TEXT NOT NULL REFERENCES mat_warehouses(id),
  item_id       TEXT NOT NULL REFERENCES mat_items(id),
  standard_qty  INTEGER NOT NULL CHECK (standard_qty >= 0),
  min_qty       INTEGER NOT NULL CHECK (min_qty >= 0),
  version       INTEGER NOT NULL DEFAULT 1,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (warehouse_id, item_id)
) STRICT, WITHOUT ROWID;

-- A batch carries the label fields (品名/规格 come from the item): 产地, 编号, 质量, 生产日期, 有效期.
CREATE TABLE mat_batches (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL,
  item_id         TEXT NOT NULL REFERENCES mat_items(id),
  batch_no        TEXT NOT NULL DEFAULT '',
  production_date TEXT NOT NULL DEFAULT '',
  expiry_date     TEXT NOT NULL DEFAULT '',
  origin          TEXT NOT NULL DEFAULT '',
  label_no        TEXT NOT NULL DEFAULT '',
  quality         TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  UNIQUE (item_id, batch_no, expiry_date)
) STRICT;
CREATE INDEX mat_batches_expiry ON mat_batches(expiry_date) WHERE expiry_date <> '';

CREATE TABLE mat_counters (
  prefix TEXT PRIMARY KEY,
  n      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Documents. status: draft → (approved) → posted | in_transit → received; drafts may be voided.
CREATE TABLE mat_docs (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL,
  doc_no          TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN ('receipt', 'issue', 'transfer', 'return', 'writeoff', 'adjustment', 'opening')),
  status          TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'posted', 'in_transit', 'received', 'void')),
  warehouse_id    TEXT NOT NULL REFERENCES mat_warehouses(id),
  to_warehouse_id TEXT REFERENCES mat_warehouses(id),
  source          TEXT,
  incident_id     TEXT,
  recipient       TEXT NOT NULL DEFAULT '',
  approved_by_name TEXT NOT NULL DEFAULT '',
  approver_id     TEXT,
  approved_at     INTEGER,
  reason          TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT '',
  acceptance      TEXT NOT NULL DEFAULT '',
  reverses_id     TEXT REFERENCES mat_docs(id),
  reversed_by_id  TEXT REFERENCES mat_docs(id),
  stocktake_id    TEXT,
  draft_lines     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(draft_lines)),
  posted_at       INTEGER,
  posted_by       TEXT,
  dispatched_at   INTEGER,
  deadline_at     INTEGER,
  received_at     INTEGER,
  received_by     TEXT,
  voided_at       INTEGER,
  voided_by       TEXT,
  void_reason     TEXT,
  created_by      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX mat_docs_list ON mat_docs(created_at DESC);
CREATE INDEX mat_docs_kind ON mat_docs(kind, status, created_at DESC);
CREATE INDEX mat_docs_wh ON mat_docs(warehouse_id, created_at DESC);
CREATE INDEX mat_docs_to ON mat_docs(to_warehouse_id, status);
CREATE INDEX mat_docs_transit ON mat_docs(deadline_at) WHERE status = 'in_transit';
CREATE INDEX mat_docs_incident ON mat_docs(incident_id) WHERE incident_id IS NOT NULL;

-- The ledger: one row per stock movement, signed quantity. Never updated, never deleted.
-- phase: 'post' (receipt/issue/…), 'dispatch' (transfer leaves the source), 'receive' (arrives).
CREATE TABLE mat_lines (
  seq           INTEGER PRIMARY KEY,
  doc_id        TEXT NOT NULL REFERENCES mat_docs(id),
  line_no       INTEGER NOT NULL,
  phase         TEXT NOT NULL CHECK (phase IN ('post', 'dispatch', 'receive')),
  warehouse_id  TEXT NOT NULL REFERENCES mat_warehouses(id),
  item_id       TEXT NOT NULL REFERENCES mat_items(id),
  batch_id      TEXT NOT NULL REFERENCES mat_batches(id),
  qty           INTEGER NOT NULL,
  damaged       INTEGER NOT NULL DEFAULT 0 CHECK (damaged >= 0),
  reason        TEXT NOT NULL DEFAULT '',
  at            INTEGER NOT NULL
) STRICT;
CREATE INDEX mat_lines_doc ON mat_lines(doc_id, line_no);
-- Stock card (item × warehouse, period) and verifyLedger (grouped by item × warehouse × batch) both read only this index.
CREATE INDEX mat_lines_card ON mat_lines(item_id, warehouse_id, batch_id, at, qty);
CREATE INDEX mat_lines_item_at ON mat_lines(item_id, at, qty);

-- Balances per warehouse × item × batch, updated in the posting transaction.
CREATE TABLE mat_balances (
  warehouse_id  TEXT NOT NULL REFERENCES mat_warehouses(id),
  item_id       TEXT NOT NULL REFERENCES mat_items(id),
  batch_id      TEXT NOT NULL REFERENCES mat_batches(id),
  qty           INTEGER NOT NULL CHECK (qty >= 0),
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (warehouse_id, item_id, batch_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX mat_balances_item ON mat_balances(item_id, warehouse_id);
-- Stock on hand reads only positive balances: depleted batches (history) cost nothing.
CREATE INDEX mat_balances_on_hand ON mat_balances(warehouse_id, item_id, batch_id, qty) WHERE qty > 0;

-- Stocktake (盘点) sheets: a snapshot per warehouse, per-line counted mark, reason per variance.
CREATE TABLE mat_stocktakes (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL,
  warehouse_id  TEXT NOT NULL REFERENCES mat_warehouses(id),
  status        TEXT NOT NULL CHECK (status IN ('open', 'done', 'void')),
  adjustment_id TEXT REFERENCES mat_docs(id),
  note          TEXT NOT NULL DEFAULT '',
  created_by    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  finished_at   INTEGER,
  finished_by   TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX mat_stocktakes_wh ON mat_stocktakes(warehouse_id, created_at DESC);

CREATE TABLE mat_stocktake_lines (
  stocktake_id  TEXT NOT NULL REFERENCES mat_stocktakes(id),
  line_no       INTEGER NOT NULL,
  item_id       TEXT NOT NULL REFERENCES mat_items(id),
  batch_id      TEXT NOT NULL REFERENCES mat_batches(id),
  system_qty    INTEGER NOT NULL,
  counted_qty   INTEGER,
  counted       INTEGER NOT NULL DEFAULT 0 CHECK (counted IN (0, 1)),
  reason        TEXT NOT NULL DEFAULT '',
  counted_by    TEXT,
  counted_at    INTEGER,
  PRIMARY KEY (stocktake_id, line_no)
) STRICT, WITHOUT ROWID;

-- Agreement reserves (协议储备): capability held by enterprises, never mixed into stock.
CREATE TABLE mat_enterprises (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL,
  name          TEXT NOT NULL,
  contact       TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  address       TEXT NOT NULL DEFAULT '',
  retired_at    INTEGER,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE mat_contracts (
  id              TEXT PRIMARY KEY,
  station_id      TEXT NOT NULL,
  enterprise_id   TEXT NOT NULL REFERENCES mat_enterprises(id),
  contract_no     TEXT NOT NULL,
  valid_from      TEXT NOT NULL,
  valid_to        TEXT NOT NULL,
  response_hours  INTEGER NOT NULL CHECK (response_hours > 0),
  contacts        TEXT NOT NULL DEFAULT '',
  voided_at       INTEGER,
  voided_by       TEXT,
  void_reason     TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX mat_contracts_valid ON mat_contracts(valid_to);

-- Committed quantities; a contract update voids the old rows (who/when via the contract's audit) and adds new ones.
CREATE TABLE mat_contract_items (
  id            INTEGER PRIMARY KEY,
  contract_id   TEXT NOT NULL REFERENCES mat_contracts(id),
  item_id       TEXT NOT NULL REFERENCES mat_items(id),
  qty           INTEGER NOT NULL CHECK (qty > 0),
  voided_at     INTEGER
) STRICT;
CREATE UNIQUE INDEX mat_contract_items_live ON mat_contract_items(contract_id, item_id) WHERE voided_at IS NULL;
CREATE INDEX mat_contract_items_item ON mat_contract_items(item_id) WHERE voided_at IS NULL;
