#!/usr/bin/env bash
# Mutation testing of the engine's core packages (dev.vigil.engine.{operation,status,check,lane,monitor})
# with PIT: how many small injected bugs the tests catch. Two runs, each with PIT's DEFAULTS mutators:
#   simulation  the simulation module's tests (lockstep with the model, exploration, the CLI) as killers
#   engine      the engine's own tests (implementation/src/test)
# Not part of ./mvnw verify: with about 660 mutants since the multi-node code, the engine run takes
# about 30 minutes on two cores; the simulation run is far slower, since every surviving mutant runs
# every simulation test that covers it (about four minutes): 9 to 29 s of wall time per mutant on
# two quiet cores, three and a half to five hours in all, so run it in pieces (--package, --class, several names each,
# comma separated; copy target/mutation/ away between pieces). Results go to
# target/mutation/ (PIT's mutations.xml per run, summary.csv, summary.json, survivors.csv).
# Usage: stress/mutation.sh [--runs simulation,engine] [--package NAME,…] [--class NAME,…] [--threads N]
#        [--timeout-factor F] [--timeout-const MS] [--no-build]        (--help for details)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
me=stress/mutation.sh

usage() {
  cat <<EOF
usage: $me [options]
  --runs LIST          which runs, comma separated: simulation, engine (default: simulation,engine)
  --package NAME[,NAME] only these packages: operation, status, check, lane, monitor (or dev.vigil.engine.NAME)
  --class NAME[,NAME]  only these classes, e.g. EnhancedMonitorChecker or dev.vigil.engine.check.EnhancedMonitorChecker
  --threads N          PIT's test threads (default 2: the machine has two cores)
  --timeout-factor F   a mutant times out after F × the test's normal time + the constant (default 2.0)
  --timeout-const MS   (default 10000)
  --no-build           use the classes already in */target (after a build of the same sources)
Writes target/mutation/{simulation,engine}/mutations.xml, target/mutation/summary.{csv,json} and
target/mutation/survivors.csv, and prints killed / survived / no coverage / timed out per class.
EOF
}

die() {
  echo "$me: $*" >&2
  exit 2
}

runs="simulation,engine"
package=""
class=""
threads=2
timeout_factor=2.0
timeout_const=10000
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --runs|--package|--class|--threads|--timeout-factor|--timeout-const)
      [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value (see --help)"
      case "$1" in
        --runs) runs="$2" ;;
        --package) package="$2" ;;
        --class) class="$2" ;;
        --threads) threads="$2" ;;
        --timeout-factor) timeout_factor="$2" ;;
        --timeout-const) timeout_const="$2" ;;
      esac
      shift 2 ;;
    --no-build) build=0; shift ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

