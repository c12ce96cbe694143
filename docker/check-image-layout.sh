#!/usr/bin/env bash
# Checks docker/ against the repository without a Docker engine (CI has none).
#
#     ./mvnw -q -DskipTests package      # produces demo-war/target/demo.war
#     docker/check-image-layout.sh
#
# What it checks, each as one line "ok" or "FAIL" (it reports every problem, not just the
# first, and exits 1 if there was any):
#   - every COPY source in docker/Dockerfile exists in the repository (the build context is the
#     repository root), and every COPY --from=<stage> source is produced by the Maven build;
#   - every module of the root pom.xml is copied (Maven refuses to run with one missing);
#   - the WAR is where the Dockerfile copies it from, and its web.xml declares the filter;
#   - the entrypoint script is executable, parses (sh -n), and is what ENTRYPOINT runs;
#   - server.xml is well-formed and takes its port from ${port.http};
#   - the image runs as a non-root USER, EXPOSEs 8080 and bakes in no secret via ENV/ARG;
#   - compose.yaml parses as YAML (minimal checks when python3's yaml module is missing) and
#     its build context, Dockerfile and mounted files exist;
#   - nginx.conf balances across both replicas without stickiness (and passes `nginx -t` when
#     an nginx binary is installed).
# Needs only bash, grep and sed; uses python3, xmllint, unzip, nginx, shellcheck when present.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 2

DOCKERFILE=docker/Dockerfile
COMPOSE=docker/compose.yaml
NGINX_CONF=docker/nginx.conf
SERVER_XML=docker/tomcat/server.xml
ENTRYPOINT_SRC=docker/entrypoint.sh
FILTER_CLASS=io.github.sessionfilter.RedisSessionFilter

