#!/usr/bin/env bash
# Fail when a source file includes a header of a later layer, or when a
# project header shadows a standard C or POSIX header.
#   usage: tests/check_layers.sh LAYER...   (lowest first, as in the Makefile)
set -u
layers=("$@")
[ ${#layers[@]} -gt 0 ] || { echo "usage: $0 LAYER..." >&2; exit 2; }
declare -A layer_of
bad=0
for i in "${!layers[@]}"; do
  for h in "${layers[$i]}"/*.h; do
    [ -e "$h" ] || continue
    name=$(basename "$h")
    if [ -n "${layer_of[$name]+x}" ]; then
      echo "$h: header name also used in ${layers[${layer_of[$name]}]}"; bad=1
    fi
    layer_of[$name]=$i
  done
done
std="assert.h ctype.h errno.h float.h limits.h locale.h math.h setjmp.h signal.h
stdarg.h stdatomic.h stdbool.h stddef.h stdint.h stdio.h stdlib.h string.h
time.h threads.h unistd.h fcntl.h glob.h getopt.h"
for s in $std; do
  if [ -n "${layer_of[$s]+x}" ]; then
    echo "${layers[${layer_of[$s]}]}/$s: shadows the system header <$s>"; bad=1
  fi
done
for i in "${!layers[@]}"; do
  for f in "${layers[$i]}"/*.[ch]; do
    [ -e "$f" ] || continue
    while IFS=: read -r line inc; do
      name=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"$inc")
      if [ -z "${layer_of[$name]+x}" ]; then
        echo "$f:$line: \"$name\" is in no layer (${layers[*]})"; bad=1
      elif [ "${layer_of[$name]}" -gt "$i" ]; then
        echo "$f:$line: includes \"$name\" of ${layers[${layer_of[$name]}]}, a later layer than ${layers[$i]}"; bad=1
      fi
    done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f")
  done
done
if [ "$bad" -ne 0 ]; then
  echo "layers: an include points up the order ${layers[*]}"; exit 1
fi
echo "layers: every include points down the order ${layers[*]}"
