// Starts GraphiQL against this server's /graphql. Kept out of index.html
// so the page's Content-Security-Policy can forbid inline scripts.
(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var defaultQuery = [
    '# collabgraph: regions, corridors, platforms, enclaves and who cooperates',
    '# with whom, every relation with the sentence that states it.',
    '# More worked queries: docs/queries.graphql.',
    'query SearchXinchang {',
    '  search(text: "xinchang", first: 3) {',
    '    id name kind degree',
    '    relations(kinds: [JOINS]) { nodes { kind status to { name } evidence { text } } }',
    '  }',
    '}',
    ''
  ].join('\n');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: defaultQuery,
    defaultEditorToolsVisibility: true
  }));
})();
