#!/usr/bin/env bash
# Installs bouncemx as a systemd service (run as root from the source tree, after `.ci/mvn -DskipTests package`):
# the bouncemx system user, the jar under /opt/bouncemx, the configuration under /etc/bouncemx (an existing
# bouncemx.yml is kept), the unit; then checks the configuration. It does not start the service: edit
# /etc/bouncemx/bouncemx.yml (smtp.listen "0.0.0.0:25", smtp.domains, data.dir "/var/lib/bouncemx"), then
#   systemctl enable --now bouncemx
# Usage: systemd/install.sh [JAVA]   (JAVA: a java >= 21; default: the java on PATH; written into the unit)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
java=${1:-$(command -v java || true)}
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root" >&2; exit 2; }
[ -n "$java" ] && [ -x "$java" ] || { echo "install.sh: no java found; pass a JDK 21+ java as the argument" >&2; exit 2; }
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)
[ "${major%%.*}" -ge 21 ] 2>/dev/null || { echo "install.sh: $java is Java $major; bouncemx needs 21 or newer" >&2; exit 2; }
[ -f "$top/target/bouncemx.jar" ] || { echo "install.sh: build first: .ci/mvn -DskipTests package" >&2; exit 2; }

id bouncemx >/dev/null 2>&1 || useradd --system --home /var/lib/bouncemx --shell /usr/sbin/nologin bouncemx
install -D -m 0644 "$top/target/bouncemx.jar" /opt/bouncemx/bouncemx.jar
install -D -m 0644 "$top/README.md" /opt/bouncemx/README.md
if [ ! -e /etc/bouncemx/bouncemx.yml ]; then
  install -D -m 0640 -g bouncemx "$top/conf/bouncemx.yml" /etc/bouncemx/bouncemx.yml
fi
install -D -m 0644 "$top/conf/logback.xml" /etc/bouncemx/logback.xml
sed "s#/usr/bin/java#$java#g" "$here/bouncemx.service" > /etc/systemd/system/bouncemx.service
chmod 0644 /etc/systemd/system/bouncemx.service
systemctl daemon-reload
"$java" -jar /opt/bouncemx/bouncemx.jar check-config --config /etc/bouncemx/bouncemx.yml
echo "installed; edit /etc/bouncemx/bouncemx.yml, then: systemctl enable --now bouncemx"
