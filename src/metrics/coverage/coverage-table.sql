-- Data coverage of one table: per source (the first part of raw_id; 'derived' for rows a
-- derive step made without one) the rows, and the oldest and newest event time loaded.
-- {{table}} and {{time}} come from the catalogue (src/model/catalogue/event-time.ts).
SELECT coalesce(split_part(raw_id, ':', 1), 'derived') AS source, count(*) AS row_count,
       min({{time}}) AS oldest, max({{time}}) AS newest
  FROM {{table}}
 GROUP BY 1
 ORDER BY 1
