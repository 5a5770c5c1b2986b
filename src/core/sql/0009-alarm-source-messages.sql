-- Plantdesk schema 9: source alarm messages made in the reader's language.
--
-- A source alarm (low stock …) stored its message as text in the language
-- of the process that raised it. It now also stores a message key such as
-- 'stock.low' and the key's arguments as a JSON object (exact decimals as
-- strings), from which every reader makes the text in its own language
-- (pd-alarm-message.h). message stays: it is what a reader shows for a key
-- it does not know (rows of another version), and what older rows have.

ALTER TABLE alarm_defs ADD COLUMN message_key TEXT;
ALTER TABLE alarm_defs ADD COLUMN message_args TEXT
  CHECK (message_args IS NULL OR json_type (message_args) = 'object');
