// "What is the evidence for this relation" is a seek on this index.
// params: (none)
CREATE INDEX evidence_relation IF NOT EXISTS
FOR (v:Evidence) ON (v.relation)
