-- Report `dora`: the changes each window planned (requested), which tell a planned
-- backport from an unplanned one.
SELECT window_key, kind, requested_changes FROM windows ORDER BY window_key
