# Sourced by .ci/run, ./vigil, stress/bench.sh and stress/jcstress.sh: selects a JDK 21 or newer
# (JAVA_HOME if it is one, else a known install) and exports JAVA_HOME, PATH and, for JDK 24+,
# MAVEN_OPTS that quiet Maven's sun.misc.Unsafe warning. On failure it prints why, prefixed with
# the caller's name ($vigil_script), and exits 2.

vigil_pick_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
    if [ "${major:-0}" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

JAVA_HOME=$(vigil_pick_jdk) || { echo "${vigil_script:-vigil}: needs a JDK 21 or newer (set JAVA_HOME)" >&2; exit 2; }
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own libraries call sun.misc.Unsafe; JDK 24+ warns about it on every build. Quiet it
# there (older JDKs do not know the flag).
vigil_java_major=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
if [ "${vigil_java_major:-0}" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
fi
