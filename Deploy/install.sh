#!/usr/bin/env bash
# Installs reviewroomd: release build, binary, web client, systemd units, example config.
# Safe to rerun (an existing /etc/reviewroom/reviewroom.conf is never overwritten).
#
#   Deploy/install.sh [--dry-run] [--prefix /usr/local] [--with-tls] [--no-build] [--bin-dir DIR]
#   DESTDIR=/tmp/pkg Deploy/install.sh      # stage into a package root; no systemctl calls
set -euo pipefail

usage() {
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
}

DRY_RUN=0
PREFIX=/usr/local
WITH_TLS=0
BUILD=1
BIN_DIR=""
while [ $# -gt 0 ]; do
    case "$1" in
        --dry-run) DRY_RUN=1 ;;
        --prefix) PREFIX="${2:?--prefix needs a directory}"; shift ;;
        --prefix=*) PREFIX="${1#--prefix=}" ;;
        --with-tls) WITH_TLS=1 ;;
        --no-build) BUILD=0 ;;
        --bin-dir) BIN_DIR="${2:?--bin-dir needs a directory}"; BUILD=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
DESTDIR="${DESTDIR:-}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

run() {
    if [ "$DRY_RUN" = 1 ]; then echo "+ $*"; else "$@"; fi
}

cd "$ROOT"
if [ "$BUILD" = 1 ]; then
    run swift build -c release --product reviewroomd
fi
[ -n "$BIN_DIR" ] || BIN_DIR="$(swift build -c release --show-bin-path)"
BINARY="$BIN_DIR/reviewroomd"
WEB="$BIN_DIR/ReviewRoom_ReviewRoomServer.resources/Web"
if [ "$DRY_RUN" = 0 ] && [ ! -x "$BINARY" ]; then
    echo "install.sh: $BINARY is missing; run without --no-build" >&2
    exit 1
fi
[ -d "$WEB" ] || WEB="$ROOT/Sources/ReviewRoomServer/Web"

UNIT_DIR="$DESTDIR/etc/systemd/system"
CONF_DIR="$DESTDIR/etc/reviewroom"
SHARE="$DESTDIR$PREFIX/share/reviewroom"

run install -d -m 0755 "$DESTDIR$PREFIX/bin" "$SHARE" "$UNIT_DIR" "$CONF_DIR" "$DESTDIR$PREFIX/share/doc/reviewroom"
run install -m 0755 "$BINARY" "$DESTDIR$PREFIX/bin/reviewroomd"
# The web client: replaced as a whole so removed files do not linger.
run rm -rf "$SHARE/web"
run cp -R "$WEB" "$SHARE/web"
run install -m 0644 "$ROOT/README.md" "$DESTDIR$PREFIX/share/doc/reviewroom/README.md"

# Units point at the binary under the chosen prefix.
if [ "$DRY_RUN" = 1 ]; then
    echo "+ install reviewroomd.service (ExecStart=$PREFIX/bin/reviewroomd) and reviewroomd.socket into $UNIT_DIR"
else
    sed "s|/usr/local/bin/reviewroomd|$PREFIX/bin/reviewroomd|; s|/usr/share/doc/reviewroom|$PREFIX/share/doc/reviewroom|" \
        "$ROOT/Deploy/reviewroomd.service" > "$UNIT_DIR/reviewroomd.service.tmp"
    mv "$UNIT_DIR/reviewroomd.service.tmp" "$UNIT_DIR/reviewroomd.service"
    chmod 0644 "$UNIT_DIR/reviewroomd.service"
    install -m 0644 "$ROOT/Deploy/reviewroomd.socket" "$UNIT_DIR/reviewroomd.socket"
fi
if [ "$WITH_TLS" = 1 ]; then
    run install -d -m 0755 "$UNIT_DIR/reviewroomd.service.d"
    run install -m 0644 "$ROOT/Deploy/reviewroomd.service.d/tls.conf" "$UNIT_DIR/reviewroomd.service.d/tls.conf"
    run install -d -m 0700 "$CONF_DIR/tls"
fi

if [ -e "$CONF_DIR/reviewroom.conf" ]; then
    echo "keeping existing $CONF_DIR/reviewroom.conf (the shipped one is $SHARE/reviewroom.conf.example)"
else
    run install -m 0644 "$ROOT/Deploy/reviewroom.conf" "$CONF_DIR/reviewroom.conf"
fi
run install -m 0644 "$ROOT/Deploy/reviewroom.conf" "$SHARE/reviewroom.conf.example"
run install -m 0644 "$ROOT/Deploy/nginx-reviewroom.conf" "$SHARE/nginx-reviewroom.conf.example"

if [ -z "$DESTDIR" ] && [ -d /run/systemd/system ]; then
    run systemctl daemon-reload
    echo "installed. Start with: systemctl enable --now reviewroomd (or reviewroomd.socket)"
else
    echo "installed into ${DESTDIR:-/}; systemd is not running here, so no units were (re)loaded"
fi
