# Sourced by stage/check-trace and stage/drill-alerts: HTTP helpers against the running native stage (through nginx)
# with the stage's admin account from .stage/stage.env.
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
RUN=${SURGE_STAGE_DIR:-$ROOT/.stage}
BASE=${SURGE_STAGE_URL:-http://127.0.0.1:8080}
WIREMOCK=${SURGE_STAGE_WIREMOCK:-http://127.0.0.1:8089}
PROMETHEUS=${SURGE_STAGE_PROMETHEUS:-http://127.0.0.1:9090}
ZIPKIN=${SURGE_STAGE_ZIPKIN:-http://127.0.0.1:9411}
BODY=$(mktemp)
trap 'rm -f "$BODY"' EXIT

say() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { printf '[%s] FAIL %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; exit 1; }

# call METHOD PATH [JSON] [TOKEN]: STATUS and $BODY; a 429 is retried after Retry-After (up to 5 times)
call() {
  local args=(-s -o "$BODY" -w '%{http_code}' --max-time 15 -X "$1" "$BASE$2") attempt
  [[ -n ${3:-} ]] && args+=(-H 'Content-Type: application/json' --data "$3")
  [[ -n ${4:-} ]] && args+=(-H "Authorization: Bearer $4")
  for attempt in 1 2 3 4 5; do
    STATUS=$(curl "${args[@]}") || STATUS=000
    [[ $STATUS == 429 ]] || return 0
    sleep 1
  done
}
json() { jq -r "$1" <"$BODY"; }
expect() { [[ $STATUS == "$1" ]] || die "$2: expected $1, got $STATUS $(head -c 300 "$BODY")"; }

admin_login() {
  [[ -f $RUN/stage.env ]] || die "no $RUN/stage.env: is the stage up (stage/run up)?"
  # shellcheck disable=SC1091
  source "$RUN/stage.env"
  call POST /api/auth/login "{\"email\":\"$SURGE_ADMIN_EMAIL\",\"password\":\"$SURGE_ADMIN_PASSWORD\"}"
  expect 200 "admin login"
  ADMIN_TOKEN=$(json .accessToken)
}

# new_member BALANCE: signs up and logs in a member (TOKEN, MEMBER_ID) with BALANCE in the wallet (admin credit;
# the member self-charge where that endpoint still answers)
new_member() {
  local email="drill-$(date +%s%N)@example.com"
  call POST /api/auth/signup "{\"email\":\"$email\",\"password\":\"drill-password-1\",\"name\":\"Drill\"}"
  expect 201 "signup"
  MEMBER_ID=$(json .memberId)
  call POST /api/auth/login "{\"email\":\"$email\",\"password\":\"drill-password-1\"}"
  expect 200 "login"
  TOKEN=$(json .accessToken)
  call POST "/api/admin/members/$MEMBER_ID/wallet/credit" "{\"amount\":$1}" "$ADMIN_TOKEN"
  if [[ $STATUS != 200 ]]; then
    call POST /api/members/me/wallet/charge "{\"amount\":$1}" "$TOKEN"
    expect 200 "wallet credit (admin) or charge (self)"
  fi
}

# stock_option: the first product option with stock (OPTION_ID)
stock_option() {
  local product
  call GET '/api/products?page=0&size=20' "" "$TOKEN"
  expect 200 "list products"
  for product in $(json '.content[].productId'); do
    call GET "/api/products/$product" "" "$TOKEN"
    OPTION_ID=$(json '[.options[] | select(.stock > 0)][0].optionId // empty')
    [[ -n $OPTION_ID ]] && return 0
  done
  die "no product option with stock"
}

# place_and_pay: an order of one OPTION_ID, paid (ORDER_ID)
place_and_pay() {
  call POST /api/orders "{\"items\":[{\"optionId\":$OPTION_ID,\"quantity\":1}]}" "$TOKEN"
  expect 201 "place order"
  ORDER_ID=$(json .orderId)
  call POST "/api/orders/$ORDER_ID/payment" "" "$TOKEN"
  expect 202 "pay order $ORDER_ID"
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every second
wait_until() {
  local limit=$1 what=$2 deadline=$((SECONDS + $1))
  shift 2
  until "$@"; do
    ((SECONDS < deadline)) || die "$what: not within ${limit}s"
    sleep 1
  done
}

# prom_query PROMQL: the instant vector's result array (JSON)
prom_query() { curl -s --max-time 5 -G "$PROMETHEUS/api/v1/query" --data-urlencode "query=$1" | jq -c '.data.result'; }
