#!/usr/bin/env bash
# .ci/images.sh — make sure the container images the devslot tests/examples use exist locally.
#
# Usage: .ci/images.sh [IMAGE...]        (default: busybox:1.35 redis:7 postgres:15 debian:bookworm-slim)
#
# For each image: if `docker image inspect` finds it, keep it (unless it is one of ours built by an
# older recipe); else try `docker pull` with a short timeout; if that fails (no registry reachable),
# build a local equivalent with `docker import` from host files and tag it with the same name.
# Local builds carry the label devslot.local-image=<recipe version>.
#
# Recipes (any tag):
#   busybox:*  Debian busybox-static, every applet symlinked into /bin, CMD ["sh"]
#   redis:*    Debian's redis-server/redis-cli (package redis-tools: redis-server is a symlink to
#              redis-check-rdb, which dispatches on argv[0]) + every library ldd lists + the loader,
#              busybox for sh/nc/wget, /data, an entrypoint like the official one, and protected
#              mode off like the official image. CMD ["redis-server", "--protected-mode", "no"].
#   postgres:* Debian's postgresql-15 (binaries, share/, the server's modules without the LLVM JIT,
#              every library ldd lists, system tzdata), a non-root `postgres` user (uid 999),
#              busybox for sh/su, and an entrypoint like the official one: on an empty PGDATA it runs
#              initdb as `postgres` with POSTGRES_USER / POSTGRES_PASSWORD (scram-sha-256 for every
#              host connection, listening on all addresses), creates POSTGRES_DB, runs
#              /docker-entrypoint-initdb.d/*.sql|*.sh, then execs postgres. pg_isready is on PATH for
#              healthchecks. CMD ["postgres"].
#   debian:*   what devslot's volume copies need of it (clone, snapshot, restore: copy.image):
#              Debian's GNU tar (sparse files, xattrs, ACLs) + setfattr/getfattr + busybox for sh.
set -Eeuo pipefail

RECIPE_VERSION=3
PULL_TIMEOUT=${DEVSLOT_PULL_TIMEOUT:-20}

log() { printf '[images] %s\n' "$*"; }
die() { printf '[images] FAILED: %s\n' "$*" >&2; exit 1; }
trap 'die "command failed (line $LINENO): $BASH_COMMAND"' ERR

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "must run as root (or with sudo available)"
  SUDO=(sudo -n)
fi

command -v docker >/dev/null 2>&1 || die "docker CLI not found"
docker info >/dev/null 2>&1 || die "Docker engine not answering (run .ci/setup first)"

WORK=""
cleanup() { if [ -n "$WORK" ] && [ -d "$WORK" ]; then rm -rf "$WORK"; fi; }
trap cleanup EXIT

pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Install Debian packages if missing. Uses a temporary policy-rc.d so no package starts a service.
ensure_pkgs() {
  local missing=() p created=0
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${SUDO[@]}" chmod 755 /usr/sbin/policy-rc.d
    created=1
  fi
  local ok=1
  if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/devslot-images-apt.log 2>&1; then
    "${SUDO[@]}" apt-get update -q >>/tmp/devslot-images-apt.log 2>&1 || true
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/devslot-images-apt.log 2>&1 || ok=0
  fi
  if [ "$created" = 1 ]; then "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d; fi
  [ "$ok" = 1 ] || die "apt-get install ${missing[*]} failed (see /tmp/devslot-images-apt.log)"
}

# Sets WORK (temp dir, removed on exit) and ROOT (the rootfs being assembled).
new_root() {
  WORK=$(mktemp -d /tmp/devslot-image.XXXXXX)
  ROOT="$WORK/root"
  mkdir -p "$ROOT"
}

