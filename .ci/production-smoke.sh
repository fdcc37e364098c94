#!/usr/bin/env bash
# Runs the app as production runs it: `dotnet publish -r linux-x64`, ASPNETCORE_ENVIRONMENT=Production with only the
# settings Production requires, then checks over HTTP that pages and framework files answer, that a new account can
# register and sign in, that a forged Host header is refused, and the security headers. A Production-only failure
# (a missing setting, a static-asset 500) is caught here, before it lands.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTIFACTS=/tmp/ocop-smoke-artifacts
PUBLISH=/tmp/ocop-smoke-publish
LOGS=/tmp/ocop-smoke-logs
PORT="${SMOKE_PORT:-5398}"
BASE="http://127.0.0.1:$PORT"
SKIP_BUILD=""
source "$REPO/bench/lib.sh"

mkdir -p "$LOGS"
rm -rf "$PUBLISH" /tmp/ocop-smoke.db*
log "Publish OcopMarket.Web for linux-x64 (Release)"
dotnet publish "$REPO/OcopMarket.Web/OcopMarket.Web.csproj" -c Release -r linux-x64 --self-contained false \
    -o "$PUBLISH" --artifacts-path "$ARTIFACTS" -nologo -v quiet
echo "publish output: $(du -sh "$PUBLISH" | cut -f1)"
if curl -s -o /dev/null --max-time 2 "$BASE/"; then fail "something already answers on $BASE; set SMOKE_PORT"; fi

log "Start it in Production on $BASE"
start_app "$LOGS/app.log" /robots.txt "Site__PublicUrl=$BASE" "ConnectionStrings__Ocop=Data Source=/tmp/ocop-smoke.db" \
    "Email__PickupDirectory=$LOGS/mail" "Legal__OperatorName=Công ty TNHH Kiểm thử OcopMarket" "Legal__OperatorRegistration=0109999999"

check() { # check NAME EXPECTED-STATUS URL [curl args…]
    local name="$1" expected="$2" url="$3"; shift 3
    local status; status=$(curl -s -o "$LOGS/body" -D "$LOGS/headers" -w '%{http_code}' "$@" "$url")
    [[ "$status" == "$expected" ]] || fail "$name: $url answered $status, expected $expected (log: $LOGS/app.log)"
    echo "ok  $name ($status)"
}
header() { # header NAME: the response of the last check carries it
    grep -qi "^$1:" "$LOGS/headers" || fail "the last response has no $1 header"
    echo "ok  header $1"
}

check "home page" 200 "$BASE/"
grep -q "OcopMarket" "$LOGS/body" || fail "the home page does not say OcopMarket"
header "X-Content-Type-Options"
header "Content-Security-Policy"
check "catalog" 200 "$BASE/san-pham?q=che"
check "operating rules" 200 "$BASE/quy-che-hoat-dong"
grep -q "Công ty TNHH Kiểm thử OcopMarket" "$LOGS/body" || fail "the operating rules do not name the configured operator"
check "product page" 200 "$BASE/san-pham/che-dinh-tan-cuong"
check "Blazor's script (static assets outside Development)" 200 "$BASE/_framework/blazor.web.js"
check "a forged Host header" 400 "$BASE/robots.txt" -H "Host: evil.example"
check "an unknown page" 404 "$BASE/khong-co-trang-nay"

log "Register a new account and sign in"
JAR="$LOGS/cookies"; rm -f "$JAR"
form_token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"\|name="__RequestVerificationToken" value="[^"]*"' "$LOGS/body" | head -1 | sed 's/.*value="//; s/"$//'; }
EMAIL="smoke-$(date +%s)@example.test"
PASSWORD="smoke-Passphrase-2026"
check "register page" 200 "$BASE/Account/Register" -c "$JAR" -b "$JAR"
TOKEN="$(form_token)"; [[ -n "$TOKEN" ]] || fail "no antiforgery token on the register page"
check "register" 302 "$BASE/Account/Register" -c "$JAR" -b "$JAR" \
    --data-urlencode "__RequestVerificationToken=$TOKEN" --data-urlencode "_handler=register" \
    --data-urlencode "Input.AcceptTerms=true" --data-urlencode "Input.DisplayName=Smoke Test" --data-urlencode "Input.Email=$EMAIL" \
    --data-urlencode "Input.Password=$PASSWORD" --data-urlencode "Input.ConfirmPassword=$PASSWORD"
rm -f "$JAR"
check "sign-in page" 200 "$BASE/Account/Login" -c "$JAR" -b "$JAR"
TOKEN="$(form_token)"; [[ -n "$TOKEN" ]] || fail "no antiforgery token on the sign-in page"
check "sign in" 302 "$BASE/Account/Login" -c "$JAR" -b "$JAR" \
    --data-urlencode "__RequestVerificationToken=$TOKEN" --data-urlencode "_handler=login" \
    --data-urlencode "Input.Email=$EMAIL" --data-urlencode "Input.Password=$PASSWORD"
grep -q "Identity.Application" "$JAR" || fail "signing in set no sign-in cookie"
check "signed in, the home page" 200 "$BASE/" -b "$JAR"
grep -q "Đăng xuất\|Sign out" "$LOGS/body" || fail "the home page does not show the signed-in user"

stop_app
if grep -q "Unhandled exception\|fail:" "$LOGS/app.log"; then cat "$LOGS/app.log" >&2; fail "the app logged errors"; fi
echo "Production smoke test passed."
