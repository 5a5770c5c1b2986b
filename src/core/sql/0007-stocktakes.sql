-- Plantdesk schema 7: stocktakes, their expected snapshot and their counts.
-- (Filled in by the stocktake work; an empty migration keeps the numbering.)
SELECT 1;
