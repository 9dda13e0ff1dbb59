# Shared by the reliability drills (stage/drill-*): sourced, not run. A drill is: prepare (campaign, product, funded
# members, minted tokens) -> load in the background (stage/drill_load.py) -> break something with stage/run ->
# restore -> wait for the load -> stage/reconcile -> check that every coupon answered 201 and every order acknowledged
# exists exactly once -> one row in docs/reliability.md (stage/drill_report.py) and a verdict. Needs a running
# stage started with SURGE_STAGE_OWN_STORES=1 (stage/drill-all does both, under the stage lock).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN=${SURGE_STAGE_DIR:-$ROOT/.stage}
BASE=http://127.0.0.1:8080
export SURGE_STAGE_OWN_STORES=${SURGE_STAGE_OWN_STORES:-1}
if [[ $SURGE_STAGE_OWN_STORES == 1 ]]; then DB_PORT=3307 REDIS_PORT=6390; else DB_PORT=3306 REDIS_PORT=6379; fi
[[ -f $RUN/stage.env ]] || { echo "no stage at $RUN: run SURGE_STAGE_OWN_STORES=1 stage/run up first" >&2; exit 1; }
# shellcheck disable=SC1091
source "$RUN/stage.env"
T0=$SECONDS
say() { printf '[%s +%3ds] %s\n' "${DRILL:-drill}" $((SECONDS - T0)) "$*"; }
die() { say "FAILED: $*" >&2; exit 1; }
sql() { MYSQL_PWD=${SURGE_STAGE_DB_PASSWORD:-} mysql -h127.0.0.1 -P"$DB_PORT" -u"${SURGE_STAGE_DB_USER:-root}" -N -B "${SURGE_STAGE_DB:-surge_stage}" -e "$1"; }

# api METHOD PATH [JSON] [TOKEN] -> prints "STATUS BODY"
api() {
  local args=(-s -w '\n%{http_code}' --max-time 15 -X "$1" "$BASE$2")
  [[ -n ${3:-} ]] && args+=(-H 'Content-Type: application/json' --data "$3")
  [[ -n ${4:-} ]] && args+=(-H "Authorization: Bearer $4")
  local out
  out=$(curl "${args[@]}") || out=$'\n000'
  printf '%s %s\n' "${out##*$'\n'}" "${out%$'\n'*}"
}
ok_json() { [[ ${2%% *} == "$1" ]] || die "expected $1, got ${2:0:300}"; printf '%s' "${2#* }"; }

