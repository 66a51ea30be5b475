-- Find an item's batch lines by the item (every line, failed ones too): the item's payment history and
-- the ledger check that each item was paid once read them so, before statistics exist after a big batch.
CREATE INDEX payment_batch_lines_item ON payment_batch_lines (county, item_id);