# Add busybox (static) and its applets to /bin of a rootfs, never overwriting an existing file.
add_busybox() {
  local root=$1 a
  mkdir -p "$root/bin"
  cp /bin/busybox "$root/bin/busybox"
  for a in $(/bin/busybox --list); do
    [ "$a" = busybox ] && continue
    [ -e "$root/bin/$a" ] || [ -L "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
  done
}

base_etc() {
  local root=$1
  mkdir -p "$root/etc" "$root/tmp" "$root/root" "$root/home" "$root/var/tmp" "$root/proc" "$root/sys" "$root/dev"
  chmod 1777 "$root/tmp" "$root/var/tmp"
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
redis:x:999:999::/data:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
www-data:x:33:
redis:x:999:
nogroup:x:65534:
EOF
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
}

# Copy a binary and every shared library ldd lists (plus the dynamic loader) to the same paths.
copy_with_libs() {
  local root=$1 bin=$2 lib
  mkdir -p "$root$(dirname "$bin")"
  cp -L "$bin" "$root$bin"
  while read -r lib; do
    [ -n "$lib" ] || continue
    mkdir -p "$root$(dirname "$lib")"
    [ -e "$root$lib" ] || cp -L "$lib" "$root$lib"
  done < <(ldd "$bin" | awk '/=> \//{print $3} /^[[:space:]]*\/[^ ]+ \(0x/{print $1}')
}

do_import() {
  local root=$1 name=$2; shift 2
  tar -C "$root" --numeric-owner -cf - . |
    docker import --message "devslot local build of $name" \
      --change "LABEL devslot.local-image=$RECIPE_VERSION" "$@" - "$name" >/dev/null
}

build_busybox() {
  local name=$1 root
  ensure_pkgs busybox-static
  new_root; root=$ROOT
  base_etc "$root"
  add_busybox "$root"
  mkdir -p "$root/var/www"
  do_import "$root" "$name" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["sh"]'
  rm -rf "$WORK"; WORK=""
}

build_redis() {
  local name=$1 root
  ensure_pkgs busybox-static redis-tools
  new_root; root=$ROOT
  base_etc "$root"
  copy_with_libs "$root" /usr/bin/redis-check-rdb
  copy_with_libs "$root" /usr/bin/redis-cli
  ln -s redis-check-rdb "$root/usr/bin/redis-server"
  ln -s redis-check-rdb "$root/usr/bin/redis-check-aof"
  add_busybox "$root"
  mkdir -p "$root/data" "$root/usr/local/bin" "$root/usr/local/etc/redis"
  chmod 777 "$root/data"
  # Like the official image's entrypoint: `docker run redis:7 --appendonly yes` / `... /x.conf` run
  # redis-server. The official image is built with protected-mode off by default; Debian's is on,
  # so add `--protected-mode no` unless the arguments set it themselves.
  cat >"$root/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -e
case "$1" in
  -*|*.conf) set -- redis-server "$@" ;;
esac
if [ "$1" = redis-server ] || [ "$1" = /usr/bin/redis-server ]; then
  case " $* " in
    *" --protected-mode "*) ;;
    *) set -- "$@" --protected-mode no ;;
  esac
fi
exec "$@"
EOF
  chmod 755 "$root/usr/local/bin/docker-entrypoint.sh"
  do_import "$root" "$name" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'WORKDIR /data' \
    --change 'EXPOSE 6379' \
    --change 'ENTRYPOINT ["docker-entrypoint.sh"]' \
    --change 'CMD ["redis-server", "--protected-mode", "no"]'
  rm -rf "$WORK"; WORK=""
}

# The entrypoint runs as root only long enough to own PGDATA, then re-runs itself as `postgres`
# through busybox su (argv passed as "$0" "$@": nothing is spliced into a command string).
PG_ENTRYPOINT='#!/bin/sh
set -eu
case "${1:-}" in -*) set -- postgres "$@" ;; esac
if [ "${1:-}" != postgres ]; then exec "$@"; fi
: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  chmod 3777 /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  exec su -s /bin/sh postgres -c '"'"'exec "$0" "$@"'"'"' "$0" "$@"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  POSTGRES_USER=${POSTGRES_USER:-postgres}
  POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
  AUTH=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$AUTH" != trust ]; then
    echo "Error: Database is uninitialized and superuser password is not specified." >&2
    echo "       Set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust)." >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf "%s\n" "${POSTGRES_PASSWORD:-}" >"$pwfile"
  initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust --auth-host="$AUTH" \
    --encoding=UTF8 --locale=C ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  printf "\nlisten_addresses = '"'"'*'"'"'\n" >>"$PGDATA/postgresql.conf"
  printf "host all all all %s\n" "$AUTH" >>"$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=" -w -t 60 start >/dev/null
  if [ "$POSTGRES_DB" != postgres ]; then
    printf "%s\n" "CREATE DATABASE :\"db\";" |
      psql -X -q -v ON_ERROR_STOP=1 --username="$POSTGRES_USER" --dbname=postgres -v db="$POSTGRES_DB"
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh) echo "running $f"; . "$f" ;;
      *.sql) echo "running $f"; psql -X -q -v ON_ERROR_STOP=1 --username="$POSTGRES_USER" --dbname="$POSTGRES_DB" -f "$f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w -t 60 stop >/dev/null
  echo "PostgreSQL init process complete; ready for start up."
