#!/usr/bin/env bash
# Starts StemSafe: the action server, the Rasa server (REST + socket.io) and prints how to talk to it.
# Called by `make run` once the venv and the model exist. Ctrl-C stops everything.
# Each process is supervised: when one dies (a crash, the kernel's out-of-memory killer), it is started
# again after 1 s, then 2, 4 ... up to 30 s if it keeps dying, with a line saying so; the others keep
# running, and conversations go on from the tracker store where they were.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD" TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}" RASA_TELEMETRY_ENABLED=false
ACTION_PORT="${ACTION_PORT:-5055}"
RASA_PORT="${RASA_PORT:-5005}"
WEB_PORT="${WEB_PORT:-8000}"
HOST="${STEMSAFE_HOST:-127.0.0.1}"
case "$HOST" in
  127.*|localhost|::1) ;;
  *) if [ -z "${STEMSAFE_PUBLIC_URL:-}" ]; then  # report links and the page origin need the real address
       echo "STEMSAFE_HOST=$HOST is not loopback: set STEMSAFE_PUBLIC_URL to the https:// address people use" >&2
       exit 2
     fi ;;
esac
export STEMSAFE_PUBLIC_URL="${STEMSAFE_PUBLIC_URL:-http://$HOST:$WEB_PORT}"  # report links
export STEMSAFE_SOCKET_URL="${STEMSAFE_SOCKET_URL:-http://$HOST:$RASA_PORT}"  # where the widget connects
export ACTION_SERVER_URL="${ACTION_SERVER_URL:-http://127.0.0.1:$ACTION_PORT/webhook}"
export SANIC_HOST=127.0.0.1          # the action server listens on loopback only
export SANIC_REQUEST_MAX_SIZE=1000000 # 1 MB for the action server (trackers); the Rasa server lowers its own
                                      # to the largest channel limit (bot/entry_limits.py)
mkdir -p var
# Widget sessions are signed with this key (channels/widget_session.py): kept in var/ so that open
# conversations survive a restart; every replica must share it.
if [ -z "${STEMSAFE_SESSION_KEY:-}" ]; then
  [ -s var/session.key ] || (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_hex(32))' >var/session.key)
  STEMSAFE_SESSION_KEY="$(cat var/session.key)"
fi
export STEMSAFE_SESSION_KEY
export STEMSAFE_PAGE_ORIGINS="${STEMSAFE_PAGE_ORIGINS:-http://$HOST:$WEB_PORT}"  # who may open the widget's socket
.venv/bin/python -m channels.config var/credentials.yml
.venv/bin/python -m stores.endpoints var/endpoints.yml >/dev/null
.venv/bin/python -m stores.retention var/endpoints.yml
.venv/bin/python -m stores.channel_ids var/endpoints.yml  # conversations stored before <channel>:<id> ids
pids=()  # the supervisors
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# supervise NAME COMMAND...: runs COMMAND (output in var/NAME.log, its pid in var/NAME.pid) and starts it
# again whenever it exits, waiting 1, 2, 4 ... 30 s between starts (1 s again after a run of over a minute).
supervise() {
  local name=$1; shift
  local delay=1 child="" started status
  trap 'kill "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM INT
  : >"var/$name.log"
  while true; do
    started=$SECONDS
    "$@" >>"var/$name.log" 2>&1 &
    child=$!
    echo "$child" >"var/$name.pid"
    status=0; wait "$child" || status=$?
    if (( SECONDS - started > 60 )); then delay=1; fi
    echo "$(date -u +%H:%M:%S) $name stopped (exit status $status); restarting it in $delay s (see var/$name.log)"
    sleep "$delay" & wait $!
    delay=$(( delay * 2 > 30 ? 30 : delay * 2 ))
  done
}

wait_for() {  # url name: the first start; a process that dies while starting stops everything
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
    if ! kill -0 "$(cat "var/$2.pid" 2>/dev/null)" 2>/dev/null; then
      echo "$2 stopped while starting; see var/$2.log" >&2; tail -20 "var/$2.log" >&2; exit 1
    fi
  done
  echo "$2 did not start in 300 s; see var/$2.log" >&2; exit 1
}

echo "Starting the action server on 127.0.0.1:$ACTION_PORT ..."
supervise actions .venv/bin/rasa run actions --actions actions --port "$ACTION_PORT" &
pids+=($!); wait_for "http://127.0.0.1:$ACTION_PORT/health" actions

echo "Starting the chat page and reports on $HOST:$WEB_PORT ..."
supervise web .venv/bin/python -m bot.web --host "$HOST" --port "$WEB_PORT" &
pids+=($!); wait_for "http://$HOST:$WEB_PORT/health" web

echo "Starting the Rasa server on $HOST:$RASA_PORT (about 30 s) ..."
supervise rasa .venv/bin/python -m runtime.serve run --model models/stemsafe.tar.gz --interface "$HOST" \
  --port "$RASA_PORT" --endpoints var/endpoints.yml --credentials var/credentials.yml --cors "http://$HOST:$WEB_PORT" &
pids+=($!); wait_for "http://$HOST:$RASA_PORT/" rasa

if [ -n "${STEMSAFE_REST_TOKEN:-}" ]; then
  rest="curl -s http://$HOST:$RASA_PORT/webhooks/rest/webhook -H \"Authorization: Bearer \$STEMSAFE_REST_TOKEN\" -H 'Content-Type: application/json' -d '{\"sender\":\"me\",\"message\":\"hi\"}'"
else
  rest="off (set STEMSAFE_REST_TOKEN, 16+ characters, to turn it on with that bearer token)"
fi
cat <<MSG

StemSafe is running.
  Chat page: http://$HOST:$WEB_PORT/   <- open this in a browser
  REST:      $rest
  socket.io: http://$HOST:$RASA_PORT/socket.io (path /socket.io)
  Reports:   $STEMSAFE_PUBLIC_URL/report/<token> (link given at the end of a clinic check)
  Terminal chat: make shell     Logs: var/actions.log, var/rasa.log     Stop: Ctrl-C
  A process that stops is started again (a line here says so); the others keep running.
MSG
wait
