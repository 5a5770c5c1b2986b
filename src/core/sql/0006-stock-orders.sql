-- Plantdesk schema 6: inbound and outbound stock orders and their lines.
-- (Filled in by the orders work; an empty migration keeps the numbering.)
SELECT 1;
