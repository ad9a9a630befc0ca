// searchText holds the folded names, aliases and their pinyin, one a line;
// a TEXT index answers CONTAINS on it.
// params: (none)
CREATE TEXT INDEX entity_search IF NOT EXISTS
FOR (e:Entity) ON (e.searchText)
