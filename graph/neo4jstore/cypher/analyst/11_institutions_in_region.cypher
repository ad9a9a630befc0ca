// Which universities and institutes sit in a region, its districts, or a
// platform inside them?
// params: region: STRING
MATCH (i:INSTITUTION)-[:LOCATED_IN]->(place:Entity)-[:PART_OF|LOCATED_IN*0..2]->(r:REGION {name: $region})
RETURN DISTINCT i.name AS institution, place.name AS located_in
ORDER BY institution
