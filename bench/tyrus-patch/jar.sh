#!/usr/bin/env bash
# Builds bench/target/tyrus-patch.jar (this folder's Masker alone) and prints its path. run.sh and
# profile.sh, given --tyrus-patch, put it before target/lib/* on the bench server's class path,
# where its org.glassfish.tyrus.core.Masker wins over tyrus-core's (see README.md).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(dirname "$HERE")/target/tyrus-patch
rm -rf "$OUT"
mkdir -p "$OUT"
javac --release 17 -d "$OUT" "$HERE/Masker.java"
jar --create --file "$OUT.jar" -C "$OUT" .
echo "$OUT.jar"
