# shellcheck shell=bash
# Copyright 2026 The Plantdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Debian packages Plantdesk needs to build, test and run its demo, and the
# logic that installs the ones that are missing. Sourced by build-aux/run-tests
# and build-aux/run-demo so that both always agree.
#
# Set PLANTDESK_SKIP_DEPS=1 to skip the check, e.g. on a distribution that is
# not Debian where you installed the equivalents yourself.

# One package a line, so that a later feature adds its own in one line.
PLANTDESK_DEBIAN_PACKAGES=(
  # Toolchain and build system
  build-essential
  meson
  ninja-build
  pkg-config
  gettext
  # Libraries
  libglib2.0-dev
  libglib2.0-bin
  libgtk-4-dev
  libgtk-4-bin
  libadwaita-1-dev
  libsqlite3-dev
  sqlite3
  libsodium-dev
  libjson-glib-dev
  libsoup-3.0-dev
  libmodbus-dev
  libqrencode-dev
  # An independent Modbus server for the tests, and serial pseudo-terminals
  python3-pymodbus
  socat
  # Validators for data/
  desktop-file-utils
  appstream
  # GUI tests: a private X server and D-Bus session, accessibility bus, CJK font
  xvfb
  xauth
  dbus-x11
  at-spi2-core
  fonts-wqy-microhei
  # Label tests: decode the QR codes and read the text back from the PDFs
  zbar-tools
  poppler-utils
  # Test helpers and scripts
  python3
)

# Prints the packages of PLANTDESK_DEBIAN_PACKAGES that are not installed, one
# a line.
pd_missing_packages ()
{
  local pkg status
  for pkg in "${PLANTDESK_DEBIAN_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
      printf '%s\n' "$pkg"
    fi
  done
}

# Installs the missing packages with apt-get, through sudo when not root.
# Does nothing (and touches no package list) when everything is there.
pd_install_missing_packages ()
{
  if [[ "${PLANTDESK_SKIP_DEPS:-0}" == 1 ]]; then
    echo "PLANTDESK_SKIP_DEPS=1: not checking Debian packages."
    return 0
  fi
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "warning: this is not a Debian system; install the equivalents of:" >&2
    echo "  ${PLANTDESK_DEBIAN_PACKAGES[*]}" >&2
    return 0
  fi

  local -a missing sudo=()
  mapfile -t missing < <(pd_missing_packages)
  if (( ${#missing[@]} == 0 )); then
    echo "All ${#PLANTDESK_DEBIAN_PACKAGES[@]} required Debian packages are installed."
    return 0
  fi

  echo "Installing missing Debian packages: ${missing[*]}"
  if (( EUID != 0 )); then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "error: not root and sudo is not available; as root, run:" >&2
      echo "  apt-get install ${missing[*]}" >&2
      return 1
    fi
    sudo=(sudo)
  fi

  local -a apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive
                apt-get -q -o DPkg::Lock::Timeout=600)
  "${apt[@]}" update || return 1
  "${apt[@]}" install -y "${missing[@]}" || return 1

  mapfile -t missing < <(pd_missing_packages)
  if (( ${#missing[@]} != 0 )); then
    echo "error: still missing after apt-get install: ${missing[*]}" >&2
    return 1
  fi
}
