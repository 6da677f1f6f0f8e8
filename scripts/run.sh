#!/usr/bin/env bash
# Starts StemSafe: the action server, the Rasa server (REST + socket.io) and prints how to talk to it.
# Called by `make run` once the venv and the model exist. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD" TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}" RASA_TELEMETRY_ENABLED=false
ACTION_PORT="${ACTION_PORT:-5055}"
RASA_PORT="${RASA_PORT:-5005}"
WEB_PORT="${WEB_PORT:-8000}"
HOST="${STEMSAFE_HOST:-127.0.0.1}"
export STEMSAFE_PUBLIC_URL="${STEMSAFE_PUBLIC_URL:-http://$HOST:$WEB_PORT}"  # report links
export STEMSAFE_SOCKET_URL="${STEMSAFE_SOCKET_URL:-http://$HOST:$RASA_PORT}"  # where the widget connects
export ACTION_SERVER_URL="${ACTION_SERVER_URL:-http://127.0.0.1:$ACTION_PORT/webhook}"
export SANIC_HOST=127.0.0.1          # the action server listens on loopback only
export SANIC_REQUEST_MAX_SIZE=1000000 # 1 MB: no request body larger than that is read
mkdir -p var
.venv/bin/python -m channels.config var/credentials.yml
.venv/bin/python -m stores.endpoints var/endpoints.yml >/dev/null
.venv/bin/python -m stores.retention var/endpoints.yml
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

wait_for() {  # url name pid
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then echo "$2 stopped; see var/$2.log" >&2; tail -20 "var/$2.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "$2 did not start in 120 s; see var/$2.log" >&2; exit 1
}

echo "Starting the action server on 127.0.0.1:$ACTION_PORT ..."
.venv/bin/rasa run actions --actions actions --port "$ACTION_PORT" >var/actions.log 2>&1 &
pids+=($!); wait_for "http://127.0.0.1:$ACTION_PORT/health" actions "${pids[-1]}"

echo "Starting the chat page and reports on $HOST:$WEB_PORT ..."
.venv/bin/python -m bot.web --host "$HOST" --port "$WEB_PORT" >var/web.log 2>&1 &
pids+=($!); wait_for "http://$HOST:$WEB_PORT/health" web "${pids[-1]}"

echo "Starting the Rasa server on $HOST:$RASA_PORT (about 30 s) ..."
.venv/bin/python -m runtime.serve run --model models/stemsafe.tar.gz --interface "$HOST" --port "$RASA_PORT" \
  --endpoints var/endpoints.yml --credentials var/credentials.yml --cors "http://$HOST:$WEB_PORT" >var/rasa.log 2>&1 &
pids+=($!); wait_for "http://$HOST:$RASA_PORT/" rasa "${pids[-1]}"

cat <<MSG

StemSafe is running.
  Chat page: http://$HOST:$WEB_PORT/   <- open this in a browser
  REST:      curl -s -XPOST http://$HOST:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"hi"}'
  socket.io: http://$HOST:$RASA_PORT/socket.io (path /socket.io)
  Reports:   $STEMSAFE_PUBLIC_URL/report/<token> (link given at the end of a clinic check)
  Terminal chat: make shell     Logs: var/actions.log, var/rasa.log     Stop: Ctrl-C
MSG
wait -n "${pids[@]}"
