package neo4jstore

// The statements the store sends, one per file (see cypher/): each file
// starts with a header of // comments that declares its parameters, which
// scripts/cypher-lint and statements_test.go check.

import _ "embed"

var (
	//go:embed cypher/cooperation_direct.cypher
	cooperationDirectStmt string

	//go:embed cypher/cooperation_via.cypher
	cooperationViaStmt string

	//go:embed cypher/degrees.cypher
	degreesStmt string

	//go:embed cypher/delete_stale_documents.cypher
	deleteStaleDocumentsStmt string

	//go:embed cypher/delete_stale_entities.cypher
	deleteStaleEntitiesStmt string

	//go:embed cypher/delete_stale_evidence.cypher
	deleteStaleEvidenceStmt string

	//go:embed cypher/delete_stale_load_errors.cypher
	deleteStaleLoadErrorsStmt string

	//go:embed cypher/delete_stale_relations.cypher
	deleteStaleRelationsStmt string

	//go:embed cypher/document_relations.cypher
	documentRelationsStmt string

	//go:embed cypher/documents_all.cypher
	documentsAllStmt string

	//go:embed cypher/documents_by_id.cypher
	documentsByIdStmt string

	//go:embed cypher/enclaves.cypher
	enclavesStmt string

	//go:embed cypher/enclaves_by_host.cypher
	enclavesByHostStmt string

	//go:embed cypher/enclaves_by_owner.cypher
	enclavesByOwnerStmt string

	//go:embed cypher/enclaves_by_owner_host.cypher
	enclavesByOwnerHostStmt string

	//go:embed cypher/entities_by_id.cypher
	entitiesByIdStmt string

	//go:embed cypher/evidence_of.cypher
	evidenceOfStmt string

	//go:embed cypher/find_entities_count.cypher
	findEntitiesCountStmt string

	//go:embed cypher/find_entities_page.cypher
	findEntitiesPageStmt string

	//go:embed cypher/link_evidence.cypher
	linkEvidenceStmt string

	//go:embed cypher/link_issuers.cypher
	linkIssuersStmt string

	//go:embed cypher/load_errors.cypher
	loadErrorsStmt string

	//go:embed cypher/merge_documents.cypher
	mergeDocumentsStmt string

	//go:embed cypher/merge_entities.cypher
	mergeEntitiesStmt string

	//go:embed cypher/merge_evidence.cypher
	mergeEvidenceStmt string

	//go:embed cypher/merge_load_errors.cypher
	mergeLoadErrorsStmt string

	//go:embed cypher/merge_relations.cypher
	mergeRelationsStmt string

	//go:embed cypher/neighborhood.cypher
	neighborhoodStmt string

	//go:embed cypher/read_meta.cypher
	readMetaStmt string

	//go:embed cypher/ready.cypher
	readyStmt string

	//go:embed cypher/relations_among.cypher
	relationsAmongStmt string

	//go:embed cypher/relations_by_id.cypher
	relationsByIdStmt string

	//go:embed cypher/relations_from.cypher
	relationsFromStmt string

	//go:embed cypher/relations_of.cypher
	relationsOfStmt string

	//go:embed cypher/relations_to.cypher
	relationsToStmt string

	//go:embed cypher/schema_document_id.cypher
	schemaDocumentIdStmt string

	//go:embed cypher/schema_entity_fulltext.cypher
	schemaEntityFulltextStmt string

	//go:embed cypher/schema_entity_id.cypher
	schemaEntityIdStmt string

	//go:embed cypher/schema_entity_name.cypher
	schemaEntityNameStmt string

	//go:embed cypher/schema_entity_search.cypher
	schemaEntitySearchStmt string

	//go:embed cypher/schema_evidence_id.cypher
	schemaEvidenceIdStmt string

	//go:embed cypher/schema_evidence_relation.cypher
	schemaEvidenceRelationStmt string

	//go:embed cypher/schema_kind_id.cypher
	schemaKindIdStmt string

	//go:embed cypher/schema_load_error_id.cypher
	schemaLoadErrorIdStmt string

	//go:embed cypher/schema_meta_key.cypher
	schemaMetaKeyStmt string

	//go:embed cypher/schema_relation_id.cypher
	schemaRelationIdStmt string

	//go:embed cypher/set_meta.cypher
	setMetaStmt string

	//go:embed cypher/shortest_paths.cypher
	shortestPathsStmt string

	//go:embed cypher/stats_documents.cypher
	statsDocumentsStmt string

	//go:embed cypher/stats_entities.cypher
	statsEntitiesStmt string

	//go:embed cypher/stats_relations.cypher
	statsRelationsStmt string

	//go:embed cypher/top_betweenness.cypher
	topBetweennessStmt string

	//go:embed cypher/top_degree.cypher
	topDegreeStmt string
)
