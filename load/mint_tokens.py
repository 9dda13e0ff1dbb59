#!/usr/bin/env python3
"""Mints HS256 member tokens with the stage's signing key, one per line: a load run needs thousands of members
without paying a bcrypt hash per signup (signup throughput is measured separately)."""
import base64, hashlib, hmac, json, sys, time

def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

def main() -> None:
    secret, first, count = sys.argv[1].encode(), int(sys.argv[2]), int(sys.argv[3])
    header = b64(json.dumps({"alg": "HS256"}, separators=(",", ":")).encode())
    now = int(time.time())
    out = sys.stdout
    for member in range(first, first + count):
        claims = {"iss": "surge", "aud": "surge-api", "sub": str(member), "iat": now, "exp": now + 7200, "roles": ["USER"]}
        payload = b64(json.dumps(claims, separators=(",", ":")).encode())
        signing_input = f"{header}.{payload}".encode()
        signature = b64(hmac.new(secret, signing_input, hashlib.sha256).digest())
        out.write(f"{header}.{payload}.{signature}\n")

if __name__ == "__main__":
    main()
