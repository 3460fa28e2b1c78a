#!/bin/sh
# Start-up of a gateway container: works out the address this silo advertises to the other Orleans
# nodes, then runs the given command (the gateway) as PID 1 so it receives SIGTERM directly.
set -eu

# The first non-loopback IPv4 address our own hostname resolves to. Docker writes
# "<container address> <hostname>" into /etc/hosts, so this is the address on the compose network.
own_address() {
  getent ahostsv4 "$(uname -n)" 2>/dev/null | while read -r address _; do
    case "$address" in
      127.*) continue ;;
    esac
    echo "$address"
    break
  done
}

if [ -z "${Platform__Orleans__AdvertisedIp:-}" ]; then
  Platform__Orleans__AdvertisedIp="$(own_address)"
  if [ -z "$Platform__Orleans__AdvertisedIp" ]; then
    echo "gateway-entrypoint: cannot find this container's address; set Platform__Orleans__AdvertisedIp" >&2
    exit 1
  fi
  export Platform__Orleans__AdvertisedIp
fi

# Kestrel binds where ASPNETCORE_URLS says; by default all interfaces on PLATFORM_HTTP_PORT (the health
# check uses that port too).
if [ -z "${ASPNETCORE_URLS:-}" ]; then
  export ASPNETCORE_URLS="http://0.0.0.0:${PLATFORM_HTTP_PORT:-5080}"
fi

echo "gateway-entrypoint: Orleans address ${Platform__Orleans__AdvertisedIp}, HTTP ${ASPNETCORE_URLS}" >&2
exec "$@"
