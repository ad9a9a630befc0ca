// Writes one batch of evidence: one node per place a document states a
// relation. link_evidence then links each to the document it quotes.
// params: rows: LIST<MAP>, load: STRING
UNWIND $rows AS row
MERGE (v:Evidence {id: row.id})
SET v.relation = row.relation,
    v.ordinal = row.ordinal,
    v.document = row.document,
    v.text = row.text,
    v.start = row.start,
    v.end = row.end,
    v.status = row.status,
    v.confidence = row.confidence,
    v.source = row.source,
    v.load = $load