passed=0
failed=0
ok()   { passed=$((passed + 1)); printf 'ok    %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$*"; }
note() { printf '      %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
have_python_module() { have python3 && python3 -c "import $1" >/dev/null 2>&1; }

finish() {
  echo
  echo "check-image-layout: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

if [ ! -f "$DOCKERFILE" ]; then
  fail "$DOCKERFILE not found (run from a checkout of the repository)"
  finish
fi

# --- Read the Dockerfile: stages, their WORKDIR, and the COPY instructions ------------------
# Instructions are matched case-insensitively, as Docker does. COPY lines must stay on one
# line and in shell form, which keeps them readable and this parser honest.
declare -A stage_workdir=()
copy_lines=()    # "stage|from|src1 src2 ...|dest"
stage=""
stage_index=0
while IFS= read -r line || [ -n "$line" ]; do
  trimmed="${line#"${line%%[![:space:]]*}"}"
  keyword="$(printf '%s' "$trimmed" | awk '{print toupper($1)}')"
  case "$keyword" in
    FROM)
      stage_index=$((stage_index + 1))
      # "FROM image AS name" names the stage; otherwise Docker numbers it from 0.
      stage="$(printf '%s' "$trimmed" | awk 'toupper($(NF-1)) == "AS" {print $NF}')"
      [ -n "$stage" ] || stage="$((stage_index - 1))"
      stage_workdir[$stage]="/"
      ;;
    WORKDIR)
      stage_workdir[$stage]="$(printf '%s' "$trimmed" | awk '{print $2}')"
      ;;
    COPY | ADD)
      if [ "$keyword" = ADD ]; then
        fail "Dockerfile uses ADD (use COPY; ADD fetches URLs and unpacks archives): $trimmed"
        continue
      fi
      case "$trimmed" in
        *\\) fail "COPY continued over several lines (keep each COPY on one line): $trimmed"; continue ;;
      esac
      read -r -a words <<<"$trimmed"
      from=""
      args=()
      for word in "${words[@]:1}"; do
        case "$word" in
          --from=*) from="${word#--from=}" ;;
          --*) ;;
          *) args+=("$word") ;;
        esac
      done
      if [ "${#args[@]}" -lt 2 ] || [[ "${args[0]}" == \[* ]]; then
        fail "COPY not in the simple shell form 'COPY [--flags] src... dest': $trimmed"
        continue
      fi
      dest="${args[${#args[@]}-1]}"
      unset 'args[${#args[@]}-1]'
      copy_lines+=("$stage|$from|${args[*]}|$dest")
      ;;
  esac
done <"$DOCKERFILE"

if [ "${#copy_lines[@]}" -eq 0 ]; then
  fail "no COPY instruction found in $DOCKERFILE"
fi

# --- COPY sources -----------------------------------------------------------------------------
copied_from_context=()   # repository paths copied from the build context, without trailing /
for entry in "${copy_lines[@]}"; do
  IFS='|' read -r _ cfrom csources cdest <<<"$entry"
  for src in $csources; do
    if [ -z "$cfrom" ]; then
      path="${src%/}"
      path="${path#./}"
      if [ -e "$path" ]; then
        ok "COPY $src exists in the repository"
      else
        fail "COPY $src: no such file or folder at the repository root ($ROOT/$path); the build context is the repository root"
      fi
      copied_from_context+=("$path")
    elif [ -n "${stage_workdir[$cfrom]+set}" ]; then
      # From an earlier stage of this Dockerfile: map the stage's WORKDIR back onto the
      # repository root, since that stage copied the repository there and ran Maven.
      workdir="${stage_workdir[$cfrom]%/}"
      case "$src" in
        "$workdir"/*) path="${src#"$workdir"/}" ;;
        *)
          fail "COPY --from=$cfrom $src: not under that stage's WORKDIR $workdir, cannot map it to the repository"
          continue
          ;;
      esac
      if compgen -G "$path" > /dev/null; then  # COPY takes wildcards; so does this check
        ok "COPY --from=$cfrom $src is produced by the build ($path)"
      else
        fail "COPY --from=$cfrom $src: $path does not exist; build it first with: ./mvnw -q -DskipTests package"
      fi
    else
      note "COPY --from=$cfrom $src comes from another image; not checked"
    fi
  done
done

is_copied() {
  local wanted="$1" p
  for p in "${copied_from_context[@]}"; do
    [ "$p" = "$wanted" ] && return 0
  done
  return 1
}

# --- Maven modules ---------------------------------------------------------------------------
for required in pom.xml .mvn; do
  if is_copied "$required"; then
    ok "the build stage copies $required"
  else
    fail "the build stage does not copy $required"
  fi
done
# Modules of the default build only: those listed inside <profiles> (benchmarks) are not built in the image.
modules="$(sed '/<profiles>/,/<\/profiles>/d' pom.xml | sed -n 's:.*<module>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</module>.*:\1:p')"
if [ -z "$modules" ]; then
  fail "no <module> found in the root pom.xml"
fi
for module in $modules; do
  if ! is_copied "$module"; then
    fail "root pom.xml lists module '$module' but $DOCKERFILE does not COPY it (Maven would stop with 'Child module ... does not exist')"
  elif [ ! -f "$module/pom.xml" ]; then
    fail "module '$module' is copied but has no pom.xml"
  else
    ok "module $module is copied into the build stage"
  fi
done

# --- The WAR ---------------------------------------------------------------------------------
war_src="$(grep -iE '^[[:space:]]*COPY[[:space:]]+--from=' "$DOCKERFILE" | grep -oE '[^[:space:]]+\.war' | head -n 1)"
war=""
for entry in "${copy_lines[@]}"; do
  IFS='|' read -r _ cfrom csources cdest <<<"$entry"
  if [ -n "$cfrom" ] && [ "$csources" = "$war_src" ] && [ -n "${stage_workdir[$cfrom]+set}" ]; then
    war="${csources#"${stage_workdir[$cfrom]%/}"/}"
    war_dest="$cdest"
  fi
done

# Prints one entry of a zip file to stdout, with whichever tool this machine has.
zip_entry() {
  local archive="$1" name="$2"
  if have python3; then
    python3 - "$archive" "$name" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    sys.stdout.write(z.read(sys.argv[2]).decode("utf-8", "replace"))
PY
  elif have unzip; then
    unzip -p "$archive" "$name"
  else
    return 3
  fi
}

if [ -z "$war" ]; then
  fail "no 'COPY --from=<build stage> .../<name>.war' found in $DOCKERFILE"
elif [ ! -e "$war" ]; then
  note "the WAR's content was not checked: $war is missing (see above)"
elif [ ! -s "$war" ]; then
  fail "WAR $war is empty; rebuild it with: ./mvnw -q -DskipTests package"
else
  case "$war_dest" in
    */webapps/ROOT.war | webapps/ROOT.war) ok "the WAR is deployed as webapps/ROOT.war (context path /)" ;;
    *) fail "the WAR is copied to $war_dest, expected webapps/ROOT.war" ;;
  esac
  web_xml="$(zip_entry "$war" WEB-INF/web.xml 2>/dev/null)"
  status=$?
  if [ "$status" -eq 3 ]; then
    note "neither python3 nor unzip found; the WAR's content was not checked"
  elif [ "$status" -ne 0 ] || [ -z "$web_xml" ]; then
    fail "$war is not a WAR with a WEB-INF/web.xml"
  elif printf '%s' "$web_xml" | grep -q "$FILTER_CLASS"; then
    ok "$war has WEB-INF/web.xml declaring $FILTER_CLASS"
  else
    fail "$war: WEB-INF/web.xml does not declare $FILTER_CLASS, so the image would run without Redis sessions"
  fi
