// Answers only when the server is up and the database exists.
// params: (none)
RETURN 1 AS ready
