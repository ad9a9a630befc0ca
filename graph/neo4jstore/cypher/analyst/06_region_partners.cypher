// Whom does this region cooperate with directly (stored once, read both
// ways), and since when?
// params: region: STRING
MATCH (r:REGION {name: $region})-[c:COOPERATES_WITH]-(partner:Entity)
RETURN partner.name AS partner, partner.kind AS kind, c.status AS status, c.year AS year
ORDER BY year, partner