fi

# --- Entrypoint ------------------------------------------------------------------------------
entry_dest=""
for entry in "${copy_lines[@]}"; do
  IFS='|' read -r _ cfrom csources cdest <<<"$entry"
  [ -z "$cfrom" ] && [ "${csources#./}" = "$ENTRYPOINT_SRC" ] && entry_dest="$cdest"
done
if [ ! -f "$ENTRYPOINT_SRC" ]; then
  fail "$ENTRYPOINT_SRC not found"
else
  if [ -z "$entry_dest" ]; then
    fail "$DOCKERFILE does not COPY $ENTRYPOINT_SRC"
  elif grep -iE '^[[:space:]]*ENTRYPOINT[[:space:]]' "$DOCKERFILE" | grep -qF "\"$entry_dest\""; then
    ok "ENTRYPOINT runs $entry_dest (from $ENTRYPOINT_SRC)"
  else
    fail "ENTRYPOINT does not run $entry_dest, where $ENTRYPOINT_SRC is copied"
  fi
  if sh -n "$ENTRYPOINT_SRC"; then
    ok "$ENTRYPOINT_SRC parses (sh -n)"
  else
    fail "$ENTRYPOINT_SRC does not parse (sh -n)"
  fi
  # The Dockerfile also chmods it, but a script that is not executable in git is a trap for
  # anyone copying it elsewhere; git's mode is what a fresh clone gets.
  mode=""
  if have git && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mode="$(git ls-files -s -- "$ENTRYPOINT_SRC" | awk '{print $1}')"
  fi
  if [ -x "$ENTRYPOINT_SRC" ] && { [ -z "$mode" ] || [ "$mode" = 100755 ]; }; then
    ok "$ENTRYPOINT_SRC is executable${mode:+ (git mode $mode)}"
  else
    fail "$ENTRYPOINT_SRC is not executable (chmod +x; git update-index --chmod=+x)"
  fi
  if grep -q -- '-Dport.http=' "$ENTRYPOINT_SRC"; then
    ok "$ENTRYPOINT_SRC passes \$PORT to Tomcat as -Dport.http"
  else
    fail "$ENTRYPOINT_SRC does not set -Dport.http, which $SERVER_XML reads"
  fi
fi

# --- server.xml ------------------------------------------------------------------------------
if [ ! -f "$SERVER_XML" ]; then
  fail "$SERVER_XML not found"
else
  if have xmllint; then
    if xmllint --noout "$SERVER_XML" 2>/dev/null; then ok "$SERVER_XML is well-formed XML (xmllint)"; else fail "$SERVER_XML is not well-formed XML (xmllint --noout)"; fi
  elif have python3; then
    if python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$SERVER_XML" 2>/dev/null; then ok "$SERVER_XML is well-formed XML (python3)"; else fail "$SERVER_XML is not well-formed XML"; fi
  else
    note "neither xmllint nor python3 found; $SERVER_XML was not parsed"
  fi
  # shellcheck disable=SC2016 # a literal ${port.http}, which Tomcat (not the shell) expands
  if grep -qF 'port="${port.http}"' "$SERVER_XML"; then
    ok "$SERVER_XML takes the connector port from \${port.http}"
  else
    fail "$SERVER_XML has no Connector port=\"\${port.http}\"; Cloud Run's \$PORT would be ignored"
  fi