fi
# docker import cannot set STOPSIGNAL: turn the engine'"'"'s SIGTERM into postgres'"'"' fast shutdown
# (SIGINT), as the official image'"'"'s STOPSIGNAL does, so `docker stop` does not wait for clients.
"$@" &
pid=$!
trap '"'"'kill -INT "$pid" 2>/dev/null || true'"'"' TERM INT
status=0
wait "$pid" || status=$?
while kill -0 "$pid" 2>/dev/null; do wait "$pid" || status=$?; done
exit "$status"
'

build_postgres() {
  local name=$1 root v=15 pgbin pglib f
  ensure_pkgs busybox-static postgresql-15
  pgbin=/usr/lib/postgresql/$v/bin
  pglib=/usr/lib/postgresql/$v/lib
  new_root; root=$ROOT
  base_etc "$root"
  sed -i '/^redis:/d' "$root/etc/passwd" "$root/etc/group"
  printf 'postgres:x:999:999::/var/lib/postgresql:/bin/sh\n' >>"$root/etc/passwd"
  printf 'postgres:x:999:\n' >>"$root/etc/group"
  for f in postgres initdb pg_ctl pg_isready psql createdb dropdb createuser dropuser pg_dump pg_dumpall pg_restore; do
    copy_with_libs "$root" "$pgbin/$f"
  done
  ln -s postgres "$root$pgbin/postmaster"
  # Server modules (plpgsql is needed by initdb; the rest for contrib extensions), without the JIT:
  # llvmjit pulls in all of LLVM for a feature a dev database does not need.
  mkdir -p "$root$pglib"
  for f in "$pglib"/*.so; do
    case "$(basename "$f")" in llvmjit*) continue ;; esac
    copy_with_libs "$root" "$f"
  done
  mkdir -p "$root/usr/share/postgresql" "$root/usr/share"
  cp -a "/usr/share/postgresql/$v" "$root/usr/share/postgresql/$v"
  rm -rf "$root/usr/share/postgresql/$v/man"
  cp -a /usr/share/zoneinfo "$root/usr/share/zoneinfo"
  add_busybox "$root"
  mkdir -p "$root/var/lib/postgresql/data" "$root/var/run/postgresql" "$root/docker-entrypoint-initdb.d" "$root/usr/local/bin"
  chown -R 999:999 "$root/var/lib/postgresql" "$root/var/run/postgresql"
  chmod 3777 "$root/var/run/postgresql"
  printf '%s' "$PG_ENTRYPOINT" >"$root/usr/local/bin/docker-entrypoint.sh"
  chmod 755 "$root/usr/local/bin/docker-entrypoint.sh"
  do_import "$root" "$name" \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:$pgbin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change 'ENV PGDATA=/var/lib/postgresql/data' \
    --change 'VOLUME /var/lib/postgresql/data' \
    --change 'EXPOSE 5432' \
    --change 'ENTRYPOINT ["docker-entrypoint.sh"]' \
    --change 'CMD ["postgres"]'
}

build_debian() {
  local name=$1 root b
  ensure_pkgs busybox-static attr
  new_root; root=$ROOT
  base_etc "$root"
  for b in /usr/bin/tar /usr/bin/setfattr /usr/bin/getfattr; do copy_with_libs "$root" "$b"; done
  add_busybox "$root"
  do_import "$root" "$name" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["sh"]'
  rm -rf "$WORK"; WORK=""
}

ensure_image() {
  local name=$1 repo label
  repo=${name%:*}
  [ "$repo" = "$name" ] && name="$name:latest"
  repo=${repo##*/}   # library/redis, docker.io/library/redis -> redis
  if docker image inspect "$name" >/dev/null 2>&1; then
    label=$(docker image inspect -f '{{ index .Config.Labels "devslot.local-image" }}' "$name" 2>/dev/null || true)
    if [ -z "$label" ] || [ "$label" = "<no value>" ] || [ "$label" = "$RECIPE_VERSION" ]; then
      log "$name: present"
      return 0
    fi
    log "$name: local build from older recipe ($label), rebuilding"
  else
    if timeout "$PULL_TIMEOUT" docker pull -q "$name" >/dev/null 2>&1; then
      log "$name: pulled"
      return 0
    fi
    log "$name: not pullable, building locally"
  fi
  case "$repo" in
    busybox) build_busybox "$name" ;;
    redis) build_redis "$name" ;;
    postgres) build_postgres "$name" ;;
    debian) build_debian "$name" ;;
    *) die "no local recipe for image $name (and it cannot be pulled)" ;;
  esac
  docker image inspect "$name" >/dev/null 2>&1 || die "$name: build produced no image"
  log "$name: built"
}

if [ $# -eq 0 ]; then set -- busybox:1.35 redis:7 postgres:15 debian:bookworm-slim; fi
for img in "$@"; do ensure_image "$img"; done
