// One page of the entities matching the filter, ordered by id, with the
// number that match. $search is already folded (searchkey.Fold); searchText
// holds an entity's search keys one a line, so CONTAINS matches a key.
// params: kinds: LIST<STRING>, level: STRING, search: STRING, after: STRING, limit: INTEGER
MATCH (e:Entity)
WHERE (size($kinds) = 0 OR e.kind IN $kinds)
  AND ($level = '' OR e.level = $level)
  AND ($search = '' OR e.searchText CONTAINS $search)
WITH e
ORDER BY e.id
WITH collect(e) AS matched
RETURN size(matched) AS total, [x IN matched WHERE x.id > $after][..$limit] AS page
