#!/usr/bin/env bash
# Installs reviewroomd: release build, binary, web client, systemd units, example config.
# Safe to rerun (an existing /etc/reviewroom/reviewroom.conf is never overwritten).
#
#   make release && sudo Deploy/install.sh --no-build    # build as yourself, install as root
#   Deploy/install.sh [--dry-run] [--prefix /usr/local] [--with-tls] [--no-build] [--bin-dir DIR]
#   DESTDIR=/tmp/pkg Deploy/install.sh      # stage into a package root; no systemctl calls
# --no-build installs .build/release (or --bin-dir DIR) and never runs swift. As root, it builds
# only in a plain root shell (a root login or a container: no SUDO_USER, a checkout root owns);
# under sudo, or in someone else's checkout, it refuses: sudo's PATH has no Swift, and root-owned
# files in that person's .build break their later builds.
set -euo pipefail

usage() {
    # The comment block at the top of this file, without its '#'.
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
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
# Relative to where it was called from, not to the checkout this script moves into below.
case "$BIN_DIR" in /*|"") ;; *) BIN_DIR="$PWD/$BIN_DIR" ;; esac
case "$DESTDIR" in /*|"") ;; *) DESTDIR="$PWD/$DESTDIR" ;; esac

run() {
    if [ "$DRY_RUN" = 1 ]; then echo "+ $*"; else "$@"; fi
}

cd "$ROOT"
if [ "$BUILD" = 1 ]; then
    if [ "$(id -u)" = 0 ]; then
        owner="$(stat -c %u "$ROOT")"
        if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
            echo "install.sh: not building as root under sudo (from $SUDO_USER): build as yourself, then install with --no-build:" >&2
            echo "  make release && sudo Deploy/install.sh --no-build" >&2
            exit 1
        elif [ "$owner" != 0 ]; then
            echo "install.sh: not building as root in $ROOT, which belongs to uid $owner: build as that user, then install with --no-build:" >&2
            echo "  make release && sudo Deploy/install.sh --no-build" >&2
            exit 1
        fi
        # A plain root shell (root login, container): root owns the checkout, so building here
        # leaves nobody else a root-owned .build.
        echo "install.sh: building as root in $ROOT (a plain root shell: no SUDO_USER, root owns the checkout)"
    fi
    if [ "$DRY_RUN" = 0 ] && ! command -v swift >/dev/null; then
        echo "install.sh: swift is not on PATH ($PATH): add the toolchain's usr/bin (e.g. export PATH=/opt/swift/usr/bin:\$PATH), or build elsewhere and use --bin-dir DIR" >&2
        exit 1
    fi
    # The same build as `make release`: the Swift runtime linked in (see the Makefile).
    run swift build -c release --product reviewroomd --static-swift-stdlib
fi
# SwiftPM's release directory (.build/release links to the platform's); never ask swift for it.
[ -n "$BIN_DIR" ] || BIN_DIR="$ROOT/.build/release"
BINARY="$BIN_DIR/reviewroomd"
WEB="$BIN_DIR/ReviewRoom_ReviewRoomServer.resources/Web"
if [ "$DRY_RUN" = 0 ] && [ ! -x "$BINARY" ]; then
    echo "install.sh: $BINARY is missing: build it first (make release, as yourself), or name the directory with --bin-dir" >&2
    exit 1
fi
[ -d "$WEB" ] || WEB="$ROOT/Sources/ReviewRoomServer/Web"
# Checked before anything is installed, so a server given only some of the files gets no half
# install: the web client and the README come from the binary's directory or the checkout.
if [ ! -d "$WEB" ] || [ ! -f "$ROOT/README.md" ]; then
    echo "install.sh: the web client ($BIN_DIR/ReviewRoom_ReviewRoomServer.resources/Web, else $ROOT/Sources/ReviewRoomServer/Web) or $ROOT/README.md is missing; nothing was installed" >&2
    echo "  on a server without the checkout, copy in: .build/release/reviewroomd and .build/release/ReviewRoom_ReviewRoomServer.resources (one directory, for --bin-dir), and the checkout's Deploy/ and README.md (side by side)" >&2
    exit 1
fi

# Every shared library the binary needs must load here, or the service restarts in a loop with
# "error while loading shared libraries". A binary from `make release` (or this script's build)
# has the Swift runtime linked in; one built otherwise (plain `swift build -c release`) loads
# libswift*, libFoundation* and libdispatch, which are no Debian packages, from the Swift
# toolchain it was built with (its RUNPATH). Under DESTDIR the binary is for another machine,
# so this only warns.
if [ "$DRY_RUN" = 0 ] && command -v ldd >/dev/null; then
    # `|| true`: ldd fails on a static binary, and readelf (binutils) is not on a minimal Debian;
    # under set -e and pipefail either would end this script without a word.
    missing="$(ldd "$BINARY" 2>/dev/null | awk '/not found/ { printf "%s%s", sep, $1; sep = " " }' || true)"
    if [ -n "$missing" ]; then
        runpath="$(readelf -d "$BINARY" 2>/dev/null | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p' || true)"
        echo "install.sh: $BINARY cannot start on this machine: missing shared libraries: $missing" >&2
        echo "  libswift*, libFoundation*, libdispatch: rebuild it with make release (the Swift runtime linked in), or install the Swift toolchain it was built with where it was (RUNPATH ${runpath:-unknown$(command -v readelf >/dev/null || echo ": no readelf here, apt-get install binutils to see it")})" >&2
        echo "  the others: apt-get install libwebsockets17 libwebsockets-evlib-ev libev4 libssl3 libsqlite3-0 zlib1g" >&2
        [ -n "$DESTDIR" ] || exit 1
    fi
    # libwebsockets loads its libev loop as a plugin (dlopen, which ldd cannot see) from its own
    # directory; without it the daemon links fine but exits 69 at every start.
    lws="$(ldd "$BINARY" 2>/dev/null | awk '$1 == "libwebsockets.so.17" && $3 ~ /^\// { print $3 }' || true)"
    if [ -n "$lws" ] && [ ! -f "$(dirname "$lws")/libwebsockets-evlib_ev.so" ]; then
        echo "install.sh: $BINARY cannot listen on this machine: libwebsockets' libev plugin $(dirname "$lws")/libwebsockets-evlib_ev.so is missing: apt-get install libwebsockets-evlib-ev" >&2
        [ -n "$DESTDIR" ] || exit 1
    fi
fi

UNIT_DIR="$DESTDIR/etc/systemd/system"
CONF_DIR="$DESTDIR/etc/reviewroom"
SHARE="$DESTDIR$PREFIX/share/reviewroom"

run install -d -m 0755 "$DESTDIR$PREFIX/bin" "$SHARE" "$UNIT_DIR" "$CONF_DIR" "$DESTDIR$PREFIX/share/doc/reviewroom"
# Without its debug info (a third of the release binary) but with its symbol table, so a crash
# backtrace (SWIFT_BACKTRACE) still names functions; `strip` is binutils', which a minimal
# server may lack: then, or when strip cannot read the binary (another architecture under
# DESTDIR), it is installed as it is. Written beside the old one and renamed over it, so a
# running daemon keeps its file.
installed="$DESTDIR$PREFIX/bin/reviewroomd"
if ! command -v strip >/dev/null; then
    echo "install.sh: strip is not installed (apt-get install binutils for a smaller binary): installing $BINARY with its debug info; it runs the same"
    run install -m 0755 "$BINARY" "$installed"
elif [ "$DRY_RUN" = 1 ]; then
    echo "+ strip --strip-debug -o $installed.new $BINARY && mv $installed.new $installed"
elif strip --strip-debug -o "$installed.new" "$BINARY"; then
    chmod 0755 "$installed.new"
    mv -f "$installed.new" "$installed"
else
    rm -f "$installed.new"
    echo "install.sh: strip could not read $BINARY: installing it with its debug info"
    install -m 0755 "$BINARY" "$installed"
fi
# The web client: replaced as a whole so removed files do not linger, copied beside the old
# one and swapped in, so a running daemon is never without its pages mid-copy.
run rm -rf "$SHARE/web.new" "$SHARE/web.old"
run cp -R "$WEB" "$SHARE/web.new"
# cp takes the caller's umask: under 077 (a hardened server) the daemon's own user could not read
# the pages, and every page was 404 with nothing in the journal.
run chmod -R u=rwX,go=rX "$SHARE/web.new"
if [ -d "$SHARE/web" ]; then run mv "$SHARE/web" "$SHARE/web.old"; fi
run mv "$SHARE/web.new" "$SHARE/web"
run rm -rf "$SHARE/web.old"
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
# The drop-in makes every start load both files: without them systemd refuses to start the
# service (status=243/CREDENTIALS, "Failed to set up credentials: Protocol error"), so say what
# is still to do, last, where it is read.
tls_todo=""
if [ "$WITH_TLS" = 1 ] && { [ ! -f "$CONF_DIR/tls/key.pem" ] || [ ! -f "$CONF_DIR/tls/cert.pem" ]; }; then
    tls_todo="install.sh: --with-tls: reviewroomd will not start (status=243/CREDENTIALS) until /etc/reviewroom/tls/key.pem and cert.pem (PEM: the key, the certificate chain) are there: install -m 0600 KEY /etc/reviewroom/tls/key.pem; install -m 0644 CHAIN /etc/reviewroom/tls/cert.pem; then uncomment tls_cert and tls_key in /etc/reviewroom/reviewroom.conf and (re)start it"
fi

if [ -e "$CONF_DIR/reviewroom.conf" ]; then
    echo "keeping existing $CONF_DIR/reviewroom.conf (the shipped one is $SHARE/reviewroom.conf.example)"
else
    run install -m 0644 "$ROOT/Deploy/reviewroom.conf" "$CONF_DIR/reviewroom.conf"
fi
run install -m 0644 "$ROOT/Deploy/reviewroom.conf" "$SHARE/reviewroom.conf.example"
run install -m 0644 "$ROOT/Deploy/nginx-reviewroom.conf" "$SHARE/nginx-reviewroom.conf.example"
run install -m 0644 "$ROOT/Deploy/apache-reviewroom.conf" "$SHARE/apache-reviewroom.conf.example"

if [ "$DRY_RUN" = 1 ]; then
    echo "dry run: nothing was installed into ${DESTDIR:-/}"
elif [ -z "$DESTDIR" ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    if systemctl is-active --quiet reviewroomd; then
        # Not restarted here: a restart ends every live session's connections (clients resume).
        echo "installed. reviewroomd is still running the old version: when no session is live, run"
        echo "  sudo systemctl try-restart reviewroomd"
    else
        echo "installed. Start with: systemctl enable --now reviewroomd (or reviewroomd.socket)"
    fi
else
    echo "installed into ${DESTDIR:-/}; systemd is not running here, so no units were (re)loaded"
    echo "(on the server, with systemd running: sudo systemctl daemon-reload, then sudo systemctl enable --now reviewroomd"
    echo " on a first install, or sudo systemctl try-restart reviewroomd after an upgrade)"
fi
[ -z "$tls_todo" ] || echo "$tls_todo" >&2