# drill_prepare NAME: campaign of COUPON_TOTAL, a product with plenty of stock, ORDER_MEMBERS funded members.
drill_prepare() {
  DRILL=$1
  OUT=$ROOT/target/drills/$DRILL
  rm -rf "$OUT" && mkdir -p "$OUT"
  ADMIN=$(ok_json 200 "$(api POST /api/auth/login "{\"email\":\"$SURGE_ADMIN_EMAIL\",\"password\":\"$SURGE_ADMIN_PASSWORD\"}")" | jq -r .accessToken)
  local starts ends
  starts=$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ) ends=$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)
  COUPON_TOTAL=${COUPON_TOTAL:-50000}
  COUPON=$(ok_json 201 "$(api POST /api/admin/coupons "{\"name\":\"drill $DRILL\",\"discountType\":\"AMOUNT\",\"discountValue\":1,\"totalQuantity\":$COUPON_TOTAL,\"issueStartsAt\":\"$starts\",\"issueEndsAt\":\"$ends\",\"validDays\":1}" "$ADMIN")" | jq -r .couponId)
  sql "INSERT INTO product (name, description, category, price, created_at) VALUES ('drill $DRILL $(date +%s)', 'drill', 'drill', 100, NOW(6))"
  local product
  product=$(sql "SELECT MAX(id) FROM product")
  sql "INSERT INTO product_option (product_id, name, price, stock) VALUES ($product, 'drill', 100, 1000000)"
  OPTION=$(sql "SELECT MAX(id) FROM product_option")
  : >"$OUT/order-tokens.txt"
  local i email token member credited
  for i in $(seq 1 "${ORDER_MEMBERS:-12}"); do
    email="drill-$DRILL-$(date +%s%N)-$i@example.com"
    member=$(ok_json 201 "$(api POST /api/auth/signup "{\"email\":\"$email\",\"password\":\"password123\",\"name\":\"Drill $i\"}")" | jq -r '.memberId // .id')
    token=$(ok_json 200 "$(api POST /api/auth/login "{\"email\":\"$email\",\"password\":\"password123\"}")" | jq -r .accessToken)
    credited=$(api POST "/api/admin/members/$member/wallet/credit" '{"amount":10000000}' "$ADMIN")
    if [[ ${credited%% *} == 404 ]]; then # the admin credit is not on this build yet: the member self-charge
      credited=$(api POST /api/members/me/wallet/charge '{"amount":10000000}' "$token")
    fi
    [[ ${credited%% *} == 200 ]] || die "could not fund member $member: ${credited:0:200}"
    echo "$token" >>"$OUT/order-tokens.txt"
  done
  local base=$(( ($(date +%s) % 100000) * 1000000 + 200000000000 ))
  python3 "$ROOT/load/mint_tokens.py" "$SURGE_JWT_SECRET" "$base" "${COUPON_TOKENS:-60000}" >"$OUT/coupon-tokens.txt"
  say "prepared: campaign $COUPON ($COUPON_TOTAL), option $OPTION, ${ORDER_MEMBERS:-12} funded members"
}

# load_start SECONDS COUPON_RPS ORDER_RPS: the load in the background (LOAD_PID)
load_start() {
  LOAD_DESC="${2}/s coupon issues + ${3}/s orders (placed and paid) for ${1}s through nginx"
  python3 "$ROOT/stage/drill_load.py" --seconds "$1" --coupon-id "$COUPON" --coupon-tokens "$OUT/coupon-tokens.txt" \
    --coupon-rps "$2" --order-tokens "$OUT/order-tokens.txt" --option-id "$OPTION" --order-rps "$3" \
    --threads "${LOAD_THREADS:-8}" --out "$OUT/load.json" >"$OUT/load.log" 2>&1 &
  LOAD_PID=$!
  say "load started: $LOAD_DESC"
}

# until_ok SECONDS: polls a coupon issue by a fresh member through nginx until it answers 201/409; prints seconds
until_ok() {
  local start=$SECONDS limit=$((SECONDS + $1)) n=0 token r
  while ((SECONDS < limit)); do
    n=$((n + 1))
    token=$(sed -n "$((${COUPON_TOKENS:-60000} - n))p" "$OUT/coupon-tokens.txt")
    r=$(api POST "/api/coupons/$COUPON/issue" "" "$token")
    [[ ${r%% *} == 201 || ${r%% *} == 409 ]] && { echo $((SECONDS - start)); return 0; }
    sleep 0.5
  done
  echo -1
}

fault() { FAULT_AT=$(date +%s.%N); say "FAULT: $*"; "$@" >>"$OUT/stage-run.log" 2>&1 || die "$* failed"; }
restore() { say "RESTORE: $*"; "$@" >>"$OUT/stage-run.log" 2>&1 || die "$* failed"; RESTORED_AT=$SECONDS; }

# drill_finish "WHAT WAS BROKEN" RECOVER_SECONDS: waits for the load, reconciles, checks every answer, reports.
drill_finish() {
  local broken=$1 recover=$2 rc=0 lost_coupons lost_orders dups balanced_at verdict
  wait "$LOAD_PID" || true
  cat "$OUT/load.log"
  local load_end=$SECONDS
  if declare -F before_reconcile >/dev/null; then before_reconcile; fi
  "$ROOT/stage/reconcile" --wait "${RECONCILE_WAIT:-90}" | tee "$OUT/reconcile.log" || rc=1
  balanced_at=$((SECONDS - load_end))
  jq -r '.issued[]' "$OUT/load.json" | sort >"$OUT/issued.txt"
  sql "SELECT id FROM user_coupon WHERE coupon_id = $COUPON" | sort >"$OUT/rows.txt"
  lost_coupons=$(comm -23 "$OUT/issued.txt" "$OUT/rows.txt" | wc -l)
  jq -r '.orders[]' "$OUT/load.json" | sort >"$OUT/acked.txt"
  sql "SELECT id FROM orders" | sort >"$OUT/order-rows.txt"
  lost_orders=$(comm -23 "$OUT/acked.txt" "$OUT/order-rows.txt" | wc -l)
  dups=$(sql "SELECT (SELECT COUNT(*) FROM (SELECT coupon_id, member_id FROM user_coupon GROUP BY coupon_id, member_id HAVING COUNT(*) > 1) c)
            + (SELECT COUNT(*) FROM (SELECT order_id FROM wallet_ledger WHERE order_id IS NOT NULL GROUP BY order_id HAVING COUNT(*) > 1) d)")
  local sent_twice
  sent_twice=$(curl -s "http://127.0.0.1:8089/__admin/requests?limit=100000" |
    jq -r '[.requests[] | select(.request.url == "/orders" and .responseDefinition.status == 200) | .request.headers["Idempotency-Key"]] | group_by(.) | map(select(length > 1) | .[0]) | .[]' 2>/dev/null |
    sed 's/^surge-order-//' | sort | comm -12 - "$OUT/acked.txt" | wc -l)
  # the platform deduplicates by Idempotency-Key: a second delivery of one key (an instance killed between the send
  # and recording it) is at-least-once working as designed, reported next to the duplicates, not as one
  local dups_text=$dups
  ((${sent_twice:-0} > 0)) && dups_text="$dups (+${sent_twice} order(s) delivered again to the platform under the same Idempotency-Key)"
  # 502 (nginx, while an instance is being killed) and 503 (designed: unavailable, retry) are honest answers under a
  # fault; any other 5xx is a bug the drill found
  local bugs
  bugs=$(jq '[.statuses | to_entries[] | select(.key | test(":5..$")) | select(.key | test(":50[23]$") | not) | .value] | add // 0' "$OUT/load.json")
  verdict=PASS
  ((rc == 0 && lost_coupons == 0 && lost_orders == 0 && dups == 0 && bugs == 0)) || verdict=FAIL
  local errors
  errors=$(jq -r '"\(.errors) of \(.requests) (\([.statuses | to_entries[] | select(.key | test(":(0|5..)$")) | "\(.key)=\(.value)"] | join(", ")))\(if .error_p99_ms then ", answered in p99 \(.error_p99_ms) ms" else "" end)"' "$OUT/load.json")
  LOAD_DESC="$LOAD_DESC (achieved $(jq -r .rps "$OUT/load.json") req/s in all)"
  python3 "$ROOT/stage/drill_report.py" "$ROOT/docs/reliability.md" "$DRILL" \
    "$LOAD_DESC" "$broken" "$errors" "$lost_coupons coupons, $lost_orders orders" "$dups_text" \
    "$(jq -r --arg f "${FAULT_AT:-0}" 'if .last_error then "errors until \((.last_error - ($f | tonumber)) | floor)s after the fault; " else "no errors; " end' "$OUT/load.json")service back ${recover}s after the restore; balanced ${balanced_at}s after the load" "$verdict" \
    "$(grep '^reconcile-json' "$OUT/reconcile.log" | cut -d' ' -f2-)"
  say "VERDICT $verdict: lost $lost_coupons coupons / $lost_orders orders, $dups_text duplicates, client-visible errors $errors, recovered ${recover}s, balanced ${balanced_at}s after the load"
  [[ $verdict == PASS ]]
}
