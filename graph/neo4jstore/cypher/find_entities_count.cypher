// How many entities match the filter. $search is already folded
// (searchkey.Fold); searchText holds an entity's search keys one a line, so
// CONTAINS matches within one key, as memstore does.
// params: kinds: LIST<STRING>, level: STRING, search: STRING
MATCH (e:Entity)
WHERE (size($kinds) = 0 OR e.kind IN $kinds)
  AND ($level = '' OR e.level = $level)
  AND ($search = '' OR e.searchText CONTAINS $search)
RETURN count(e) AS total
