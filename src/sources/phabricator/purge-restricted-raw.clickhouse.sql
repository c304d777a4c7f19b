-- purge-restricted-raw.sql on ClickHouse: JSONExtract* for json_extract (an id given as a
-- number or as text), arrayExists over the subtask list.
source = 'phabricator'
AND ((kind = 'transaction' AND splitByChar('/', key)[1] IN (SELECT unnest($1)))
  OR (kind = 'task' AND splitByChar('@', key)[1] IN (SELECT unnest($1)) AND JSONExtractRaw(payload, 'restricted') != 'true')
  OR (kind = 'subtasks' AND arrayExists(
        child -> has($1, concat('T', if(JSONType(child, 'id') = 'String', JSONExtractString(child, 'id'), JSONExtractRaw(child, 'id'))))
                 AND NOT JSONHas(child, 'restricted'),
        JSONExtractArrayRaw(payload, 'data'))))
