#!/bin/sh
# fetch-graphiql.sh re-fetches the GraphiQL IDE and the React it runs on
# from the npm registry into server/graphiql/, where go:embed bundles them
# into the binary: /graphiql loads nothing from a CDN.
#
#   scripts/fetch-graphiql.sh            # the pinned versions below
#   GRAPHIQL=3.8.3 scripts/fetch-graphiql.sh
#
# graphiql 3.x is the last line that ships a browser bundle
# (graphiql.min.js, a UMD build expecting window.React and window.ReactDOM)
# and its stylesheet; 4.x and later are ES modules only.
set -eu
GRAPHIQL=${GRAPHIQL:-3.8.3}
REACT=${REACT:-18.3.1}
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/server/graphiql"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
for p in "graphiql@$GRAPHIQL" "react@$REACT" "react-dom@$REACT"; do
	npm pack --silent "$p" >/dev/null
done
for t in *.tgz; do
	d=${t%.tgz}
	mkdir "$d"
	tar xzf "$t" -C "$d" --strip-components=1
done
cp "graphiql-$GRAPHIQL/graphiql.min.js" "graphiql-$GRAPHIQL/graphiql.min.css" "$dest/"
cp "react-$REACT/umd/react.production.min.js" "$dest/"
cp "react-dom-$REACT/umd/react-dom.production.min.js" "$dest/"
{
	echo "Files fetched by scripts/fetch-graphiql.sh from the npm registry:"
	echo "  graphiql@$GRAPHIQL   graphiql.min.js graphiql.min.css"
	echo "  react@$REACT         umd/react.production.min.js"
	echo "  react-dom@$REACT     umd/react-dom.production.min.js"
	echo "All MIT licensed; the licences follow."
	for d in "graphiql-$GRAPHIQL" "react-$REACT" "react-dom-$REACT"; do
		echo
		echo "== ${d%-*} =="
		cat "$d/LICENSE"
	done
} >"$dest/LICENSES.txt"
echo "fetch-graphiql: wrote $(ls "$dest" | tr '\n' ' ')"
