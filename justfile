# devslot's task runner. `just dev ARGS…` passes every argument through as its own word:
# positional-arguments makes them $1 $2 …, and "$@" keeps each one quoted (no re-splitting).
set positional-arguments

# Run devslot: `just dev 2`, `just dev 1 logs`, `just dev stop all`
[no-exit-message]
dev *args:
    @node {{quote(justfile_directory() / "dist/cli.js")}} "$@"

# Make this machine ready (Docker engine, Compose v2, local images, deps, build)
setup:
    bash .ci/setup

# Every test (tier 3 needs the engine from `just setup`)
test:
    npm test