[[ "$threads" =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive whole number, not '$threads'"
[[ "$timeout_const" =~ ^[0-9]+$ ]] || die "--timeout-const must be milliseconds, not '$timeout_const'"
[[ "$timeout_factor" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--timeout-factor must be a number such as 2.0, not '$timeout_factor'"
IFS=',' read -r -a run_list <<< "$runs"
[ ${#run_list[@]} -gt 0 ] || die "--runs is empty"
for run in "${run_list[@]}"; do
  case "$run" in
    simulation|engine) ;;
    *) die "unknown run '$run'; the runs are simulation and engine" ;;
  esac
done

packages=(operation status check lane monitor)
sources="$root/implementation/src/main/java"
if [ -n "$class" ]; then
  [ -z "$package" ] || die "give --package or --class, not both"
  targets=""
  scope=""
  IFS=',' read -r -a class_list <<< "$class"
  for one in "${class_list[@]}"; do
    name="${one##*.}"
    found=()
    for p in "${packages[@]}"; do
      [ -f "$sources/dev/vigil/engine/$p/$name.java" ] && found+=("dev.vigil.engine.$p.$name")
    done
    [ ${#found[@]} -eq 1 ] || die "no class '$one' in dev.vigil.engine.{operation,status,check,lane,monitor} (the packages this measures)"
    [[ "$one" != *.* ]] || [ "$one" = "${found[0]}" ] || die "no class '$one'; did you mean ${found[0]}?"
    # The class and its nested classes (lambdas are methods of the class itself).
    targets="$targets${targets:+,}${found[0]},${found[0]}\$*"
    scope="$scope${scope:+, }${found[0]}"
  done
elif [ -n "$package" ]; then
  targets=""
  scope=""
  IFS=',' read -r -a package_list <<< "$package"
  for one in "${package_list[@]}"; do
    one="${one#dev.vigil.engine.}"
    [[ " ${packages[*]} " == *" $one "* ]] || die "unknown package '$one'; the packages are ${packages[*]}"
    targets="$targets${targets:+,}dev.vigil.engine.$one.*"
    scope="$scope${scope:+, }dev.vigil.engine.$one"
  done
else
  targets=$(printf 'dev.vigil.engine.%s.*,' "${packages[@]}")
  targets="${targets%,}"
  scope="dev.vigil.engine.{operation,status,check,lane,monitor}"
fi

vigil_script=$me
# shellcheck source=../.ci/jdk.sh
source "$root/.ci/jdk.sh"
[ -x "$JAVA_HOME/bin/javac" ] || die "needs a JDK, not a JRE: $JAVA_HOME has no javac"
[ -x "$root/mvnw" ] || die "the Maven wrapper $root/mvnw is missing or not executable"

out="$root/target/mutation"
mkdir -p "$out"
say() { echo "$me: $*" >&2; }
started=$SECONDS
elapsed() { printf '%d:%02d' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)); }

cd "$root"
if [ "$build" = 1 ]; then
  say "compiling the engine, the simulation and their tests (./mvnw test-compile)…"
  ./mvnw -B -q -pl simulation -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/mutation-classpath.txt >"$out/build.log" 2>&1 \
    || { tail -n 30 "$out/build.log" >&2; die "the build failed (whole log: $out/build.log)"; }
fi
for module in implementation simulation; do
  [ -f "$root/$module/target/mutation-classpath.txt" ] && [ -d "$root/$module/target/test-classes" ] \
    || die "$module is not built for this; run without --no-build"
done

say "resolving PIT 1.30.2 and its JUnit 5 plugin 1.2.3 (stress/mutation/pom.xml)…"
./mvnw -B -q -f stress/mutation/pom.xml dependency:build-classpath -Dmdep.outputFile="$out/pit-classpath.txt" >"$out/resolve.log" 2>&1 \
  || { tail -n 20 "$out/resolve.log" >&2; die "cannot resolve PIT from the Maven repository (whole log: $out/resolve.log)"; }

# PIT counts progress by unit of work; units of 10 mutants make that count move (one unit per
# class, the default, shows 0 for minutes) for about a second of JVM start-up each.
unit_size=10

# PIT leaves alone every line that calls these classes: its defaults (the common logging
# libraries) plus System.Logger, which the engine logs through. A removed log call changes no
# return value, store row or event, so mutating it only adds survivors no test could kill.
avoid_calls='java.util.logging,org.apache.log4j,org.slf4j,org.apache.commons.logging,java.lang.System$Logger'

# A test database given by the environment would make the engine run depend on the machine.
unset VIGIL_TEST_POSTGRES_URL

# run NAME MODULE TESTS: PIT mutates the engine's classes (implementation/target/classes) and
# challenges each mutant with MODULE's tests. It runs in the module's folder, as Surefire does:
# some tests read files relative to it.
run_pit() {
  local name=$1 module=$2 tests=$3 dir="$out/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  {
    echo "$root/$module/target/test-classes"
    echo "$root/$module/target/classes"
    tr ':' '\n' < "$root/$module/target/mutation-classpath.txt"
  } > "$dir/classpath.txt"
  say "[$name] mutating $scope with the $name tests ($tests), $threads threads; log: $dir/pit.log"
  local status=0
  : > "$dir/pit.log"
  (cd "$root/$module" && "$JAVA_HOME/bin/java" -cp "$(cat "$out/pit-classpath.txt")" \
    org.pitest.mutationtest.commandline.MutationCoverageReport \
    --reportDir "$dir" --timestampedReports=false --outputFormats XML,CSV,HTML \
    --targetClasses "$targets" --targetTests "$tests" \
    --sourceDirs "$sources" --classPathFile "$dir/classpath.txt" --mutableCodePaths "$root/implementation/target/classes" \
    --mutators DEFAULTS --avoidCallsTo "$avoid_calls" --threads "$threads" --timeoutFactor "$timeout_factor" --timeoutConst "$timeout_const" \
    --mutationUnitSize "$unit_size" \
    --verbosity NO_SPINNER --features='+progress(interval[30])' \
    --jvmArgs="-Xmx2g,-Xss4m,-XX:+UseSerialGC,--enable-native-access=ALL-UNNAMED,-Djava.util.logging.config.file=$root/stress/mutation/logging.properties" \
    ) > "$dir/pit.log" 2>&1 &
  local pit=$!
  # Progress: PIT's milestones, and every 30 s its count of finished mutants (counted by unit).
  tail -n +1 -F --pid="$pit" "$dir/pit.log" 2>/dev/null | while IFS= read -r line; do
    case "$line" in
      *"Calculated coverage in"*|*"mutation test units"|*"mutations completed"*|*"Completed in"*|*"did not pass without mutation"*)
        say "[$name $(elapsed)] ${line#*PIT >> }" ;;
    esac
  done
  wait "$pit" || status=$?
  if [ "$status" -ne 0 ] || [ ! -f "$dir/mutations.xml" ]; then
    grep -E 'SEVERE|Exception|Error' "$dir/pit.log" | grep -v MINION | head -n 15 >&2 || true
    die "PIT failed in the $name run (exit $status); whole log: $dir/pit.log"
  fi
}

for run in "${run_list[@]}"; do
  case "$run" in
    simulation) run_pit simulation simulation 'dev.vigil.simulation.*' ;;
    engine) run_pit engine implementation 'dev.vigil.engine.*' ;;
  esac
done

say "done in $(elapsed); $scope"
"$JAVA_HOME/bin/java" "$root/stress/mutation/MutationSummary.java" "$out" "${run_list[@]}"
echo "targets: ≥ 90 % killed by the simulation tests, ≥ 80 % by the engine's tests (timed-out mutants are not kills)"
