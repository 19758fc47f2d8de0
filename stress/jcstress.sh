#!/usr/bin/env bash
# Runs Vigil's jcstress tests through the gate (dev.vigil.stress.jcstress.JcstressGate) in MODE:
#   stress/jcstress.sh [sanity|quick|default|tough|stress] [gate options...] [-- jcstress options...]
# Needs the shaded jar: ./mvnw -B -pl stress -am package -DskipTests (add -Dvigil.buildSuffix=X and
# set VIGIL_BUILD_SUFFIX=X if you build into target-X). Results: stress/target*/jcstress-MODE/.
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-quick}
[ $# -gt 0 ] && shift
target="target${VIGIL_BUILD_SUFFIX:-}"
jar="$target/jcstress.jar"
if [ ! -f "$jar" ]; then
  echo "stress/jcstress.sh: $jar is missing; build it first: ./mvnw -B -pl stress -am package -DskipTests" >&2
  exit 2
fi
vigil_script=jcstress.sh
# shellcheck source=../.ci/jdk.sh
source ../.ci/jdk.sh
java="$JAVA_HOME/bin/java"
exec "$java" -cp "$jar" dev.vigil.stress.jcstress.JcstressGate \
  --jar "$jar" --mode "$mode" --results "$target/jcstress-$mode" "$@"