fi

# --- Dockerfile hygiene ----------------------------------------------------------------------
last_user="$(grep -iE '^[[:space:]]*USER[[:space:]]' "$DOCKERFILE" | tail -n 1 | awk '{print $2}')"
case "$last_user" in
  "") fail "$DOCKERFILE sets no USER: the server would run as root" ;;
  root | 0 | root:* | 0:*) fail "$DOCKERFILE's last USER is $last_user (root)" ;;
  *) ok "the image runs as non-root USER $last_user" ;;
esac
if grep -iqE '^[[:space:]]*EXPOSE[[:space:]].*\b8080\b' "$DOCKERFILE"; then
  ok "$DOCKERFILE EXPOSEs 8080"
else
  fail "$DOCKERFILE does not EXPOSE 8080"
fi
secret_lines="$(grep -inE '^[[:space:]]*(ENV|ARG)[[:space:]].*(SESSION_JWT_KEYS|SESSION_REDIS_URI|PASSWORD|SECRET|TOKEN)' "$DOCKERFILE")"
if [ -z "$secret_lines" ]; then
  ok "no ENV/ARG in $DOCKERFILE names a secret (keys, Redis URI, passwords)"
else
  fail "$DOCKERFILE bakes secret-looking settings into the image: $secret_lines"
fi

# --- compose.yaml ----------------------------------------------------------------------------
if [ ! -f "$COMPOSE" ]; then
  fail "$COMPOSE not found"
elif have_python_module yaml; then
  # Prints "ok|..." / "fail|..." lines; the shell turns them into results.
  while IFS='|' read -r verdict message; do
    case "$verdict" in
      ok) ok "$message" ;;
      fail) fail "$message" ;;
      *) fail "compose check: $verdict $message" ;;
    esac
  done < <(python3 - "$COMPOSE" <<'PY'
import os, sys, yaml

path = sys.argv[1]
base = os.path.dirname(path)
try:
    with open(path) as f:
        doc = yaml.safe_load(f)
except yaml.YAMLError as e:
    print("fail|%s does not parse as YAML: %s" % (path, str(e).replace("\n", " ")))
    sys.exit(0)
print("ok|%s parses as YAML" % path)
services = (doc or {}).get("services") or {}
for name in ("redis", "demo1", "demo2", "proxy"):
    if name not in services:
        print("fail|%s has no service '%s'" % (path, name))
for name in ("demo1", "demo2"):
    svc = services.get(name) or {}
    build = svc.get("build") or {}
    if not isinstance(build, dict) or "context" not in build or "dockerfile" not in build:
        print("fail|%s: service %s needs build.context and build.dockerfile" % (path, name))
        continue
    context = os.path.normpath(os.path.join(base, build["context"]))
    dockerfile = os.path.join(context, build["dockerfile"])
    if os.path.isfile(os.path.join(context, "pom.xml")) and os.path.isfile(dockerfile):
        print("ok|%s: %s builds %s with the repository root as context" % (path, name, build["dockerfile"]))
    else:
        print("fail|%s: %s's build context %s is not the repository root, or %s is missing" % (path, name, build["context"], build["dockerfile"]))
    env = svc.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    missing = [k for k in ("SESSION_REDIS_URI", "SESSION_JWT_KEYS") if not env.get(k)]
    if missing:
        print("fail|%s: %s lacks %s" % (path, name, ", ".join(missing)))
    elif str(env.get("SESSION_COOKIE_SECURE", "")).lower() != "never":
        print("fail|%s: %s must set SESSION_COOKIE_SECURE=never (plain http on localhost)" % (path, name))
    else:
        print("ok|%s: %s sets SESSION_REDIS_URI, SESSION_JWT_KEYS, SESSION_COOKIE_SECURE=never" % (path, name))
for name, svc in services.items():
    for volume in (svc or {}).get("volumes") or []:
        source = volume.split(":", 1)[0] if isinstance(volume, str) else (volume or {}).get("source", "")
        if source.startswith("."):
            if os.path.exists(os.path.join(base, source)):
                print("ok|%s: %s mounts %s, which exists" % (path, name, source))
            else:
                print("fail|%s: %s mounts %s, which does not exist next to it" % (path, name, source))
PY
)
else
  # No YAML parser: check what a line-based look can tell.
  note "python3 with the yaml module not found; minimal checks of $COMPOSE only"
  if grep -q "$(printf '\t')" "$COMPOSE"; then
    fail "$COMPOSE contains tab characters (YAML forbids tabs for indentation)"
  else
    ok "$COMPOSE has no tabs"
  fi
  for needle in '^services:' '^  redis:' '^  demo1:' '^  demo2:' '^  proxy:' 'dockerfile: docker/Dockerfile' 'context: \.\.$' '\./nginx\.conf:' 'SESSION_COOKIE_SECURE: never'; do
    if grep -qE "$needle" "$COMPOSE"; then ok "$COMPOSE contains /$needle/"; else fail "$COMPOSE lacks /$needle/"; fi
  done
