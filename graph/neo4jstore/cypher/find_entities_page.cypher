// One page of the entities matching the filter (see find_entities_count),
// ordered by id, after the id $after: the entity_id index serves both the
// range and the order.
// params: kinds: LIST<STRING>, level: STRING, search: STRING, after: STRING, limit: INTEGER
MATCH (e:Entity)
WHERE e.id > $after
  AND (size($kinds) = 0 OR e.kind IN $kinds)
  AND ($level = '' OR e.level = $level)
  AND ($search = '' OR e.searchText CONTAINS $search)
RETURN e
ORDER BY e.id
LIMIT $limit
