// Records which graph is stored, last in the load's transaction.
// params: digest: STRING, entities: INTEGER, relations: INTEGER, documents: INTEGER
MERGE (m:Meta {key: 'graph'})
SET m.digest = $digest,
    m.entities = $entities,
    m.relations = $relations,
    m.documents = $documents