fi

# --- nginx.conf ------------------------------------------------------------------------------
if [ ! -f "$NGINX_CONF" ]; then
  fail "$NGINX_CONF not found"
else
  # Comments stripped, so a commented-out line neither counts nor trips the checks.
  conf="$(sed 's/#.*$//' "$NGINX_CONF")"
  for replica in demo1 demo2; do
    if printf '%s\n' "$conf" | grep -qE "^[[:space:]]*server[[:space:]]+$replica:8080([[:space:]]|;)"; then
      ok "$NGINX_CONF sends traffic to $replica:8080"
    else
      fail "$NGINX_CONF has no 'server $replica:8080' in its upstream"
    fi
  done
  sticky="$(printf '%s\n' "$conf" | grep -nE '^[[:space:]]*(ip_hash|hash|sticky)\b')"
  if [ -z "$sticky" ]; then
    ok "$NGINX_CONF has no ip_hash/hash/sticky (round robin, like Cloud Run without affinity)"
  else
    fail "$NGINX_CONF makes sessions sticky, which hides the problem the demo shows: $sticky"
  fi
  if printf '%s\n' "$conf" | grep -qE '^[[:space:]]*listen[[:space:]]+8080\b'; then
    ok "$NGINX_CONF listens on 8080"
  else
    fail "$NGINX_CONF does not listen on 8080 (compose.yaml publishes 8080:8080)"
  fi
  opens="$(printf '%s' "$conf" | tr -cd '{' | wc -c)"
  closes="$(printf '%s' "$conf" | tr -cd '}' | wc -c)"
  if [ "$opens" -eq "$closes" ]; then
    ok "$NGINX_CONF braces balance"
  else
    fail "$NGINX_CONF has $opens '{' but $closes '}'"
  fi
  if have nginx; then
    # The replicas' names only resolve inside compose, and "resolve" needs nginx 1.27.3+:
    # test a copy with loopback addresses and without "resolve", so any nginx can check the
    # rest of the syntax.
    tmp="$(mktemp -d)"
    sed -e 's/\bdemo[12]:8080/127.0.0.1:8080/' -e 's/[[:space:]]resolve;/;/' "$NGINX_CONF" >"$tmp/nginx.conf"
    if out="$(nginx -t -p "$tmp" -c "$tmp/nginx.conf" -g "pid $tmp/nginx.pid;" 2>&1)"; then
      ok "$NGINX_CONF passes nginx -t ($(nginx -v 2>&1 | sed 's/^nginx version: //'))"
    else
      fail "$NGINX_CONF fails nginx -t: $(printf '%s' "$out" | tr '\n' ' ')"
    fi
    rm -rf "$tmp"
  else
    note "nginx not installed; $NGINX_CONF syntax not checked by nginx -t"
  fi
fi

# --- Optional lint ---------------------------------------------------------------------------
if have shellcheck; then
  if out="$(shellcheck -s sh "$ENTRYPOINT_SRC" 2>&1)"; then
    ok "$ENTRYPOINT_SRC passes shellcheck"
  else
    fail "$ENTRYPOINT_SRC fails shellcheck: $out"
  fi
else
  note "shellcheck not installed; skipped"
fi

finish
